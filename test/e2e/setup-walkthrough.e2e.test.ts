import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { emulatorState } from '../support/emulator-state';
import { createRealm, seedQbo } from '../support/emulator-seed';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { waitForInitialSync } from '../support/setup-walk';
import { mountPath } from '../support/test-host';

const tenant = '501';
const as = (req: request.Test): request.Test => req.set('x-company-id', tenant);

describe('set-up walkthrough: connect, match, import, accounts, pre-flight, Save & Sync (MariaDB + emulator over HTTP)', () => {
  let realmId: string;
  const qbo: Record<string, string> = {};
  let services = '';

  const stack = useHostStack({
    seed: async ({ db, emulator }) => {
      realmId = await createRealm(emulator.url, 'Blue Lagoon Pools');
      const accounts = (await emulatorState(emulator.url, realmId)).Account ?? [];
      services = accounts.find((a) => a.Name === 'Services')!.Id;
      qbo['maria'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: 'Maria Lopez', GivenName: 'Maria', FamilyName: 'Lopez' })).Id;
      qbo['bob'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: 'Bob Stone', Active: false })).Id;
      qbo['smiths'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: 'John and Jane Smith', GivenName: 'John', FamilyName: 'Smith' })).Id;
      qbo['acme'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: 'Acme Resorts', CompanyName: 'Acme Resorts', PrimaryEmailAddr: { Address: 'ap@acme.example' } })).Id;
      qbo['vendor'] = (await seedQbo(emulator.url, realmId, 'vendor', { DisplayName: 'Pat Quinn' })).Id;
      qbo['chlorine'] = (await seedQbo(emulator.url, realmId, 'item', { Name: 'Chlorine Tabs', Type: 'NonInventory', UnitPrice: 12.5, IncomeAccountRef: { value: services } })).Id;
      qbo['filter'] = (await seedQbo(emulator.url, realmId, 'item', { Name: 'Filter Clean', Type: 'Service', UnitPrice: 80, IncomeAccountRef: { value: services } })).Id;

      const seed = new ReferenceHostSeeder(db.knex);
      await seed.customer(tenant, { firstName: 'Maria', lastName: 'Lopez' });
      await seed.customer(tenant, { firstName: 'Bob', lastName: 'Stone', isActive: true });
      await seed.customer(tenant, { companyName: 'The Smiths', displayAsCompany: true, firstName: 'John', lastName: 'Smith', email: null, phone: null, street: null });
      await seed.customer(tenant, { firstName: 'Dana', lastName: 'White', email: 'dana@example.com', phone: null, street: null });
      await seed.customer(tenant, { firstName: 'dana', lastName: 'white', email: null, phone: null, street: null });
      await seed.customer(tenant, { firstName: 'Pat', lastName: 'Quinn', email: null, phone: null, street: null });
      const zed = await seed.customer(tenant, { firstName: 'Zed', lastName: 'Inactive', isActive: false, email: null, phone: null, street: null });
      await seed.payment(tenant, { customerId: zed, amountCents: 4_250 });
      await seed.item(tenant, { kind: 'product', name: 'Chlorine Tabs', unitPriceCents: 1_250 });
      await seed.item(tenant, { kind: 'dosage', name: 'Shock Dose', unitPriceCents: 900 });
      await seed.item(tenant, { kind: 'pool_service', name: 'Weekly Service', unitPriceCents: 12_000 });
      await seed.item(tenant, { kind: 'work_order_type', name: 'Pump Repair', unitPriceCents: 25_000, isActive: false });
    },
  });

  beforeAll(async () => {
    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
  });

  it('connects to the company without starting the sync', async () => {
    const connection = await as(request(stack.host.app).get(`${mountPath}/connection`)).expect(200);
    expect(connection.body).toMatchObject({ status: 'connected', realmId, companyName: 'Blue Lagoon Pools' });
    const status = await as(request(stack.host.app).get(`${mountPath}/sync/status`)).expect(200);
    expect(status.body).toMatchObject({ enabled: false, job: null });
  });

  it('shows exact, near, QBO-only, status mismatch and duplicates for customers', async () => {
    const { body } = await as(request(stack.host.app).get(`${mountPath}/match/customers`)).expect(200);
    expect(body.matched.map((m: { qboId: string }) => m.qboId).sort()).toEqual([qbo['maria'], qbo['bob']].sort());
    expect(body.qboOnly.map((r: { name: string }) => r.name).sort()).toEqual(['Acme Resorts', 'John and Jane Smith']);
    expect(body.hostOnly.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['The Smiths', 'Pat Quinn', 'Zed Inactive']));
    expect(body.nearMatches).toContainEqual(expect.objectContaining({ hostName: 'The Smiths', qboName: 'John and Jane Smith', score: expect.any(Number), reason: expect.stringContaining('smith') }));
    expect(body.statusMismatches).toEqual([expect.objectContaining({ qboId: qbo['bob'], hostActive: true, qboActive: false, fix: 'host' })]);
    expect(body.duplicates).toContainEqual(expect.objectContaining({ reason: 'same-name', value: 'dana white' }));
  });

  it('imports QBO-only records into the host, linked at once; importing again imports nothing new', async () => {
    const first = await as(request(stack.host.app).post(`${mountPath}/import/customers`)).send({ qboIds: [qbo['acme']] }).expect(200);
    expect(first.body).toEqual({ imported: 1 });
    const again = await as(request(stack.host.app).post(`${mountPath}/import/customers`)).send({ qboIds: [qbo['acme']] }).expect(409);
    expect(again.body.error).toMatchObject({ code: 'not_qbo_only', message: expect.stringContaining('duplicate') });
    const acme = await stack.db.knex('customers').where({ company_id: tenant, company_name: 'Acme Resorts' });
    expect(acme).toHaveLength(1);
    expect(acme[0]).toMatchObject({ display_as_company: 1, email: 'ap@acme.example' });

    expect((await as(request(stack.host.app).post(`${mountPath}/import/items`)).send({}).expect(200)).body).toEqual({ imported: 1 });
    expect((await as(request(stack.host.app).post(`${mountPath}/import/items`)).send({}).expect(200)).body).toEqual({ imported: 0 });
    expect(await stack.db.knex('catalog_items').where({ company_id: tenant, name: 'Filter Clean' }).select('kind', 'unit_price_cents')).toEqual([{ kind: 'pool_service', unit_price_cents: 8_000 }]);
    const activity = await as(request(stack.host.app).get(`${mountPath}/activity`)).expect(200);
    expect(activity.body.items.filter((a: { action: string }) => a.action === 'import')).toHaveLength(2);
  });

  it('lists the accounts live and saves the chosen ones, refusing one of the wrong type', async () => {
    const { body } = await as(request(stack.host.app).get(`${mountPath}/accounts`)).expect(200);
    expect(body.income.map((a: { name: string }) => a.name)).toContain('Services');
    expect(body.deposit[0]).toMatchObject({ name: 'Undeposited Funds', accountType: 'Other Current Asset' });
    expect(body.deposit.map((a: { accountType: string }) => a.accountType).every((t: string) => t === 'Bank' || t === 'Other Current Asset')).toBe(true);
    const wrong = await as(request(stack.host.app).put(`${mountPath}/settings`)).send({ incomeAccountId: body.deposit[0].id }).expect(422);
    expect(wrong.body.error.code).toBe('wrong_income_account_type');
    await as(request(stack.host.app).post(`${mountPath}/sync/enable`)).send({ acknowledgeWarnings: true }).expect(409, /settings_incomplete/);
    await as(request(stack.host.app).put(`${mountPath}/settings`)).send({ incomeAccountId: services, depositAccountId: body.deposit[0].id }).expect(200);
    expect((await as(request(stack.host.app).get(`${mountPath}/settings`)).expect(200)).body).toMatchObject({ incomeAccountId: services, depositAccountId: body.deposit[0].id });
  });

  it('lists the duplicate, the vendor name collision and the credit in the pre-flight, and as CSV', async () => {
    const { body } = await as(request(stack.host.app).get(`${mountPath}/preflight`)).expect(200);
    expect(body.duplicates).toContainEqual(expect.objectContaining({ kind: 'customer', reason: 'same-name', value: 'dana white' }));
    expect(body.duplicates).toContainEqual(expect.objectContaining({ reason: 'name-used-by-vendor-or-employee', explanation: expect.stringContaining('the customer will be created as "Pat Quinn (2)"') }));
    expect(body.credits).toEqual([expect.objectContaining({ customerName: 'Zed Inactive', count: 1, totalCents: 4_250, explanation: expect.stringContaining('not carried over') })]);
    expect(body.notes.join(' ')).toMatch(/before you turn the sync on are not sent/);
    const csv = await as(request(stack.host.app).get(`${mountPath}/preflight/duplicates.csv`)).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('"dana white"');
  });

  it('asks for the warnings to be acknowledged, then runs the initial sync to the end', async () => {
    await as(request(stack.host.app).post(`${mountPath}/sync/enable`)).send({}).expect(409, /warnings_not_acknowledged/);
    const enabled = await as(request(stack.host.app).post(`${mountPath}/sync/enable`)).send({ acknowledgeWarnings: true }).expect(202);
    expect(enabled.body.jobId).toEqual(expect.any(String));
    const status = await waitForInitialSync(stack.host.app, tenant);
    expect(status.job).toMatchObject({ id: enabled.body.jobId, state: 'completed', total: 13, done: 13, failed: 0 });
    expect(status.job.byKind).toEqual({ customer: { total: 8, done: 8, failed: 0 }, item: { total: 5, done: 5, failed: 0 } });
    expect(status.enabled).toBe(true);
  });

  it('leaves QBO holding each host customer and item exactly once, matched ones under their original ids', async () => {
    const state = await emulatorState(stack.emulator.url, realmId);
    const customers = state.Customer ?? [];
    const items = state.Item ?? [];
    const hostCustomers = await stack.db.knex('customers').where({ company_id: tenant });
    const hostItems = await stack.db.knex('catalog_items').where({ company_id: tenant });
    expect(customers).toHaveLength(hostCustomers.length + 1); // + "John and Jane Smith", left in QBO (not imported)
    expect(items).toHaveLength(hostItems.length);
    const names = customers.map((c) => String(c.DisplayName).toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    const links = await stack.db.knex('qbo_links').where({ tenant_id: tenant });
    expect(links).toHaveLength(hostCustomers.length + hostItems.length);
    expect(new Set(links.map((l) => `${l.qbo_entity}:${l.qbo_id}`)).size).toBe(links.length);
    const linkOf = (kind: string, hostId: unknown) => links.find((l) => l.kind === kind && l.host_id === String(hostId))!.qbo_id;
    const maria = hostCustomers.find((c) => c.first_name === 'Maria')!;
    expect(linkOf('customer', maria.id)).toBe(qbo['maria']);
    expect(linkOf('customer', hostCustomers.find((c) => c.first_name === 'Bob')!.id)).toBe(qbo['bob']);
    expect(linkOf('item', hostItems.find((i) => i.name === 'Chlorine Tabs')!.id)).toBe(qbo['chlorine']);
    expect(names).toEqual(expect.arrayContaining(['the smiths', 'dana white', 'dana white (2)', 'pat quinn (2)']));
    expect(customers.find((c) => c.DisplayName === 'Zed Inactive')).toMatchObject({ Active: false });
    for (const item of items) expect(item['IncomeAccountRef']).toMatchObject({ value: services });
    expect(items.find((i) => i.Name === 'Shock Dose')).toMatchObject({ Type: 'NonInventory' });
    expect(items.find((i) => i.Name === 'Pump Repair')).toMatchObject({ Type: 'Service', Active: false });
  });

  it('enabling again creates nothing new and links nothing twice', async () => {
    const before = await emulatorState(stack.emulator.url, realmId);
    await as(request(stack.host.app).post(`${mountPath}/sync/disable`)).expect(200);
    await as(request(stack.host.app).post(`${mountPath}/sync/enable`)).send({ acknowledgeWarnings: true }).expect(202);
    const status = await waitForInitialSync(stack.host.app, tenant);
    expect(status.job).toMatchObject({ state: 'completed', total: 13, done: 13, failed: 0 });
    const after = await emulatorState(stack.emulator.url, realmId);
    expect(after.Customer).toHaveLength(before.Customer!.length);
    expect(after.Item).toHaveLength(before.Item!.length);
  });
});
