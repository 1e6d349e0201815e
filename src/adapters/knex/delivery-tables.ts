import type { Knex } from 'knex';
import { isMysql } from './knex-dialect';

/** The delivery engine's own tables: write-ahead notes of creates, and each tenant's sweep mark. */
export const deliveryTables = (prefix: string) => ({ pendingCreates: `${prefix}pending_creates`, sweeps: `${prefix}sweeps`, refusals: `${prefix}refusals` });

export const createDeliveryTables = async (knex: Knex, prefix: string): Promise<void> => {
  const t = deliveryTables(prefix);
  const key = (table: Knex.CreateTableBuilder, name: string, width = 100): Knex.ColumnBuilder =>
    isMysql(knex) ? table.string(name, width).collate('utf8mb4_bin') : table.string(name, width);
  await knex.schema.createTable(t.pendingCreates, (table) => {
    key(table, 'tenant_id').notNullable();
    key(table, 'kind', 16).notNullable();
    key(table, 'host_id').notNullable();
    table.string('qbo_entity', 32).notNullable();
    table.text('lookup').notNullable();
    table.bigInteger('at').notNullable();
    table.primary(['tenant_id', 'kind', 'host_id']);
  });
  await knex.schema.createTable(t.sweeps, (table) => {
    key(table, 'tenant_id').primary();
    table.bigInteger('swept_at').notNullable();
    table.bigInteger('full_pass_at').notNullable();
  });
};

export const dropDeliveryTables = async (knex: Knex, prefix: string): Promise<void> => {
  const t = deliveryTables(prefix);
  await knex.schema.dropTableIfExists(t.sweeps);
  await knex.schema.dropTableIfExists(t.pendingCreates);
};

/** Migration 0006: how many times QBO definitely refused a write of each record (its request ids follow the count). */
export const createRefusalsTable = async (knex: Knex, prefix: string): Promise<void> => {
  const key = (table: Knex.CreateTableBuilder, name: string, width = 100): Knex.ColumnBuilder =>
    isMysql(knex) ? table.string(name, width).collate('utf8mb4_bin') : table.string(name, width);
  await knex.schema.createTable(deliveryTables(prefix).refusals, (table) => {
    key(table, 'tenant_id').notNullable();
    key(table, 'kind', 16).notNullable();
    key(table, 'host_id').notNullable();
    table.integer('refusals').notNullable();
    // Null once a later write got through: the count stays, the sweep stops looking.
    table.bigInteger('refused_at').nullable();
    table.primary(['tenant_id', 'kind', 'host_id']);
  });
};

export const dropRefusalsTable = async (knex: Knex, prefix: string): Promise<void> => {
  await knex.schema.dropTableIfExists(deliveryTables(prefix).refusals);
};
