import { booksCompany, invoiceOf } from './books-fixture';
import { EmulatorClient, faultCode } from './emulator-client';

// A definite refusal a test arms (POST /__emulator/refusals): the next writes of one entity are refused with a 400
// ValidationFault, stored under their requestid like QBO's own refusals, so only a new requestid gets through.
describe('emulator control: an armed refusal', () => {
  const emulator = EmulatorClient.use();

  it('refuses the next write of the entity (400, code 6000), replays it for the same requestid, and lets a new one through', async () => {
    const { company, customer, item } = await booksCompany(emulator, 'Armed Refusal');
    const armed = await emulator.control('POST', '/refusals', { realmId: company.realmId, entity: 'Invoice' });
    expect(armed.status).toBe(201);
    expect(await emulator.created(company, 'Customer', { DisplayName: 'Other entities pass' })).toMatchObject({ DisplayName: 'Other entities pass' });
    const refused = await emulator.create(company, 'Invoice', invoiceOf(customer, item, 10), 'armed-1');
    expect(refused.status).toBe(400);
    expect(faultCode(refused)).toBe('6000');
    expect(refused.body.Fault.type).toBe('ValidationFault');
    // The cause is gone (count 1 used up), yet the same requestid meets the stored refusal; a new one is written.
    expect((await emulator.create(company, 'Invoice', invoiceOf(customer, item, 10), 'armed-1')).status).toBe(400);
    expect((await emulator.create(company, 'Invoice', invoiceOf(customer, item, 10), 'armed-2')).status).toBe(200);
  });

  it('refuses every write until cleared (count null), with the code and words asked; bad arming is refused with why', async () => {
    const { company, customer, item } = await booksCompany(emulator, 'Until Cleared');
    await emulator.control('POST', '/refusals', { realmId: company.realmId, entity: 'payment', count: null, code: '6190', detail: 'Subscription period has ended' });
    const payment = { CustomerRef: { value: customer.Id }, TotalAmt: 5 };
    for (const requestid of ['p-1', 'p-2']) {
      const refused = await emulator.create(company, 'Payment', payment, requestid);
      expect([refused.status, faultCode(refused), refused.body.Fault.Error[0].Detail]).toEqual([400, '6190', 'Subscription period has ended']);
    }
    expect((await emulator.control('DELETE', `/refusals?realmId=${company.realmId}`)).body).toEqual({ realmId: company.realmId, cleared: 1 });
    expect((await emulator.create(company, 'Payment', payment, 'p-3')).status).toBe(200);
    expect((await emulator.create(company, 'Invoice', invoiceOf(customer, item, 10), 'i-1')).status).toBe(200);

    expect((await emulator.control('POST', '/refusals', { realmId: company.realmId, entity: 'Nonsense' })).status).toBe(400);
    expect((await emulator.control('POST', '/refusals', { realmId: company.realmId, entity: 'Invoice', count: 0 })).status).toBe(400);
    expect((await emulator.control('POST', '/refusals', { realmId: 'nope', entity: 'Invoice' })).status).toBe(404);
  });
});
