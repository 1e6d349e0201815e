import type { Knex } from 'knex';

const FIRST = ['Maria', 'José', 'John', 'Jane', 'Kevin', 'Aisha', 'Liam', 'Olivia', 'Noah', 'Emma', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Zoë', 'Amelia'];
const ITEM_KINDS = ['product', 'dosage', 'pool_service', 'work_order_type'] as const;
const chunk = 1_000;

/** Host customers with unique names ("Maria Bench-17-t3"), inserted in chunks; returns their ids in order. */
export const seedCustomers = async (knex: Knex, tenantId: string, count: number, from = 0, readIds = true): Promise<number[]> => {
  const now = new Date();
  const ids: number[] = [];
  for (let start = from; start < from + count; start += chunk) {
    const rows = [];
    for (let n = start; n < Math.min(from + count, start + chunk); n += 1) {
      rows.push({
        company_id: tenantId,
        first_name: FIRST[n % FIRST.length],
        last_name: `Bench-${n}-${tenantId}`,
        company_name: n % 10 === 0 ? `Bench ${n} Pool Care ${tenantId}` : null,
        display_as_company: n % 10 === 0,
        email: `c${n}@example.com`,
        phone: `(813) 555-${String(n % 10_000).padStart(4, '0')}`,
        street: `${1 + (n % 900)} Palm Way`,
        city: 'Tampa',
        state: 'FL',
        zip: '33601',
        is_active: true,
        created_at: now,
        updated_at: now,
      });
    }
    await knex('customers').insert(rows);
    if (!readIds) continue;
    // MySQL hands out consecutive auto-increment ids to one multi-row insert; the ids are read back to be sure.
    const inserted: { id: number }[] = await knex('customers').select('id').where({ company_id: tenantId }).whereIn('last_name', rows.map((row) => row.last_name)).orderBy('id');
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
};

/** Catalog items of the four kinds with unique names; returns their ids. */
export const seedItems = async (knex: Knex, tenantId: string, count: number): Promise<number[]> => {
  const now = new Date();
  const ids: number[] = [];
  for (let start = 0; start < count; start += chunk) {
    const rows = [];
    for (let n = start; n < Math.min(count, start + chunk); n += 1) {
      rows.push({ company_id: tenantId, kind: ITEM_KINDS[n % 4], name: `Bench item ${n} ${tenantId}`, description: `Item ${n}`, unit_price_cents: 500 + n, sku: `SKU-${n}`, is_active: true, updated_at: now });
    }
    await knex('catalog_items').insert(rows);
    const inserted: { id: number }[] = await knex('catalog_items').select('id').where({ company_id: tenantId }).whereIn('name', rows.map((row) => row.name)).orderBy('id');
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
};
