import type { Knex } from 'knex';
import { KnexOutboxStore } from '../../../src/adapters/knex/knex-outbox.store';
import { migratePluginTables } from '../../../src/adapters/knex/plugin-migrations';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/** Many workers in several processes, host transactions appending at the same time: each row is delivered once. */
describe('KnexOutboxStore under contention (MariaDB)', () => {
  let db: TestDatabase;
  let pools: Knex[];
  beforeAll(async () => {
    db = await createTestDatabase();
    await migratePluginTables(db.knex, 'qbo_');
    pools = [db.knex, db.openPeer(), db.openPeer()];
  });
  afterAll(() => db.destroy());

  it('never settles a row twice while 9 workers drain 3 tenants and the host keeps appending', async () => {
    const clock = { now: () => 1_000 };
    const stores = pools.map((knex) => new KnexOutboxStore(knex, 'qbo_', clock));
    const tenants = ['t-a', 't-b', 't-c'];
    const total = 1_500;
    let appended = 0;
    const host = (async () => {
      for (let batch = 0; batch < 30; batch++) {
        const trx = await db.knex.transaction();
        const changes = Array.from({ length: total / 30 }, (_, i) => {
          const n = batch * (total / 30) + i;
          return { tenantId: tenants[n % 3]!, kind: 'customer' as const, hostId: String(n) };
        });
        await stores[0]!.enqueue(changes, trx);
        await trx.commit();
        appended += changes.length;
      }
    })();
    const completed: string[] = [];
    const worker = async (store: KnexOutboxStore, tenantId: string): Promise<void> => {
      for (;;) {
        const batch = await store.claim(tenantId, 10, 1_000, 60_000);
        if (batch.length === 0) {
          if (appended === total) return;
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        for (const change of batch) {
          if (await store.complete(change.id, change.attemptToken, 1_000)) completed.push(change.hostId);
        }
      }
    };
    await Promise.all([host, ...stores.flatMap((store) => tenants.map((tenant) => worker(store, tenant)))]);
    // A last sweep catches rows committed after a worker's final empty claim.
    for (const tenant of tenants) await worker(stores[0]!, tenant);
    expect(completed).toHaveLength(total);
    expect(new Set(completed).size).toBe(total);
  });
});
