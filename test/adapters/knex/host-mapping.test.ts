import { randomUUID } from 'node:crypto';
import { aquaHostSchema, createAquaHostTables } from '../../../examples/aqua-host/aqua-host-schema';
import { createReferenceHostTables } from '../../../examples/reference-host/reference-host-schema';
import { resolveHostSchema } from '../../../src/adapters/knex/host/host-schema';
import { KnexHostSchemaCheck } from '../../../src/adapters/knex/host/knex-host-schema.check';
import { KnexHostDirectory } from '../../../src/adapters/knex/host/knex-host.directory';
import { KnexHostWriter } from '../../../src/adapters/knex/host/knex-host.writer';
import { createQboSyncPlugin } from '../../../src/plugin';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { RecordingLogger } from '../../support/recording-logger';
import { testEncryptionKey, testQboOptions } from '../../support/test-host';

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

const at = new Date(Date.UTC(2026, 2, 1));

describe('a foreign host read through hostSchema alone (MariaDB)', () => {
  let db: TestDatabase;
  const schema = resolveHostSchema(aquaHostSchema);
  const org = randomUUID();
  const ids = { maria: randomUUID(), palm: randomUUID(), gone: randomUUID(), chlorine: randomUUID(), gift: randomUUID(), bill: randomUUID(), payment: randomUUID(), credit: randomUUID(), refund: randomUUID(), voided: randomUUID() };
  let directory: KnexHostDirectory;

  beforeAll(async () => {
    db = await createTestDatabase();
    await createAquaHostTables(db.knex);
    const k = db.knex;
    await k('aqua_clients').insert([
      { uuid: ids.maria, org_uuid: org, full_name: 'Maria Lopez', is_business: 'N', email: 'maria@example.com', status: 'active', changed_at: at },
      { uuid: ids.palm, org_uuid: org, full_name: 'Palm Pools LLC', is_business: 'Y', status: 'inactive', changed_at: at },
      { uuid: ids.gone, org_uuid: org, full_name: 'Gone Person', is_business: 'N', status: 'deleted', changed_at: at },
    ]);
    await k('aqua_catalog').insert([
      { uuid: ids.chlorine, org_uuid: org, category: 'chemical', title: 'Chlorine', price: '64.50', status: 'active', changed_at: at },
      { uuid: ids.gift, org_uuid: org, category: 'gift_card', title: 'Gift card', price: '25.00', status: 'active', changed_at: at },
    ]);
    await k('aqua_bills').insert({ uuid: ids.bill, org_uuid: org, client_uuid: ids.maria, bill_no: 'B-7', billed_on: '2026-03-01', state: 'paid', total: '649.00', changed_at: at });
    await k('aqua_bill_lines').insert([
      { uuid: randomUUID(), bill_uuid: ids.bill, catalog_uuid: ids.chlorine, label: 'Chlorine', qty: '2.000', rate: '64.50', line_total: '129.00' },
      { uuid: randomUUID(), bill_uuid: ids.bill, label: 'Labor', qty: '1', rate: '520.00', line_total: '520.00' },
    ]);
    await k('aqua_ledger').insert([
      { uuid: ids.payment, org_uuid: org, entry_type: 'payment', client_uuid: ids.maria, bill_uuid: ids.bill, amount: '649.00', tender: 'card', posted_on: '2026-03-02', changed_at: at },
      { uuid: ids.credit, org_uuid: org, entry_type: 'credit', client_uuid: ids.maria, amount: '42.00', posted_on: '2026-03-03', changed_at: at },
      { uuid: ids.refund, org_uuid: org, entry_type: 'refund', refund_of: ids.credit, amount: '10.00', posted_on: '2026-03-04', memo: 'Overcharged', changed_at: at },
      { uuid: ids.voided, org_uuid: org, entry_type: 'payment', client_uuid: ids.maria, bill_uuid: ids.bill, amount: '5.00', posted_on: '2026-03-02', voided_at: at, changed_at: at },
    ]);
    directory = new KnexHostDirectory(db.knex, schema, new RecordingLogger());
  });
  afterAll(() => db.destroy());

  it('reads names from one full-name column, status enums as active flags, never doubled or guessed', async () => {
    expect(await collect(directory.listCustomers(org))).toEqual(expect.arrayContaining([
      { id: ids.maria, firstName: 'Maria Lopez', lastName: '', companyName: null, displayAsCompany: false, email: 'maria@example.com', phone: null, street: null, city: null, state: null, zip: null, isActive: true },
      expect.objectContaining({ id: ids.palm, companyName: 'Palm Pools LLC', displayAsCompany: true, isActive: false }),
      expect.objectContaining({ id: ids.gone, firstName: 'Gone Person', isActive: false }),
    ]));
  });

  it('reads DECIMAL dollars to the exact cent, categories as item kinds, and leaves out what is not synced', async () => {
    expect(await collect(directory.listItems(org))).toEqual([{ id: ids.chlorine, kind: 'dosage', name: 'Chlorine', description: null, unitPriceCents: 6450, sku: null, isActive: true }]);
    expect(await directory.read(org, 'item', ids.gift)).toEqual({ kind: 'missing' });
    const bill = await directory.getInvoice(org, ids.bill);
    expect(bill).toMatchObject({ number: 'B-7', status: 'sent', totalCents: 64_900 });
    expect(bill?.lines.map((line) => [line.quantity, line.unitPriceCents, line.amountCents])).toEqual(expect.arrayContaining([[2, 6450, 12_900], [1, 52_000, 52_000]]));
  });

  it('reads payments, credits and refunds from one ledger by its type column', async () => {
    expect(await directory.read(org, 'payment', ids.refund)).toEqual({ kind: 'missing' });
    expect(await directory.read(org, 'refund', ids.payment)).toEqual({ kind: 'missing' });
    expect(await directory.getPayment(org, ids.payment)).toMatchObject({ invoiceId: ids.bill, amountCents: 64_900, deleted: false });
    expect(await directory.getPayment(org, ids.voided)).toMatchObject({ deleted: true });
    expect((await collect(directory.listAccountCredits(org))).map((credit) => [credit.id, credit.amountCents])).toEqual([[ids.credit, 4_200]]);
    expect(await directory.getRefund(org, ids.refund)).toEqual({ id: ids.refund, paymentId: ids.credit, amountCents: 1_000, refundedOn: '2026-03-04', reason: 'Overcharged' });
    expect((await directory.paymentsForInvoice(org, ids.bill)).map((p) => p.id)).toEqual([ids.payment]);
  });

  it('imports with UUIDs the host would make, writing dollars as dollars and enums as the host spells them', async () => {
    const writer = new KnexHostWriter(db.knex, schema, { now: () => at.getTime() });
    const [customerId] = await writer.insertCustomers(org, [{ firstName: '', lastName: '', companyName: 'Reef Co', displayAsCompany: true, email: null, phone: null, street: 'x', city: null, state: null, zip: null, isActive: false }]);
    const [itemId] = await writer.insertItems(org, [{ kind: 'pool_service', name: 'Weekly', description: null, unitPriceCents: 6450, sku: 'ignored', isActive: true }]);
    expect(customerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db.knex('aqua_clients').where({ uuid: customerId }).first()).toMatchObject({ full_name: 'Reef Co', is_business: 'Y', status: 'inactive' });
    expect(await db.knex('aqua_catalog').where({ uuid: itemId }).first()).toMatchObject({ category: 'service', price: '64.50', status: 'active' });
    expect(await directory.getItem(org, itemId!)).toMatchObject({ kind: 'pool_service', unitPriceCents: 6450 });
  });

  it('checks clean against the live database, and the whole company reads', async () => {
    expect(await new KnexHostSchemaCheck(db.knex, schema).problems(org)).toEqual([]);
    for (const kind of ['customer', 'item', 'invoice', 'payment', 'refund'] as const) expect(await collect(directory.listUnreadable(org, kind))).toEqual([]);
  });
});

describe('start-up and checkHost refuse a mapping that would misread (MariaDB)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await createReferenceHostTables(db.knex);
    await createAquaHostTables(db.knex);
  });
  afterAll(() => db.destroy());
  const pluginWith = (hostSchema: object) =>
    createQboSyncPlugin({ knex: db.knex, hostSchema, qbo: testQboOptions('http://127.0.0.1:9'), encryptionKey: testEncryptionKey, resolveTenant: () => 't', authorize: () => true, worker: { enabled: false } });
  const problemsOf = (hostSchema: object) => new KnexHostSchemaCheck(db.knex, resolveHostSchema(hostSchema)).problems();

  it('a mapped column that does not exist', async () => {
    const hostSchema = { ...aquaHostSchema, customers: { ...aquaHostSchema.customers, columns: { ...aquaHostSchema.customers!.columns, fullName: 'full_nam' } } };
    expect(await problemsOf(hostSchema)).toEqual([{
      table: 'aqua_clients', column: 'full_nam',
      message: 'Column aqua_clients.full_nam (the fullName of customers) does not exist (did you mean full_name?): set hostSchema.customers.columns.fullName to the app\'s column, or to null if the app has none.',
    }]);
    const plugin = await pluginWith(hostSchema);
    await expect(plugin.migrate()).rejects.toThrow(/aqua_clients\.full_nam .*does not exist/);
    await expect(plugin.start()).rejects.toMatchObject({ code: 'host_schema_mismatch' });
  });

  it('a DECIMAL column mapped as cents', async () => {
    const hostSchema = { ...aquaHostSchema, catalogItems: { ...aquaHostSchema.catalogItems, columns: { ...aquaHostSchema.catalogItems!.columns, unitPriceCents: 'price' } } };
    expect(await problemsOf(hostSchema)).toEqual([{
      table: 'aqua_catalog', column: 'price',
      message: 'Column aqua_catalog.price is DECIMAL(12,2) but is mapped as whole cents: if it holds dollars, set hostSchema.catalogItems.columns.unitPriceCents to { column: "price", unit: "dollars" }.',
    }]);
    await expect((await pluginWith(hostSchema)).migrate()).rejects.toThrow(/DECIMAL\(12,2\) but is mapped as whole cents/);
  });

  it('an enum value with no mapping, and a flag value that is neither true nor false', async () => {
    const org = randomUUID();
    await db.knex('aqua_catalog').insert({ uuid: randomUUID(), org_uuid: org, category: 'spa_parts', title: 'Jet', price: '9.99', status: 'active', changed_at: at });
    await db.knex('aqua_clients').insert({ uuid: randomUUID(), org_uuid: org, full_name: 'Odd Flag', is_business: 'X', status: 'active', changed_at: at });
    expect(await problemsOf(aquaHostSchema)).toEqual([
      { table: 'aqua_clients', column: 'is_business', message: 'Column aqua_clients.is_business holds "X" in 1 row, neither true nor false in the mapping: add it to hostSchema.customers.columns.displayAsCompany.values.' },
      { table: 'aqua_catalog', column: 'category', message: 'Column aqua_catalog.category holds "spa_parts" in 1 row, not in the mapping: add it to hostSchema.catalogItems.columns.kind.values (null: not synced).' },
    ]);
    const plugin = await pluginWith(aquaHostSchema);
    await expect(plugin.migrate()).rejects.toThrow(/is_business holds "X"[\s\S]*category holds "spa_parts"/);
    // The dry run for that company also names the records it could not read.
    const report = await pluginWith({ ...aquaHostSchema }).then((p) => p.checkHost(org));
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(2);
    const unreadable = await collect(new KnexHostDirectory(db.knex, resolveHostSchema(aquaHostSchema), new RecordingLogger()).listUnreadable(org, 'customer'));
    expect(unreadable).toEqual([{ id: expect.any(String), reason: 'aqua_clients.is_business holds "X", which the mapping reads as neither true nor false (add it to hostSchema.customers.columns.displayAsCompany.values)' }]);
    await db.knex('aqua_catalog').where({ org_uuid: org }).delete();
    await db.knex('aqua_clients').where({ org_uuid: org }).delete();
  });

  it('a ledger type that no per-kind filter claims (a row nothing would read)', async () => {
    const org = randomUUID();
    await db.knex('aqua_ledger').insert({ uuid: randomUUID(), org_uuid: org, entry_type: 'chargeback', client_uuid: randomUUID(), amount: '20.00', posted_on: '2026-03-05', changed_at: at });
    const message = 'Column aqua_ledger.entry_type holds "chargeback" in 1 row, which no record kind reads (payments take "payment", "credit"; refunds take "refund"): add it to the filter of the kind those rows are (hostSchema.payments.filter.entry_type or hostSchema.refunds.filter.entry_type).';
    expect(await problemsOf(aquaHostSchema)).toEqual([{ table: 'aqua_ledger', column: 'entry_type', message }]);
    const plugin = await pluginWith(aquaHostSchema);
    await expect(plugin.migrate()).rejects.toThrow(message);
    await expect(plugin.start()).rejects.toMatchObject({ code: 'host_schema_mismatch' });
    expect((await plugin.checkHost(org)).problems).toEqual([{ table: 'aqua_ledger', column: 'entry_type', message }]);
    expect((await plugin.checkHost(randomUUID())).problems).toEqual([]);
    // Claimed by a kind, the same row is read, and the check is clean again.
    expect(await problemsOf({ ...aquaHostSchema, payments: { ...aquaHostSchema.payments, filter: { entry_type: ['payment', 'credit', 'chargeback'] } } })).toEqual([]);
    await db.knex('aqua_ledger').where({ org_uuid: org }).delete();
  });

  it('the reference schema checks clean, and a missing table is named', async () => {
    expect(await problemsOf({})).toEqual([]);
    expect(await problemsOf({ refunds: { table: 'money_back' } })).toEqual([
      { table: 'money_back', column: null, message: 'Table money_back does not exist in the database: map refunds to the app\'s table with hostSchema.refunds.table.' },
    ]);
  });
});
