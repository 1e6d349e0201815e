import type { Knex } from 'knex';
import { isMysql } from './knex-dialect';

/** The units of an initial sync written down before they are sent (several in flight at once, one row each). */
export const jobSendsTable = (prefix: string): string => `${prefix}job_sends`;

export const createJobSendsTable = async (knex: Knex, prefix: string): Promise<void> => {
  const key = (table: Knex.CreateTableBuilder, name: string, width: number): Knex.ColumnBuilder =>
    isMysql(knex) ? table.string(name, width).collate('utf8mb4_bin') : table.string(name, width);
  await knex.schema.createTable(jobSendsTable(prefix), (table) => {
    table.bigIncrements('seq').primary();
    key(table, 'tenant_id', 100).notNullable();
    key(table, 'job_id', 64).notNullable();
    key(table, 'send_id', 64).notNullable();
    table.string('mode', 16).notNullable();
    table.text('body', 'mediumtext').notNullable();
    table.unique(['job_id', 'send_id'], { indexName: `${jobSendsTable(prefix)}_unit` });
  });
};

export const dropJobSendsTable = (knex: Knex, prefix: string): Promise<void> => knex.schema.dropTableIfExists(jobSendsTable(prefix));
