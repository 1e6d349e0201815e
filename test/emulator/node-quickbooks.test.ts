import QuickBooks from 'node-quickbooks';
import { EmulatorClient, type Company } from './emulator-client';

/** node-quickbooks is callback based; this turns one call into a promise that rejects with QBO's error body. */
const call = <T>(run: (callback: (error: unknown, data: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => run((error, data) => (error ? reject(error) : resolve(data))));

describe('emulator driven by node-quickbooks (a third-party QBO client)', () => {
  const emulator = EmulatorClient.use();
  let company: Company;
  let qbo: any;
  beforeAll(async () => {
    company = await emulator.company('Node QB Co');
    qbo = new (QuickBooks as any)('client-id', 'client-secret', company.accessToken, false, company.realmId, true, false, 75, '2.0', company.refreshToken);
    qbo.endpoint = `${emulator.url}/v3/company/`;
  });

  it('creates, reads, sparse-updates and queries a customer', async () => {
    const created = await call<any>((cb) => qbo.createCustomer({ DisplayName: 'Node Customer', GivenName: 'Nora' }, cb));
    expect(created).toMatchObject({ DisplayName: 'Node Customer', SyncToken: '0' });
    const read = await call<any>((cb) => qbo.getCustomer(created.Id, cb));
    expect(read.DisplayName).toBe('Node Customer');
    const updated = await call<any>((cb) => qbo.updateCustomer({ Id: created.Id, SyncToken: created.SyncToken, FamilyName: 'Nodes' }, cb));
    expect(updated).toMatchObject({ SyncToken: '1', GivenName: 'Nora', FamilyName: 'Nodes' });
    const found = await call<any>((cb) => qbo.findCustomers({ DisplayName: 'Node Customer' }, cb));
    expect(found.QueryResponse.Customer.map((customer: any) => customer.Id)).toEqual([created.Id]);
    const counted = await call<any>((cb) => qbo.findCustomers({ count: true }, cb));
    expect(counted.QueryResponse.totalCount).toBe(1);
  });

  it('creates an invoice and a payment applied to it, then deletes the payment (by id: read, then delete)', async () => {
    const [services] = (await call<any>((cb) => qbo.findAccounts({ Name: 'Services' }, cb))).QueryResponse.Account;
    const customer = await call<any>((cb) => qbo.createCustomer({ DisplayName: 'Invoice Owner' }, cb));
    const item = await call<any>((cb) => qbo.createItem({ Name: 'Pool clean', Type: 'Service', UnitPrice: 80, IncomeAccountRef: { value: services.Id } }, cb));
    const invoice = await call<any>((cb) =>
      qbo.createInvoice({ CustomerRef: { value: customer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 80, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 80 } }] }, cb),
    );
    const payment = await call<any>((cb) =>
      qbo.createPayment({ CustomerRef: { value: customer.Id }, TotalAmt: 80, Line: [{ Amount: 80, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] }, cb),
    );
    expect((await call<any>((cb) => qbo.getInvoice(invoice.Id, cb))).Balance).toBe(0);
    const deleted = await call<any>((cb) => qbo.deletePayment(payment.Id, cb));
    expect(deleted.Payment).toMatchObject({ status: 'Deleted', Id: payment.Id });
    expect((await call<any>((cb) => qbo.getInvoice(invoice.Id, cb))).Balance).toBe(80);
  });

  it('passes QBO faults through to the client', async () => {
    await call((cb) => qbo.createCustomer({ DisplayName: 'Twice' }, cb));
    const error: any = await call((cb) => qbo.createCustomer({ DisplayName: 'twice' }, cb)).catch((caught) => caught);
    expect(error.response.status).toBe(400);
    expect(error.response.data.Fault.Error[0].code).toBe('6240');
  });

  it('sends a requestId that the emulator replays', async () => {
    const first = await call<any>((cb) => qbo.createCustomer({ DisplayName: 'Idempotent', requestId: 'nqb-1' }, cb));
    const second = await call<any>((cb) => qbo.createCustomer({ DisplayName: 'Idempotent', requestId: 'nqb-1' }, cb));
    expect(second.Id).toBe(first.Id);
  });
});
