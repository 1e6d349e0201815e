import type { Knex } from 'knex';

/** Host ids of a tenant's reference copy are its own plus this, so one database holds both. */
export const REFERENCE_ID_OFFSET = 10_000_000;
export const referenceTenant = (tenant: string): string => `${tenant}r`;

/** Per host table: its id columns that point at host rows (shifted in the copy), and how its rows belong to the tenant. */
const TABLES: ReadonlyArray<{ table: string; ids: readonly string[]; owner: 'company' | { parent: string; column: string } }> = [
  { table: 'customers', ids: ['id'], owner: 'company' },
  { table: 'catalog_items', ids: ['id'], owner: 'company' },
  { table: 'invoices', ids: ['id', 'customer_id'], owner: 'company' },
  { table: 'invoice_lines', ids: ['id', 'invoice_id', 'catalog_item_id'], owner: { parent: 'invoices', column: 'invoice_id' } },
  { table: 'payments', ids: ['id', 'customer_id', 'invoice_id'], owner: 'company' },
  { table: 'refunds', ids: ['id', 'payment_id'], owner: 'company' },
];

/**
 * The checker's yardstick: the tenant's host data as it stands at the end, copied to a reference tenant that a plain
 * sync (no faults, no kills, one process) then sends to a fresh QBO company. The chaos company must hold what the
 * reference company holds — record for record and in its books.
 */
export async function copyHostData(knex: Knex, tenant: string): Promise<void> {
  const copy = referenceTenant(tenant);
  for (const { table, ids, owner } of TABLES) {
    const columns = Object.keys(await knex(table).columnInfo());
    const select = columns.map((column) => {
      if (ids.includes(column)) return knex.raw('?? + ?', [column, REFERENCE_ID_OFFSET]);
      if (column === 'company_id') return knex.raw('?', [copy]);
      return knex.raw('??', [column]);
    });
    const rows = knex(table).select(select);
    if (owner === 'company') rows.where({ company_id: tenant });
    else rows.whereIn(owner.column, knex(owner.parent).select('id').where({ company_id: tenant }));
    await knex.raw(`INSERT INTO ?? (${columns.map(() => '??').join(', ')}) ${rows.toQuery()}`, [table, ...columns]);
  }
}
