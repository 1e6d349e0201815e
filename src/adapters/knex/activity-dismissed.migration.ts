import type { Knex } from 'knex';
import type { PluginTables } from './plugin-tables';

/** Issue 18: a failure a person handled elsewhere is dismissed (kept in the log and the CSV, out of the failed count). */
export const addActivityDismissedAt = async (knex: Knex, t: PluginTables): Promise<void> => {
  await knex.schema.alterTable(t.activity, (table) => {
    table.bigInteger('dismissed_at').nullable();
  });
};

export const dropActivityDismissedAt = async (knex: Knex, t: PluginTables): Promise<void> => {
  await knex.schema.alterTable(t.activity, (table) => {
    table.dropColumn('dismissed_at');
  });
};
