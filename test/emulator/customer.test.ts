import { EmulatorClient, faultCode, type Company } from './emulator-client';

describe('emulator: Customer create, read, sparse and full update, name rules', () => {
  const emulator = EmulatorClient.use();
  let company: Company;
  beforeEach(async () => {
    company = await emulator.company('Blue Lagoon Pools');
  });

  it('creates a customer with QBO ids, SyncToken "0", MetaData and defaults, and reads it back', async () => {
    const created = await emulator.create(company, 'Customer', { DisplayName: "King's Groceries", GivenName: 'James', PrimaryEmailAddr: { Address: 'jk@example.com' } });
    expect(created.status).toBe(200);
    expect(created.headers.get('intuit_tid')).toBeTruthy();
    const customer = created.body.Customer;
    expect(customer).toMatchObject({ DisplayName: "King's Groceries", FullyQualifiedName: "King's Groceries", Active: true, SyncToken: '0', domain: 'QBO', sparse: false, Balance: 0 });
    expect(typeof customer.Id).toBe('string');
    expect(customer.MetaData.CreateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[78]:00$/);
    expect(created.body.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-0[78]:00$/);
    const read = await emulator.api(company, 'GET', `customer/${customer.Id}`);
    expect(read.status).toBe(200);
    expect(read.body.Customer).toEqual(customer);
  });

  it('builds DisplayName from the name parts when it is missing, and refuses a customer with no name at all (2020)', async () => {
    const generated = await emulator.created(company, 'Customer', { GivenName: 'Ana', FamilyName: 'Ruiz' });
    expect(generated.DisplayName).toBe('Ana Ruiz');
    const missing = await emulator.create(company, 'Customer', { CompanyName: 'Nameless Inc' });
    expect(missing.status).toBe(400);
    expect(missing.body.Fault).toMatchObject({ type: 'ValidationFault', Error: [{ code: '2020', element: 'DisplayName' }] });
  });

  it('a sparse update changes only what is sent and raises the SyncToken', async () => {
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'Maria Lopez', GivenName: 'Maria', CompanyName: 'Lopez Pools' });
    const updated = await emulator.api(company, 'POST', 'customer', { Id: customer.Id, SyncToken: '0', sparse: true, FamilyName: 'Lopez' });
    expect(updated.status).toBe(200);
    expect(updated.body.Customer).toMatchObject({ SyncToken: '1', GivenName: 'Maria', FamilyName: 'Lopez', CompanyName: 'Lopez Pools', DisplayName: 'Maria Lopez' });
  });

  it('a full update (no sparse flag) clears the writable fields it omits', async () => {
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'Full Update', CompanyName: 'Gone Soon', Notes: 'old' });
    const updated = await emulator.api(company, 'POST', 'customer?operation=update', { Id: customer.Id, SyncToken: customer.SyncToken, DisplayName: 'Full Update' });
    expect(updated.status).toBe(200);
    expect(updated.body.Customer.CompanyName).toBeUndefined();
    expect(updated.body.Customer.Notes).toBeUndefined();
    expect(updated.body.Customer.Active).toBe(true);
  });

  it('refuses an update with a stale SyncToken (5010) and one for an unknown Id (610)', async () => {
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'Stale Sam' });
    await emulator.api(company, 'POST', 'customer', { Id: customer.Id, SyncToken: '0', sparse: true, Notes: 'first' });
    const stale = await emulator.api(company, 'POST', 'customer', { Id: customer.Id, SyncToken: '0', sparse: true, Notes: 'second' });
    expect(stale.status).toBe(400);
    expect(faultCode(stale)).toBe('5010');
    const unknown = await emulator.api(company, 'POST', 'customer', { Id: '99999', SyncToken: '0', sparse: true, Notes: 'x' });
    expect(faultCode(unknown)).toBe('610');
    expect((await emulator.api(company, 'GET', 'customer/99999')).status).toBe(400);
  });

  it('DisplayName is unique case-insensitively across Customer, Vendor and Employee, inactive included (6240)', async () => {
    const first = await emulator.created(company, 'Customer', { DisplayName: 'The Smiths' });
    await emulator.api(company, 'POST', 'customer', { Id: first.Id, SyncToken: first.SyncToken, sparse: true, Active: false });
    const sameCustomer = await emulator.create(company, 'Customer', { DisplayName: '  the SMITHS ' });
    expect(sameCustomer.status).toBe(400);
    expect(sameCustomer.body.Fault.Error[0]).toMatchObject({ code: '6240', Message: 'Duplicate Name Exists Error' });
    const vendor = await emulator.create(company, 'Vendor', { DisplayName: 'The Smiths' });
    expect(faultCode(vendor)).toBe('6240');
    await emulator.created(company, 'Employee', { GivenName: 'Eve', FamilyName: 'Adams' });
    expect(faultCode(await emulator.create(company, 'Customer', { DisplayName: 'eve adams' }))).toBe('6240');
  });

  it('renaming frees the old name and takes the new one', async () => {
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'Old Name' });
    await emulator.api(company, 'POST', 'customer', { Id: customer.Id, SyncToken: '0', sparse: true, DisplayName: 'New Name' });
    expect((await emulator.create(company, 'Customer', { DisplayName: 'Old Name' })).status).toBe(200);
    expect(faultCode(await emulator.create(company, 'Customer', { DisplayName: 'New Name' }))).toBe('6240');
  });

  it('refuses colons, tabs and newlines in names, over-long names and unknown properties', async () => {
    expect((await emulator.create(company, 'Customer', { DisplayName: 'Parent:Child' })).status).toBe(400);
    expect((await emulator.create(company, 'Customer', { DisplayName: 'Tab\there' })).status).toBe(400);
    expect((await emulator.create(company, 'Customer', { DisplayName: 'Line\nbreak' })).status).toBe(400);
    expect(faultCode(await emulator.create(company, 'Customer', { DisplayName: 'x'.repeat(501) }))).toBe('2050');
    expect(faultCode(await emulator.create(company, 'Customer', { DisplayName: 'Ok', GivenName: 'y'.repeat(101) }))).toBe('2050');
    expect(faultCode(await emulator.create(company, 'Customer', { DisplayName: 'Ok', Nickname: 'nope' }))).toBe('2010');
    expect(faultCode(await emulator.create(company, 'Customer', { DisplayName: 'Ok', PrimaryEmailAddr: { Address: 'not-an-email' } }))).toBe('6000');
  });

  it('answers malformed JSON with a 400 ValidationFault, not a crash', async () => {
    const response = await fetch(`${emulator.url}/v3/company/${company.realmId}/customer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${company.accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
      body: '{"DisplayName": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).Fault.type).toBe('ValidationFault');
  });

  it('customers cannot be deleted, only made inactive', async () => {
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'Forever' });
    const deleted = await emulator.api(company, 'POST', 'customer?operation=delete', { Id: customer.Id, SyncToken: customer.SyncToken });
    expect(deleted.status).toBe(400);
    expect(faultCode(deleted)).toBe('500');
  });
});
