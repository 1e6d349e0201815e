/** The host's knex instance (mysql2 in production, better-sqlite3 for demos). */
export const KnexDatabase = Symbol('qbo-sync.Knex');
/** Prefix of every plugin-owned table, e.g. `qbo_`. */
export const TablePrefix = Symbol('qbo-sync.TablePrefix');
