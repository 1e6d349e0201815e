import type { Knex } from 'knex';
import { isMysql } from './knex-dialect';
import { rebuildFromOutbox } from './outbox-ready-tenants';
import type { PluginTables } from './plugin-tables';

const idWidth = 100;

/**
 * Issue 17: the ready-companies index (ADR 0071), filled from the rows already in the outbox so an upgrade with a
 * backlog finds every company that has work.
 */
export const createReadyTenantTables = async (knex: Knex, t: PluginTables): Promise<void> => {
  const key = (table: Knex.CreateTableBuilder, name: string): Knex.ColumnBuilder =>
    isMysql(knex) ? table.string(name, idWidth).collate('utf8mb4_bin') : table.string(name, idWidth);
  await knex.schema.createTable(t.outboxSignals, (table) => {
    table.bigIncrements('id').primary();
    key(table, 'tenant_id').notNullable();
  });
  await knex.schema.createTable(t.outboxTenants, (table) => {
    key(table, 'tenant_id').primary();
    // NULL: no live rows. The index with tenant_id serves "ready at now, oldest first" without a sort.
    table.bigInteger('next_ready_at').nullable();
    table.index(['next_ready_at', 'tenant_id'], `${t.outboxTenants}_ready`);
  });
  await rebuildFromOutbox(knex, t);
};

export const dropReadyTenantTables = async (knex: Knex, t: PluginTables): Promise<void> => {
  await knex.schema.dropTableIfExists(t.outboxTenants);
  await knex.schema.dropTableIfExists(t.outboxSignals);
};
