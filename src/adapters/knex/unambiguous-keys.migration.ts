import type { Knex } from 'knex';
import { isMysql } from './knex-dialect';
import type { PluginTables } from './plugin-tables';

/** The token sealing context rows hold since this migration; older rows keep 1 until they are resealed on use. */
export const currentSealingVersion = 2;

/**
 * Migration 0005 (issue 21): composite keys that no separator makes ambiguous. Pending outbox rows get their dedupe
 * key rebuilt length-prefixed, in SQL, the way `compositeKey` builds it; connections get a `sealing_version`, 1 for
 * tokens sealed with the old `${tenant}:${realm}` context (still opened with it, then resealed by the store), 2 after.
 * Also an index to purge expired OAuth states.
 */
export const migrateToUnambiguousKeys = async (knex: Knex, t: PluginTables): Promise<void> => {
  await knex.schema.alterTable(t.connections, (table) => {
    table.integer('sealing_version').notNullable().defaultTo(1);
  });
  await knex.schema.alterTable(t.oauthStates, (table) => {
    table.index(['expires_at'], `${t.oauthStates}_expiry`);
  });
  await knex(t.outbox).whereNotNull('dedupe_key').update({ dedupe_key: knex.raw(lengthPrefixed(knex, ['tenant_id', 'kind', 'host_id'])) });
};

export const migrateBackToJoinedKeys = async (knex: Knex, t: PluginTables): Promise<void> => {
  const joined = isMysql(knex) ? "CONCAT(tenant_id, ':', kind, ':', host_id)" : "tenant_id || ':' || kind || ':' || host_id";
  await knex(t.outbox).whereNotNull('dedupe_key').update({ dedupe_key: knex.raw(joined) });
  await knex.schema.alterTable(t.oauthStates, (table) => {
    table.dropIndex(['expires_at'], `${t.oauthStates}_expiry`);
  });
  await knex.schema.alterTable(t.connections, (table) => {
    table.dropColumn('sealing_version');
  });
};

/** `compositeKey` in SQL: CHAR_LENGTH (MySQL) and length (SQLite) both count characters. */
const lengthPrefixed = (knex: Knex, columns: readonly string[]): string => {
  const mysql = isMysql(knex);
  const parts = columns.flatMap((column) => [mysql ? `CHAR_LENGTH(${column})` : `length(${column})`, "':'", column]);
  return mysql ? `CONCAT(${parts.join(', ')})` : parts.join(' || ');
};
