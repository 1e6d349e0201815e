import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';

export interface TestDatabase {
  readonly knex: Knex;
  readonly name: string;
  /** Another pool on the same database, as a second host process would have. */
  openPeer(): Knex;
  destroy(): Promise<void>;
}

export const mysqlUrl = (): string => process.env['MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/test';

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/**
 * A uniquely named MariaDB database for one test file, dropped by `destroy`. When MariaDB does not answer the
 * test fails loudly: a suite that silently skips its real database proves nothing.
 */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const url = mysqlUrl();
  const name = `qbo_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'mysql2', connection: url, pool: { min: 0, max: 1 } });
  try {
    await admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', [name]);
  } catch (error) {
    await admin.destroy();
    throw new Error(`MariaDB at ${url} did not answer (${(error as Error).message}). Start it or set MYSQL_URL.`);
  }
  const peers: Knex[] = [];
  const open = (): Knex => {
    const knex = knexFactory({ client: 'mysql2', connection: withDatabase(url, name), pool: { min: 0, max: 5 } });
    peers.push(knex);
    return knex;
  };
  const knex = open();
  return {
    knex,
    name,
    openPeer: open,
    destroy: async () => {
      await Promise.all(peers.map((peer) => peer.destroy()));
      await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
      await admin.destroy();
    },
  };
};

/** An in-memory SQLite database (better-sqlite3), as the demo uses. */
export const createSqliteDatabase = async (): Promise<{ knex: Knex; destroy(): Promise<void> }> => {
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  return { knex, destroy: () => knex.destroy() };
};
