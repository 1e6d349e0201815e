/**
 * Finding companies with ready work and claiming their rows, with 1,000,000 pending rows over 10,000 companies on
 * MariaDB (issue 17). Rows are generated inside MariaDB (its SEQUENCE engine); the ready-companies index is then
 * built the way an upgrade meets a backlog: by the store's first readyTenants (its rebuild from the outbox, timed).
 *
 * A pass is what the worker does: a host notify for a random company lands (so readyTenants folds in a signal, as
 * on a busy day), then readyTenants(now, 1,000), then a claim of 20 rows of the first company it names, whose rows
 * are then marked done. Percentiles over 1,000 passes after 100 warm-up passes. `claim.manyTenantsP99Ms` is the
 * p99 of readyTenants + claim in one pass; target < 10 ms. The old GROUP BY over every live row is timed beside it
 * (5 runs, median) on the same table, for the ratio.
 */
import type { Knex } from 'knex';
import { createBenchDatabase } from './support/bench-database';
import { filledOutbox, insertPendingRows } from './support/filled-outbox';
import { percentile, rounded } from './support/stats';

const tenants = 10_000;
const pendingRows = 1_000_000;
const passes = 1_000;
const warmUp = 100;
const batchSize = 20;
const prefix = 'qbo_';

const fill = async (knex: Knex, table: string, now: number): Promise<void> => {
  await insertPendingRows(knex, table, pendingRows, tenants, now);
  await knex.raw('ANALYZE TABLE ??', [table]);
};

/** The query readyTenants ran before the index: every live row read and grouped by company. */
const oldScan = (knex: Knex, table: string, now: number): Promise<unknown> =>
  knex(table)
    .select('tenant_id')
    .min({ first_ready: 'available_at' })
    .whereIn('state', ['pending', 'in_flight'])
    .andWhere('available_at', '<=', now)
    .groupBy('tenant_id')
    .orderBy([{ column: 'first_ready' }, { column: 'tenant_id' }])
    .limit(1_000);

const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
};

export const run = async (): Promise<Record<string, number>> => {
  const db = await createBenchDatabase(4);
  try {
    const { outbox, table, fillSeconds } = await filledOutbox(db.knex, prefix, (filled, now) => fill(db.knex, filled, now));

    const [found, rebuildMs] = await time(() => outbox.readyTenants(Date.now(), 1_000));
    if (found.length !== 1_000) throw new Error(`the first readyTenants found ${found.length} companies, not 1,000`);

    const readyTimes: number[] = [];
    const claimTimes: number[] = [];
    const passTimes: number[] = [];
    const completeTimes: number[] = [];
    for (let i = 0; i < warmUp + passes; i += 1) {
      await outbox.enqueue([{ tenantId: `t${(i * 7_919) % tenants}`, kind: 'invoice', hostId: `n${i}` }]);
      const [ready, readyMs] = await time(() => outbox.readyTenants(Date.now(), 1_000));
      if (ready.length !== 1_000) throw new Error(`pass ${i}: readyTenants found ${ready.length} companies, not 1,000`);
      const [claimed, claimMs] = await time(() => outbox.claim(ready[0] as string, batchSize, Date.now(), 60_000));
      if (claimed.length === 0) throw new Error(`pass ${i}: ${ready[0]} was named ready but had nothing to claim`);
      const [, completeMs] = await time(() => outbox.completeMany(claimed.map(({ id, attemptToken }) => ({ id, attemptToken })), Date.now()));
      if (i < warmUp) continue;
      readyTimes.push(readyMs);
      claimTimes.push(claimMs);
      passTimes.push(readyMs + claimMs);
      completeTimes.push(completeMs);
    }

    const oldScanTimes: number[] = [];
    for (let i = 0; i < 5; i += 1) oldScanTimes.push((await time(() => oldScan(db.knex, table, Date.now())))[1]);

    return {
      'claim.manyTenantsP50Ms': rounded(percentile(passTimes, 50)),
      'claim.manyTenantsP99Ms': rounded(percentile(passTimes, 99)),
      'claim.manyTenantsReadyP50Ms': rounded(percentile(readyTimes, 50)),
      'claim.manyTenantsReadyP99Ms': rounded(percentile(readyTimes, 99)),
      'claim.manyTenantsClaimP50Ms': rounded(percentile(claimTimes, 50)),
      'claim.manyTenantsClaimP99Ms': rounded(percentile(claimTimes, 99)),
      'claim.manyTenantsCompleteP99Ms': rounded(percentile(completeTimes, 99)),
      'claim.manyTenantsRebuildMs': rounded(rebuildMs),
      'claim.manyTenantsOldScanMs': rounded(percentile(oldScanTimes, 50)),
      'claim.manyTenantsFillSeconds': rounded(fillSeconds),
    };
  } finally {
    await db.destroy();
  }
};
