import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';

export interface BenchDatabase {
  readonly knex: Knex;
  readonly name: string;
  destroy(): Promise<void>;
}

export const benchMysqlUrl = (): string => process.env['MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/test';

/**
 * A database of its own for one benchmark on MariaDB, dropped by `destroy` (also after a failure: callers use
 * try/finally). Benchmarks talk to 127.0.0.1 only, so a MYSQL_URL naming another host is refused.
 */
export const createBenchDatabase = async (poolMax = 10): Promise<BenchDatabase> => {
  const url = new URL(benchMysqlUrl());
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`benchmarks only talk to this machine; MYSQL_URL names ${url.hostname}`);
  const name = `qbo_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = knexFactory({ client: 'mysql2', connection: url.toString(), pool: { min: 0, max: 1 } });
  try {
    await admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', [name]);
  } catch (error) {
    await admin.destroy();
    throw new Error(`MariaDB at ${url.host} did not answer (${(error as Error).message}). Start it or set MYSQL_URL.`);
  }
  url.pathname = `/${name}`;
  const knex = knexFactory({ client: 'mysql2', connection: url.toString(), pool: { min: 0, max: poolMax } });
  return {
    knex,
    name,
    destroy: async () => {
      await knex.destroy();
      await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
      await admin.destroy();
    },
  };
};
