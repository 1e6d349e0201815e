import { KnexQboBudgetStore } from '../../../src/adapters/knex/knex-qbo-budget.store';
import { migratePluginTables } from '../../../src/adapters/knex/plugin-migrations';
import { createSqliteDatabase } from '../../support/database';
import type { Knex } from 'knex';

/** The statements `knex` sends while `work` runs. */
const statementsOf = async <T>(knex: Knex, work: () => Promise<T>): Promise<{ result: T; sent: string[] }> => {
  const sent: string[] = [];
  const listen = (query: { sql: string }): void => void sent.push(query.sql);
  knex.on('query', listen);
  try {
    return { result: await work(), sent };
  } finally {
    knex.removeListener('query', listen);
  }
};

const rule = { singleIntervalMs: 100, singleBurst: 1, batchIntervalMs: 1_000 };

describe('KnexQboBudgetStore with the plugin clock', () => {
  it('reserves from when it reads the row, not from when the starts were asked for (a wait for a pooled connection is not spent)', async () => {
    const db = await createSqliteDatabase();
    try {
      await migratePluginTables(db.knex, 'qbo_');
      const clock = { time: 1_000_000, now: () => clock.time };
      const store = new KnexQboBudgetStore(db.knex, 'qbo_', clock);
      // Asked at 1,000,000; the row is read 800 ms later.
      const askedAt = clock.time;
      clock.time += 800;
      const reserved = await store.reserve('t1', 'realm-1', { singles: 2, batches: 0 }, rule, askedAt);
      expect(reserved.singles).toEqual([askedAt + 800, askedAt + 900]);
      // Never from before `now` when the clock is behind it.
      clock.time = askedAt;
      const later = await store.reserve('t1', 'realm-1', { singles: 1, batches: 0 }, rule, askedAt + 5_000);
      expect(later.singles).toEqual([askedAt + 5_000]);
    } finally {
      await db.destroy();
    }
  });
});

describe('KnexQboBudgetStore: the process that wrote a company\'s row last (ADR 0081)', () => {
  it('reserves with one statement, and reads again once another process wrote the row, handing no start out twice', async () => {
    const db = await createSqliteDatabase();
    try {
      await migratePluginTables(db.knex, 'qbo_');
      const clock = { time: 1_000_000, now: () => clock.time };
      const driver = new KnexQboBudgetStore(db.knex, 'qbo_', clock);
      const adminPage = new KnexQboBudgetStore(db.knex, 'qbo_', clock);
      const ask = { singles: 2, batches: 0 };
      const first = await driver.reserve('t1', 'realm-1', ask, rule, clock.time);
      const again = await statementsOf(db.knex, () => driver.reserve('t1', 'realm-1', ask, rule, clock.time));
      expect(again.sent).toHaveLength(1);
      const other = await adminPage.reserve('t1', 'realm-1', ask, rule, clock.time);
      const afterOther = await statementsOf(db.knex, () => driver.reserve('t1', 'realm-1', ask, rule, clock.time));
      expect(afterOther.sent.filter((sql) => sql.startsWith('select'))).toHaveLength(1);
      const starts = [first, again.result, other, afterOther.result].flatMap((reserved) => reserved.singles);
      expect(new Set(starts).size).toBe(8);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    } finally {
      await db.destroy();
    }
  });
});
