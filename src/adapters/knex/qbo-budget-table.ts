import type { Knex } from 'knex';
import { isMysql } from './knex-dialect';

/** One row per tenant and QBO company: the pace every process of the host shares (docs/adr/0072). */
export const qboBudgetTable = (prefix: string): string => `${prefix}qbo_budgets`;

export const createQboBudgetTable = async (knex: Knex, prefix: string): Promise<void> => {
  const key = (table: Knex.CreateTableBuilder, name: string, width: number): Knex.ColumnBuilder =>
    isMysql(knex) ? table.string(name, width).collate('utf8mb4_bin') : table.string(name, width);
  await knex.schema.createTable(qboBudgetTable(prefix), (table) => {
    key(table, 'tenant_id', 100).notNullable();
    key(table, 'realm_id', 100).notNullable();
    // Epoch ms on the database's clock; fractions kept, or rounding each interval would lose a request in a hundred.
    table.double('single_at').notNullable();
    table.double('batch_at').notNullable();
    table.double('paused_until').notNullable();
    // Every change is a compare-and-set on it, so two processes never reserve the same start.
    table.bigInteger('version').notNullable();
    table.primary(['tenant_id', 'realm_id']);
  });
};

export const dropQboBudgetTable = (knex: Knex, prefix: string): Promise<void> => knex.schema.dropTableIfExists(qboBudgetTable(prefix));
