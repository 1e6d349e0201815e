import { claimableRows, claimReadQuery, takeRowsSettingWakeUp } from '../../../src/adapters/knex/outbox-claim.query';
import { pluginTables } from '../../../src/adapters/knex/plugin-tables';
import { migratePluginTables } from '../../../src/adapters/knex/plugin-migrations';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/** A filesort under FOR UPDATE SKIP LOCKED locks every row it scans (reliability.md §2.2 item 3). */
describe('the outbox claim on MariaDB', () => {
  let db: TestDatabase;
  const table = 'qbo_outbox';

  beforeAll(async () => {
    db = await createTestDatabase();
    await migratePluginTables(db.knex, 'qbo_');
    const states = ['pending', 'in_flight', 'done', 'done', 'done', 'failed'];
    const rows = Array.from({ length: 6_000 }, (_, i) => ({
      tenant_id: `t${i % 40}`,
      kind: 'customer',
      host_id: String(i),
      state: states[i % states.length],
      attempt: 0,
      available_at: 1_000 + (i % 997),
      enqueued_at: 1_000,
      dedupe_key: null,
    }));
    for (let i = 0; i < rows.length; i += 1_000) await db.knex(table).insert(rows.slice(i, i + 1_000));
    await db.knex.raw('ANALYZE TABLE ??', [table]);
  });
  afterAll(() => db.destroy());

  it.each(['pending', 'in_flight'] as const)('reads %s rows through the claim index, without a filesort', async (state) => {
    const query = claimableRows(db.knex, table, state, 't7', 1_500, 20).toSQL().toNative();
    expect(query.sql).toMatch(/for update skip locked$/i);
    const [plan] = (await db.knex.raw(`EXPLAIN ${query.sql}`, query.bindings)) as [Record<string, unknown>[]];
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ key: 'qbo_outbox_claim' });
    expect(String(plan[0]!['Extra'] ?? '')).not.toMatch(/filesort/i);
  });

  it('reads what a claim decides from in one statement: the summary row by its key, each outbox part through the claim index', async () => {
    const query = claimReadQuery(db.knex, pluginTables('qbo_'), 't7', 1_500, 20).toSQL().toNative();
    expect(query.sql.match(/for update skip locked\)/gi)).toHaveLength(2);
    // The summary row is held first (a plain FOR UPDATE, waiting for whoever refreshes it), the outbox read after.
    expect(query.sql).toMatch(/^\(select [^)]*from `qbo_outbox_tenant` where `tenant_id` = \? for update\) union all/i);
    const [plan] = (await db.knex.raw(`EXPLAIN ${query.sql}`, query.bindings)) as [Record<string, unknown>[]];
    const parts = plan.filter((row) => row['table'] === table);
    expect(parts).toHaveLength(4);
    for (const part of parts) {
      expect(part).toMatchObject({ key: 'qbo_outbox_claim' });
      expect(String(part['Extra'] ?? '')).not.toMatch(/filesort/i);
    }
    // The parts that only place the wake-up never leave the index (no read of the rows themselves).
    expect(parts.filter((part) => /using index(?! condition)/i.test(String(part['Extra'] ?? '')))).toHaveLength(2);
  });

  it("writes the taken rows and the company's wake-up in one UPDATE that reads only them, each by its key", async () => {
    await db.knex('qbo_outbox_tenant').insert({ tenant_id: 't7', next_ready_at: 1_000 }).onConflict('tenant_id').ignore();
    const query = takeRowsSettingWakeUp(db.knex, pluginTables('qbo_'), 't7', [7, 47, 87], 'token', 9_000, 2_000).toSQL().toNative();
    const [plan] = (await db.knex.raw(`EXPLAIN ${query.sql}`, query.bindings)) as [Record<string, unknown>[]];
    expect(plan.find((step) => step['table'] === 's')).toMatchObject({ type: 'const', key: 'PRIMARY' });
    expect(plan.find((step) => step['table'] === 'o')).toMatchObject({ type: 'range', key: 'PRIMARY' });
  });
});
