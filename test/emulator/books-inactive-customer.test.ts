import { books, booksCompany, invoiceOf, paymentOf } from './books-fixture';
import { EmulatorClient, faultCode } from './emulator-client';

describe('emulator books: an inactive customer', () => {
  const emulator = EmulatorClient.use();
  const setActive = (emulatorCompany: any, customer: any, syncToken: string, active: boolean) =>
    emulator.api(emulatorCompany, 'POST', 'customer', { Id: customer.Id, SyncToken: syncToken, sparse: true, Active: active });

  it('cannot be made inactive while it owes money (Delete List Has Balance); once paid it can, and then takes no transactions (610)', async () => {
    const { company, customer, item } = await booksCompany(emulator, 'Cancelled Service');
    const invoice = await emulator.created(company, 'Invoice', invoiceOf(customer, item, 40));
    const refused = await setActive(company, customer, '0', false);
    expect(refused.status).toBe(400);
    expect(refused.body.Fault.Error[0]).toMatchObject({ code: '6000', Message: 'Delete List Has Balance Error' });
    await emulator.created(company, 'Payment', paymentOf(customer, 40, [[invoice.Id, 40]]));
    expect((await setActive(company, customer, '0', false)).status).toBe(200);
    const late = await emulator.create(company, 'Payment', paymentOf(customer, 5));
    expect(faultCode(late)).toBe('610');
    expect((await books(emulator, company)).customers['Cancelled Service']).toMatchObject({ active: false, balanceCents: 0 });
  });

  it('a credit balance also keeps a customer active', async () => {
    const { company, customer } = await booksCompany(emulator, 'Holds Credit');
    await emulator.created(company, 'Payment', paymentOf(customer, 15));
    expect(faultCode(await setActive(company, customer, '0', false))).toBe('6000');
  });
});
