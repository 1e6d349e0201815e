import { KnexQboBudgetStore } from '../../../src/adapters/knex/knex-qbo-budget.store';
import { migratePluginTables } from '../../../src/adapters/knex/plugin-migrations';
import { createSqliteDatabase } from '../../support/database';

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
