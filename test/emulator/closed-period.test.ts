import { EmulatorClient, faultCode, type Company } from './emulator-client';

describe('emulator: books closed through a date (6210 Account Period Closed)', () => {
  const emulator = EmulatorClient.use();
  let company: Company;
  let customer: { Id: string };
  let payment: { Id: string; SyncToken: string };
  beforeEach(async () => {
    company = await emulator.company();
    customer = await emulator.created(company, 'Customer', { DisplayName: 'Pat Pool' });
    payment = await emulator.created(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 25, TxnDate: '2026-03-10' });
    const closing = await emulator.control('POST', `/realms/${company.realmId}/close-books`, { closedThrough: '2026-03-31' });
    expect(closing.status).toBe(200);
  });

  it('refuses a transaction dated on or before the closing date, with the element named', async () => {
    const answer = await emulator.create(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 10, TxnDate: '2026-03-31' });
    expect(answer.status).toBe(400);
    expect(faultCode(answer)).toBe('6210');
    expect(answer.body.Fault.Error[0]).toMatchObject({ Message: 'Account Period Closed', element: 'TxnDate' });
  });

  it('accepts one dated after it', async () => {
    const answer = await emulator.create(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 10, TxnDate: '2026-04-01' });
    expect(answer.status).toBe(200);
  });

  it('refuses to change, move out of the period, or delete a transaction inside it', async () => {
    const moved = await emulator.api(company, 'POST', 'payment', { Id: payment.Id, SyncToken: payment.SyncToken, sparse: true, TxnDate: '2026-04-02' });
    expect(faultCode(moved)).toBe('6210');
    const deleted = await emulator.api(company, 'POST', 'payment?operation=delete', { Id: payment.Id, SyncToken: payment.SyncToken });
    expect(faultCode(deleted)).toBe('6210');
  });

  it('reopens the books with null, and refuses a closing date that is not a date', async () => {
    expect((await emulator.control('POST', `/realms/${company.realmId}/close-books`, { closedThrough: 'March' })).status).toBe(400);
    expect((await emulator.control('POST', `/realms/${company.realmId}/close-books`, { closedThrough: null })).status).toBe(200);
    const answer = await emulator.create(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 10, TxnDate: '2026-03-15' });
    expect(answer.status).toBe(200);
  });
});
