import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import request from 'supertest';
import { aquaHostSchema, createAquaHostTables } from '../../examples/aqua-host/aqua-host-schema';
import { AquaHostSeeder } from '../../examples/aqua-host/aqua-host-seed';
import { AquaHostDirectory } from '../../examples/aqua-host/aqua-host.directory';
import { AquaHostWriter } from '../../examples/aqua-host/aqua-host.writer';
import type { HostRecordKind, QboSyncPluginOptions } from '../../src/plugin';
import { emulatorState, type EmulatorRecord } from '../support/emulator-state';
import { createRealm, seedQbo } from '../support/emulator-seed';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { chooseAccounts, waitForInitialSync } from '../support/setup-walk';
import { mountPath } from '../support/test-host';
import { today, unsettledRows } from '../support/workers/sync-tenant';

/** The two ways the aqua app (UUIDs, one name column, DECIMAL dollars, enums, one ledger) reaches the plugin. */
const paths: ReadonlyArray<[string, (knex: () => Knex) => Partial<QboSyncPluginOptions>]> = [
  ['through hostSchema alone (examples/aqua-host/aqua-host-schema.ts)', () => ({ hostSchema: aquaHostSchema, checkHostAtStartup: true })],
  ['through its own HostDirectory and HostWriter (examples/aqua-host)', (knex) => ({ adapters: { hostDirectory: () => new AquaHostDirectory(knex()), hostWriter: () => new AquaHostWriter(knex()) } })],
];

interface Books {
  readonly customers: Record<string, { openReceivableCents: number; openCreditCents: number; balanceCents: number }>;
  readonly accounts: Record<string, number>;
}

describe.each(paths)('the aqua host\'s whole walkthrough on MariaDB with the emulator over HTTP, %s', (_path, options) => {
  const tenant = randomUUID();
  const as = (req: request.Test): request.Test => req.set('x-company-id', tenant);
  let realmId: string;
  const qboIds: Record<string, string> = {};
  const host: Record<string, string> = {};
  let knex: Knex | undefined;

  const stack = useHostStack({
    hostTables: false,
    seed: async ({ db, emulator }) => {
      knex = db.knex;
      await createAquaHostTables(db.knex);
      realmId = await createRealm(emulator.url, 'Aqua Pools');
      const services = ((await emulatorState(emulator.url, realmId)).Account ?? []).find((a) => a.Name === 'Services')!.Id;
      qboIds['maria'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: 'Maria Lopez', GivenName: 'Maria', FamilyName: 'Lopez' })).Id;
      qboIds['acme'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: 'Acme Resorts', CompanyName: 'Acme Resorts' })).Id;
      // A vendor holds the business's name: the customer needs a readable variant, never one made of its UUID.
      qboIds['palmVendor'] = (await seedQbo(emulator.url, realmId, 'vendor', { DisplayName: 'Palm Pools LLC' })).Id;
      qboIds['chlorine'] = (await seedQbo(emulator.url, realmId, 'item', { Name: 'Chlorine Tabs', Type: 'NonInventory', UnitPrice: 12.5, IncomeAccountRef: { value: services } })).Id;
      qboIds['filter'] = (await seedQbo(emulator.url, realmId, 'item', { Name: 'Filter Clean', Type: 'Service', UnitPrice: 80, IncomeAccountRef: { value: services } })).Id;

      const seed = new AquaHostSeeder(db.knex);
      host['maria'] = await seed.customer(tenant, { firstName: 'Maria', lastName: 'Lopez', email: 'maria@example.com' });
      host['palm'] = await seed.customer(tenant, { companyName: 'Palm Pools LLC', displayAsCompany: true });
      host['gone'] = await seed.customer(tenant, { firstName: 'Gone', lastName: 'Person' });
      await db.knex('aqua_clients').where({ uuid: host['gone'] }).update({ status: 'deleted' });
      host['chlorine'] = await seed.item(tenant, { kind: 'dosage', name: 'Chlorine Tabs', unitPriceCents: 1_250 });
      host['weekly'] = await seed.item(tenant, { kind: 'pool_service', name: 'Weekly Service', unitPriceCents: 12_000 });
      host['gift'] = await seed.item(tenant, { kind: 'product', name: 'Gift Card', unitPriceCents: 5_000 });
      await db.knex('aqua_catalog').where({ uuid: host['gift'] }).update({ category: 'gift_card' });
    },
    ...options(() => knex!),
  });

  const qbo = async (entity: string): Promise<EmulatorRecord[]> => (await emulatorState(stack.emulator.url, realmId))[entity] ?? [];
  const books = async (): Promise<Books> => {
    const summary = (await (await fetch(`${stack.emulator.url}/__emulator/realms/${realmId}/books`)).json()) as { customers: Array<{ name: string } & Books['customers'][string]>; accounts: Array<{ name: string; balanceCents: number }> };
    return { customers: Object.fromEntries(summary.customers.map((c) => [c.name, c])), accounts: Object.fromEntries(summary.accounts.map((a) => [a.name, a.balanceCents])) };
  };
  const linkOf = async (kind: HostRecordKind, hostId: string): Promise<string> => (await stack.db.knex('qbo_links').where({ tenant_id: tenant, kind, host_id: hostId }).first()).qbo_id;
  /** One host transaction that writes and notifies, then delivery passes until the outbox is settled, with no failure. */
  const hostChange = async (write: (seed: AquaHostSeeder) => Promise<Array<[HostRecordKind, string]>>): Promise<void> => {
    await stack.db.knex.transaction(async (trx) => {
      const touched = await write(new AquaHostSeeder(trx));
      await stack.host.plugin.notify(touched.map(([kind, id]) => ({ tenantId: tenant, kind, id })), { trx });
    });
    for (let pass = 0; pass < 5 && (await unsettledRows(stack.db.knex)) > 0; pass++) await stack.host.plugin.deliverPending();
    expect(await unsettledRows(stack.db.knex)).toBe(0);
    expect(await stack.db.knex('qbo_activity').where({ tenant_id: tenant, outcome: 'failure' }).select('message')).toEqual([]);
  };

  beforeAll(async () => {
    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
  });

  it('connects, and the host check finds nothing it cannot read', async () => {
    expect((await as(request(stack.host.app).get(`${mountPath}/connection`)).expect(200)).body).toMatchObject({ status: 'connected', realmId });
    expect(await stack.host.plugin.checkHost(tenant)).toMatchObject({ problems: [], unreadable: [] });
  });

  it('matches by the one name column: Maria to QBO\'s Maria, Acme only in QBO, the business by its company name', async () => {
    const { body } = await as(request(stack.host.app).get(`${mountPath}/match/customers`)).expect(200);
    expect(body.matched.map((m: { qboId: string }) => m.qboId)).toEqual([qboIds['maria']]);
    expect(body.qboOnly.map((r: { name: string }) => r.name)).toEqual(['Acme Resorts']);
    expect(body.hostOnly.map((r: { name: string }) => r.name).sort()).toEqual(['Gone Person', 'Palm Pools LLC']);
  });

  it('imports QBO-only records as aqua rows: a host UUID, the one name column, the business flag, DECIMAL dollars', async () => {
    expect((await as(request(stack.host.app).post(`${mountPath}/import/customers`)).send({ qboIds: [qboIds['acme']] }).expect(200)).body).toEqual({ imported: 1 });
    const acme = await stack.db.knex('aqua_clients').where({ org_uuid: tenant, full_name: 'Acme Resorts' });
    expect(acme).toEqual([expect.objectContaining({ uuid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), is_business: 'Y', status: 'active' })]);
    host['acme'] = acme[0].uuid;
    expect((await as(request(stack.host.app).post(`${mountPath}/import/items`)).send({}).expect(200)).body).toEqual({ imported: 1 });
    expect(await stack.db.knex('aqua_catalog').where({ org_uuid: tenant, title: 'Filter Clean' }).select('category', 'price')).toEqual([{ category: 'service', price: '80.00' }]);
  });

  it('the pre-flight says the exact name the business gets beside the vendor of the same name', async () => {
    await chooseAccounts(stack.host.app, tenant);
    const { body } = await as(request(stack.host.app).get(`${mountPath}/preflight`)).expect(200);
    expect(body.duplicates).toContainEqual(expect.objectContaining({
      reason: 'name-used-by-vendor-or-employee',
      explanation: '"Palm Pools LLC" is already the name of a vendor or employee in QuickBooks, and customers cannot share it: unless you rename one of them, the customer will be created as "Palm Pools LLC (2)".',
    }));
  });

  it('turns the sync on: every customer and synced item reaches QBO once, none failed', async () => {
    await as(request(stack.host.app).post(`${mountPath}/sync/enable`)).send({ acknowledgeWarnings: true }).expect(202);
    const status = await waitForInitialSync(stack.host.app, tenant);
    // The gift card's category is mapped "not synced": it is not a record to send, so not a failure either.
    expect(status.job).toMatchObject({ state: 'completed', total: 7, done: 7, failed: 0 });
    expect(status.job.byKind).toEqual({ customer: { total: 4, done: 4, failed: 0 }, item: { total: 3, done: 3, failed: 0 } });
    const customers = await qbo('Customer');
    expect(customers.map((c) => c.DisplayName).sort()).toEqual(['Acme Resorts', 'Gone Person', 'Maria Lopez', 'Palm Pools LLC (2)']);
    expect(customers.find((c) => c.DisplayName === 'Palm Pools LLC (2)')).toMatchObject({ CompanyName: 'Palm Pools LLC', Active: true });
    expect(await stack.db.knex('qbo_activity').where({ tenant_id: tenant, kind: 'customer', action: 'create' }).pluck('message')).toEqual(expect.arrayContaining([
      `Created customer "Palm Pools LLC (2)" in QuickBooks (Customer ${customers.find((c) => c.DisplayName === 'Palm Pools LLC (2)')!.Id}). The name was changed for QuickBooks: "Palm Pools LLC" is already used in QuickBooks by a customer, vendor or employee; added "(2)".`,
    ]));
    expect(customers.find((c) => c.DisplayName === 'Gone Person')).toMatchObject({ Active: false });
    expect(customers.find((c) => c.DisplayName === 'Maria Lopez')).toMatchObject({ Id: qboIds['maria'], Active: true });
    const items = await qbo('Item');
    expect(items.map((i) => [i.Name, i['UnitPrice']]).sort()).toEqual([['Chlorine Tabs', 12.5], ['Filter Clean', 80], ['Weekly Service', 120]]);
    expect(await linkOf('item', host['chlorine']!)).toBe(qboIds['chlorine']);
  });

  it('always on: a new customer and an item\'s new DECIMAL price reach QBO to the cent', async () => {
    await hostChange(async (seed) => {
      host['olivia'] = await seed.customer(tenant, { firstName: 'Olivia', lastName: 'Moneypenny' });
      await stack.db.knex('aqua_catalog').where({ uuid: host['chlorine'] }).update({ price: '64.50', changed_at: new Date() });
      return [['customer', host['olivia']], ['item', host['chlorine']!]];
    });
    expect((await qbo('Customer')).find((c) => c.DisplayName === 'Olivia Moneypenny')).toMatchObject({ DisplayName: 'Olivia Moneypenny', Active: true });
    expect((await qbo('Item')).find((i) => i.Id === qboIds['chlorine'])).toMatchObject({ UnitPrice: 64.5 });
  });

  it('holds an unpaid invoice back, then a payment sends it with the payment applied; paid in full it is settled', async () => {
    await hostChange(async (seed) => {
      host['bill'] = await seed.invoice(tenant, { customerId: host['maria']!, number: 'B-1001', issuedOn: today(), lines: [{ catalogItemId: host['weekly'], description: 'Weekly Service', quantity: 2, unitPriceCents: 12_000 }, { catalogItemId: host['chlorine'], description: 'Chlorine Tabs', quantity: 1.5, unitPriceCents: 6_450 }] });
      return [['invoice', host['bill']]];
    });
    expect(await qbo('Invoice')).toEqual([]);

    await hostChange(async (seed) => [['payment', (host['first'] = await seed.payment(tenant, { customerId: host['maria']!, invoiceId: host['bill'], amountCents: 10_000, receivedOn: today(), method: 'card' }))]]);
    // 2 × $120.00 + 1.5 × $64.50 = $240.00 + $96.75 = $336.75.
    expect(await qbo('Invoice')).toEqual([expect.objectContaining({ DocNumber: 'B-1001', TotalAmt: 336.75, Balance: 236.75, CustomerRef: expect.objectContaining({ value: qboIds['maria'] }) })]);
    expect((await books()).customers['Maria Lopez']).toMatchObject({ openReceivableCents: 23_675, balanceCents: 23_675 });

    await hostChange(async (seed) => {
      host['second'] = await seed.payment(tenant, { customerId: host['maria']!, invoiceId: host['bill'], amountCents: 23_675, receivedOn: today() });
      await seed.markPaid(host['bill']!);
      return [['payment', host['second']], ['invoice', host['bill']!]];
    });
    expect((await qbo('Invoice'))[0]).toMatchObject({ TotalAmt: 336.75, Balance: 0 });
    expect((await qbo('Payment')).map((p) => p['TotalAmt']).sort()).toEqual([100, 236.75]);
    expect((await books()).customers['Maria Lopez']).toMatchObject({ openReceivableCents: 0, balanceCents: 0 });
  });

  it('a voided ledger payment is deleted in QBO and the invoice is due again by exactly its amount', async () => {
    const qboPayment = await linkOf('payment', host['first']!);
    await hostChange(async (seed) => (await seed.deletePayment(host['first']!), [['payment', host['first']!]]));
    expect((await qbo('Payment')).find((p) => p.Id === qboPayment)).toMatchObject({ status: 'Deleted' });
    expect((await qbo('Invoice'))[0]).toMatchObject({ Balance: 100 });
    expect((await books()).customers['Maria Lopez']).toMatchObject({ openReceivableCents: 10_000, balanceCents: 10_000 });
  });

  it('a ledger credit becomes an unapplied payment on the customer, to the cent', async () => {
    await hostChange(async (seed) => [['payment', (host['credit'] = await seed.payment(tenant, { customerId: host['olivia']!, amountCents: 4_200, receivedOn: today() }))]]);
    expect((await qbo('Payment')).find((p) => p['TotalAmt'] === 42)).toMatchObject({ TotalAmt: 42, UnappliedAmt: 42, CustomerRef: expect.objectContaining({ value: await linkOf('customer', host['olivia']!) }) });
    expect(await linkOf('payment', host['credit']!)).toEqual(expect.any(String));
    expect((await books()).customers['Olivia Moneypenny']).toMatchObject({ openReceivableCents: 0, openCreditCents: 4_200, balanceCents: -4_200 });
  });

  it('a ledger refund of the invoice payment becomes a refund receipt: money out of the deposit account and the sale reversed, to the cent', async () => {
    const before = await books();
    await hostChange(async (seed) => [['refund', (host['refund'] = await seed.refund(tenant, { paymentId: host['second']!, amountCents: 1_075, refundedOn: today(), reason: 'Overcharged' }))]]);
    const receipts = await qbo('RefundReceipt');
    expect(receipts).toEqual([expect.objectContaining({ TotalAmt: 10.75, CustomerRef: expect.objectContaining({ value: qboIds['maria'] }) })]);
    expect(receipts[0]!.Id).toBe(await linkOf('refund', host['refund']!));
    const after = await books();
    const moved = Object.fromEntries(Object.keys(after.accounts).filter((name) => after.accounts[name] !== before.accounts[name]).map((name) => [name, after.accounts[name]! - (before.accounts[name] ?? 0)]));
    expect(moved).toEqual({ 'Undeposited Funds': -1_075, [incomeOfRefunds(after, before)]: -1_075 });
    expect(after.customers['Maria Lopez']).toMatchObject({ openReceivableCents: 10_000, balanceCents: 10_000 });
  });

  it('never names a record by its UUID in the activity log: names, invoice numbers, amounts and dates', async () => {
    const messages: string[] = await stack.db.knex('qbo_activity').where({ tenant_id: tenant }).pluck('message');
    expect(messages.length).toBeGreaterThan(15);
    expect(messages.filter((message) => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.test(message))).toEqual([]);
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('invoice B-1001'), expect.stringContaining('customer "Olivia Moneypenny"')]));
  });
});

/** The one income account the refund receipt reversed (its name depends on the plugin's refund item, not on the host). */
const incomeOfRefunds = (after: Books, before: Books): string =>
  Object.keys(after.accounts).find((name) => name !== 'Undeposited Funds' && after.accounts[name] !== before.accounts[name]) ?? 'no income account moved';
