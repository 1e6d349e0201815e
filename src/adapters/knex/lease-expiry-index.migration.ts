import type { Knex } from 'knex';
import type { PluginTables } from './plugin-tables';

/**
 * Issue 17 (ADR 0081): release expires a lease row instead of deleting it, so the table keeps a row per company that
 * was ever driven. The index lets `heldByOthers` read only the leases still running.
 */
export const addLeaseExpiryIndex = async (knex: Knex, t: PluginTables): Promise<void> => {
  await knex.schema.alterTable(t.leases, (table) => {
    table.index(['expires_at'], `${t.leases}_expires`);
  });
};

export const dropLeaseExpiryIndex = async (knex: Knex, t: PluginTables): Promise<void> => {
  await knex.schema.alterTable(t.leases, (table) => {
    table.dropIndex(['expires_at'], `${t.leases}_expires`);
  });
};
