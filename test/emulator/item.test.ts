import { EmulatorClient, faultCode, type Company } from './emulator-client';

describe('emulator: Item rules', () => {
  const emulator = EmulatorClient.use();
  let company: Company;
  let services: any;
  beforeEach(async () => {
    company = await emulator.company();
    services = await emulator.account(company, 'Services');
  });

  it('creates a Service item with its income account, price in decimals, and reads it back', async () => {
    const item = await emulator.created(company, 'Item', { Name: 'Drain cleaning', Type: 'Service', UnitPrice: 150.1, Sku: 'SVC-DRAIN', IncomeAccountRef: { value: services.Id } });
    expect(item).toMatchObject({ Name: 'Drain cleaning', FullyQualifiedName: 'Drain cleaning', Type: 'Service', UnitPrice: 150.1, Active: true, IncomeAccountRef: { value: services.Id, name: 'Services' } });
    expect((await emulator.api(company, 'GET', `item/${item.Id}`)).body.Item).toEqual(item);
  });

  it('requires Name and Type (2020), a known Type (2170), and an income account (2020)', async () => {
    expect(faultCode(await emulator.create(company, 'Item', { Type: 'Service', IncomeAccountRef: { value: services.Id } }))).toBe('2020');
    expect(faultCode(await emulator.create(company, 'Item', { Name: 'No type', IncomeAccountRef: { value: services.Id } }))).toBe('2020');
    expect(faultCode(await emulator.create(company, 'Item', { Name: 'Odd', Type: 'Gadget', IncomeAccountRef: { value: services.Id } }))).toBe('2170');
    expect(faultCode(await emulator.create(company, 'Item', { Name: 'No account', Type: 'NonInventory' }))).toBe('2020');
  });

  it('refuses an unknown account (2500), an inactive one (610) and a non-Income one (6000)', async () => {
    expect(faultCode(await emulator.create(company, 'Item', { Name: 'A', Type: 'Service', IncomeAccountRef: { value: '9999' } }))).toBe('2500');
    const checking = await emulator.account(company, 'Checking');
    expect(faultCode(await emulator.create(company, 'Item', { Name: 'B', Type: 'Service', IncomeAccountRef: { value: checking.Id } }))).toBe('6000');
    const extra = await emulator.created(company, 'Account', { Name: 'Old Income', AccountType: 'Income' });
    await emulator.api(company, 'POST', 'account', { Id: extra.Id, SyncToken: extra.SyncToken, sparse: true, Active: false });
    expect(faultCode(await emulator.create(company, 'Item', { Name: 'C', Type: 'Service', IncomeAccountRef: { value: extra.Id } }))).toBe('610');
  });

  it('Item names are unique case-insensitively, inactive included (6240), but may equal a customer name', async () => {
    const first = await emulator.created(company, 'Item', { Name: 'Chlorine', Type: 'NonInventory', IncomeAccountRef: { value: services.Id } });
    await emulator.api(company, 'POST', 'item', { Id: first.Id, SyncToken: first.SyncToken, sparse: true, Active: false });
    const duplicate = await emulator.create(company, 'Item', { Name: 'CHLORINE', Type: 'Service', IncomeAccountRef: { value: services.Id } });
    expect(duplicate.body.Fault.Error[0]).toMatchObject({ code: '6240' });
    expect(duplicate.body.Fault.Error[0].Detail).toContain('product or service');
    expect((await emulator.create(company, 'Customer', { DisplayName: 'Chlorine' })).status).toBe(200);
  });

  it('refuses colons in item names and names over 100 characters', async () => {
    expect((await emulator.create(company, 'Item', { Name: 'Pool:Filter', Type: 'Service', IncomeAccountRef: { value: services.Id } })).status).toBe(400);
    expect(faultCode(await emulator.create(company, 'Item', { Name: 'n'.repeat(101), Type: 'Service', IncomeAccountRef: { value: services.Id } }))).toBe('2050');
  });

  it('a sparse update keeps the income account; an inactive item cannot be used on an invoice (610)', async () => {
    const item = await emulator.created(company, 'Item', { Name: 'Filter', Type: 'Service', UnitPrice: 10, IncomeAccountRef: { value: services.Id } });
    const updated = await emulator.api(company, 'POST', 'item', { Id: item.Id, SyncToken: item.SyncToken, sparse: true, UnitPrice: 12.5, Active: false });
    expect(updated.body.Item).toMatchObject({ UnitPrice: 12.5, Active: false, IncomeAccountRef: { value: services.Id }, SyncToken: '1' });
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'Uses Inactive' });
    const invoice = await emulator.create(company, 'Invoice', {
      CustomerRef: { value: customer.Id },
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: item.Id } } }],
    });
    expect(faultCode(invoice)).toBe('610');
  });
});
