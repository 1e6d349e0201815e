import type { Knex } from 'knex';
import { resolveHostSchema } from '../../../src/adapters/knex/host/host-schema';
import { KnexHostDirectory } from '../../../src/adapters/knex/host/knex-host.directory';
import { KnexHostWriter } from '../../../src/adapters/knex/host/knex-host.writer';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { RecordingLogger } from '../../support/recording-logger';

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

/** A host whose tables do not look like the reference schema: other table and column names, nullable columns. */
const createLegacyTables = async (knex: Knex): Promise<void> => {
  await knex.schema.createTable('clients', (t) => {
    t.bigIncrements('client_no');
    t.string('tenant');
    t.string('given_name').nullable();
    t.string('family_name').nullable();
    t.string('company_name').nullable();
    t.boolean('display_as_company').nullable();
    t.string('email').nullable();
    t.string('phone').nullable();
    t.string('street').nullable();
    t.string('city').nullable();
    t.string('state').nullable();
    t.string('zip').nullable();
    t.boolean('active').nullable();
    t.datetime('created_at', { precision: 3 }).nullable();
    t.datetime('modified', { precision: 3 }).nullable();
  });
  await knex.schema.createTable('catalog_items', (t) => {
    t.increments('id');
    t.string('company_id');
    t.string('kind').nullable();
    t.string('name').nullable();
    t.text('description').nullable();
    t.integer('unit_price_cents').nullable();
    t.string('sku').nullable();
    t.boolean('is_active').nullable();
    t.datetime('updated_at', { precision: 3 }).nullable();
  });
};

describe('KnexHostDirectory with a host-specific mapping (MariaDB)', () => {
  let db: TestDatabase;
  const schema = resolveHostSchema({
    customers: { table: 'clients', columns: { id: 'client_no', companyId: 'tenant', firstName: 'given_name', lastName: 'family_name', isActive: 'active', updatedAt: 'modified' } },
  });
  beforeAll(async () => {
    db = await createTestDatabase();
    await createLegacyTables(db.knex);
  });
  afterAll(() => db.destroy());

  it('reads and writes through the renamed tables and columns', async () => {
    const writer = new KnexHostWriter(db.knex, schema, { now: () => Date.UTC(2026, 0, 1) });
    const [id] = await writer.insertCustomers('acme', [
      { firstName: 'Ann', lastName: 'Lee', companyName: null, displayAsCompany: false, email: null, phone: null, street: null, city: null, state: null, zip: null, isActive: true },
    ]);
    const directory = new KnexHostDirectory(db.knex, schema, new RecordingLogger());
    expect(await directory.getCustomer('acme', id!)).toMatchObject({ id, firstName: 'Ann', lastName: 'Lee', isActive: true });
    expect(await collect(directory.changedSince('acme', 'customer', Date.UTC(2026, 0, 1)))).toEqual([id]);
  });

  it('maps NULL text to empty and a NULL active flag to active, and skips rows with unusable money or kinds, saying why', async () => {
    await db.knex('clients').insert({ tenant: 'nulls', given_name: null, family_name: null, active: null });
    const logger = new RecordingLogger();
    const directory = new KnexHostDirectory(db.knex, schema, logger);
    expect(await collect(directory.listCustomers('nulls'))).toEqual([expect.objectContaining({ firstName: '', lastName: '', isActive: true, displayAsCompany: false })]);

    const [good] = await db.knex('catalog_items').insert({ company_id: 'nulls', kind: 'product', name: 'Salt', unit_price_cents: 700 });
    const [noPrice] = await db.knex('catalog_items').insert({ company_id: 'nulls', kind: 'product', name: 'Free?', unit_price_cents: null });
    await db.knex('catalog_items').insert({ company_id: 'nulls', kind: 'gadget', name: 'Odd', unit_price_cents: 1 });
    expect((await collect(directory.listItems('nulls'))).map((item) => item.id)).toEqual([String(good)]);
    // `getItem` keeps its older shape (null); delivery reads through `read`, which says the row exists but is unusable.
    expect(await directory.getItem('nulls', String(noPrice))).toBeNull();
    expect(await directory.read('nulls', 'item', String(noPrice))).toEqual({ kind: 'unreadable', reason: 'the unit price is empty (catalog_items.unit_price_cents)' });
    expect(await directory.read('nulls', 'item', '999999')).toEqual({ kind: 'missing' });
    expect(logger.lines.map((line) => (line.context as { reason: string }).reason)).toEqual([
      'the unit price is empty (catalog_items.unit_price_cents)',
      'unknown catalog item kind "gadget" in catalog_items.kind (add it to hostSchema.catalogItems.columns.kind.values)',
      'the unit price is empty (catalog_items.unit_price_cents)',
      'the unit price is empty (catalog_items.unit_price_cents)',
    ]);
  });

  it('streams a large company without loading it whole', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ tenant: 'big', given_name: `G${i}`, family_name: 'F', active: true }));
    for (let i = 0; i < rows.length; i += 2_000) await db.knex('clients').insert(rows.slice(i, i + 2_000));
    const directory = new KnexHostDirectory(db.knex, schema, new RecordingLogger());
    const pages: string[] = [];
    const onQuery = (query: { sql: string }): void => {
      if (/from `clients`/.test(query.sql)) pages.push(query.sql);
    };
    db.knex.on('query', onQuery);
    let count = 0;
    let previous = 0;
    for await (const customer of directory.listCustomers('big')) {
      expect(Number(customer.id)).toBeGreaterThan(previous);
      previous = Number(customer.id);
      count++;
    }
    db.knex.off('query', onQuery);
    expect(count).toBe(20_000);
    expect(pages.length).toBeGreaterThanOrEqual(40);
    expect(pages.every((sql) => /limit \?$/.test(sql))).toBe(true);
  });
});

describe('resolveHostSchema', () => {
  it('deep-merges an override over the reference schema', () => {
    const schema = resolveHostSchema({ payments: { columns: { deletedAt: 'removed_at' } }, refunds: { table: 'credit_notes' } });
    expect(schema.payments.table).toBe('payments');
    expect(schema.payments.columns).toMatchObject({ deletedAt: 'removed_at', amountCents: 'amount_cents' });
    expect(schema.refunds).toMatchObject({ table: 'credit_notes', columns: { paymentId: 'payment_id' } });
  });

  it('refuses unknown keys and names that are not identifiers', () => {
    expect(() => resolveHostSchema({ customers: { columns: { nickname: 'nick' } as never } })).toThrow(/unknown keys: nickname/);
    expect(() => resolveHostSchema({ invoicez: {} } as never)).toThrow(/unknown tables: invoicez/);
    expect(() => resolveHostSchema({ customers: { table: 'customers; drop table x' } })).toThrow(/hostSchema.customers.table/);
  });
});
