import type { Knex } from 'knex';
import { migratePluginTables } from '../../src/adapters/knex/plugin-migrations';
import { createSqliteDatabase, createTestDatabase } from '../support/database';

export interface KnexBackend {
  readonly knex: Knex;
  /** Another pool on the same database (SQLite in memory has one connection: the same knex). */
  readonly peer: Knex;
  readonly name: 'SQLite' | 'MariaDB';
}

export const contractPrefix = 'qbo_';

/**
 * Registers `suite` once per database (SQLite in memory, then a MariaDB database of its own), each migrated with
 * the plugin tables. `backend()` is valid inside tests and hooks.
 */
export const onEveryDatabase = (suite: (backend: () => KnexBackend) => void): void => {
  for (const name of ['SQLite', 'MariaDB'] as const) {
    describe(`knex on ${name}`, () => {
      let current: KnexBackend | undefined;
      let destroy: () => Promise<void> = async () => undefined;
      beforeAll(async () => {
        if (name === 'SQLite') {
          const db = await createSqliteDatabase();
          current = { knex: db.knex, peer: db.knex, name };
          destroy = db.destroy;
        } else {
          const db = await createTestDatabase();
          current = { knex: db.knex, peer: db.openPeer(), name };
          destroy = db.destroy;
        }
        await migratePluginTables(current.knex, contractPrefix);
      });
      afterAll(() => destroy());
      suite(() => {
        if (!current) throw new Error('The database is not ready yet: use backend() inside tests and hooks.');
        return current;
      });
    });
  }
};
