import type { Knex } from 'knex';
import type { PluginTables } from './plugin-tables';

/** Migration 0009: the QBO company's home currency (ISO 4217), kept once read; null until then. */
export const addHomeCurrency = async (knex: Knex, t: PluginTables): Promise<void> => {
  await knex.schema.alterTable(t.settings, (table) => {
    table.string('home_currency', 3).nullable();
  });
};

export const dropHomeCurrency = async (knex: Knex, t: PluginTables): Promise<void> => {
  await knex.schema.alterTable(t.settings, (table) => {
    table.dropColumn('home_currency');
  });
};
