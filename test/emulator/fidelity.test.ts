import { EmulatorClient, faultCode, type Company } from './emulator-client';

describe('emulator fidelity: times in the company\'s zone, daylight saving included', () => {
  let now = Date.parse('2026-01-01T05:30:00Z'); // still Dec 31 in California
  const emulator = EmulatorClient.use({ now: () => now });

  it('winter answers carry -08:00 and summer ones -07:00; CompanyStartDate and a default TxnDate are the company\'s date', async () => {
    const company = await emulator.company();
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'Winter Customer' });
    expect(customer.MetaData.CreateTime).toBe('2025-12-31T21:30:00-08:00');
    expect((await emulator.api(company, 'GET', `companyinfo/${company.realmId}`)).body.CompanyInfo.CompanyStartDate).toBe('2025-12-31');
    const services = await emulator.account(company, 'Services');
    const item = await emulator.created(company, 'Item', { Name: 'Visit', Type: 'Service', IncomeAccountRef: { value: services.Id } });
    const invoice = await emulator.created(company, 'Invoice', { CustomerRef: { value: customer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: item.Id } } }] });
    expect(invoice).toMatchObject({ TxnDate: '2025-12-31', DueDate: '2026-01-30', SalesTermRef: { value: '3' } });
    now = Date.parse('2026-07-01T19:00:00Z');
    const summer = await emulator.created(await emulator.company(), 'Customer', { DisplayName: 'Summer Customer' });
    expect(summer.MetaData.CreateTime).toBe('2026-07-01T12:00:00-07:00');
  });
});

describe('emulator fidelity: ids, queries, batches and delete bodies as strict as QBO', () => {
  const emulator = EmulatorClient.use();
  let company: Company;
  beforeAll(async () => {
    company = await emulator.company();
  });

  it('each QBO list numbers its own Ids: the first customer and the first item are both 1', async () => {
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'First Customer' });
    const vendor = await emulator.created(company, 'Vendor', { DisplayName: 'First Vendor' });
    const item = await emulator.created(company, 'Item', { Name: 'First Item', Type: 'Category' });
    expect([customer.Id, vendor.Id, item.Id]).toEqual(['1', '2', '1']);
  });

  it('an unquoted number is a parse error (4000), a quoted boolean a SystemFault (500), NOT IN is accepted', async () => {
    expect(faultCode(await emulator.query(company, 'select * from Customer where Id = 1'))).toBe('4000');
    const quoted = await emulator.query(company, "select * from Customer where Active = 'true'");
    expect(quoted.status).toBe(500);
    expect(quoted.body.Fault.type).toBe('SystemFault');
    const notIn = await emulator.query(company, "select * from Customer where Id NOT IN ('1')");
    expect(notIn.status).toBe(200);
    expect(notIn.body.QueryResponse.Customer ?? []).not.toContainEqual(expect.objectContaining({ Id: '1' }));
  });

  it('a batch item whose requestid and bId pass 50 characters is refused (6000); shorter ones pass', async () => {
    const batch = { BatchItemRequest: [{ bId: 'b'.repeat(20), Query: 'select * from Customer' }, { bId: 'b1', Query: 'select * from Customer' }] };
    const answer = await emulator.api(company, 'POST', `batch?requestid=${'r'.repeat(36)}`, batch);
    expect(answer.body.BatchItemResponse.map((item: any) => item.Fault?.Error?.[0]?.code ?? 'ok')).toEqual(['6000', 'ok']);
  });

  it('a delete body with a property the entity does not have is refused (2010); CompanyInfo answers only to its realm id', async () => {
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'Paying Customer' });
    const payment = await emulator.created(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 5 });
    expect(faultCode(await emulator.api(company, 'POST', 'payment?operation=delete', { Id: payment.Id, SyncToken: payment.SyncToken, Colour: 'red' }))).toBe('2010');
    expect(faultCode(await emulator.api(company, 'GET', 'companyinfo/1'))).toBe('610');
  });

  it('a customer prints its company name on checks; a customer\'s and a vendor\'s defaults are those QBO answers with', async () => {
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'Kings Groceries Display', CompanyName: 'King Groceries', BillAddr: { Line1: '123 Main Street' } });
    expect(customer).toMatchObject({ PrintOnCheckName: 'King Groceries', PreferredDeliveryMethod: 'Print', BillWithParent: false, IsProject: false, BillAddr: { Id: expect.stringMatching(/^\d+$/) } });
    expect(await emulator.created(company, 'Vendor', { DisplayName: 'Pool Parts Inc' })).toMatchObject({ Vendor1099: false, Balance: 0 });
  });
});
