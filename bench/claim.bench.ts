/**
 * Outbox claim benchmark: the claim (and the worker's `readyTenants`, read from the index of ADR 0071) on MariaDB
 * with 100,000 pending and 1,000,000 finished rows spread over 50 tenants. Rows are generated inside MariaDB (its
 * SEQUENCE engine), so filling the table takes seconds. Each figure is a percentile over 1,000 claims of 20 rows
 * after 100 warm-up claims (and 100 calls of readyTenants after 10). Target: claim p99 < 10 ms.
 */
import { createBenchDatabase } from './support/bench-database';
import { filledOutbox, insertPendingRows } from './support/filled-outbox';
import { percentile, rounded } from './support/stats';

const tenants = 50;
const pendingRows = 100_000;
const finishedRows = 1_000_000;
const claims = 1_000;
const warmUp = 100;
const batchSize = 20;
const prefix = 'qbo_';

const fill = async (knex: import('knex').Knex, table: string, now: number): Promise<void> => {
  // Finished rows are older than every pending one, as in a table that has run for a while.
  await knex.raw(
    `INSERT INTO ?? (tenant_id, kind, host_id, state, attempt, available_at, enqueued_at, settled_at, dedupe_key)
     SELECT CONCAT('t', seq % ?), ELT(1 + seq % 5, 'customer', 'item', 'invoice', 'payment', 'refund'), CONCAT('h', seq),
            IF(seq % 100 = 0, 'failed', 'done'), 1, ? - 86400000 + seq, ? - 86400000 + seq, ? - 86400000 + seq + 500, NULL
     FROM seq_1_to_${finishedRows}`,
    [table, tenants, now, now, now],
  );
  await insertPendingRows(knex, table, pendingRows, tenants, now);
  await knex.raw('ANALYZE TABLE ??', [table]);
};

export const run = async (): Promise<Record<string, number>> => {
  const db = await createBenchDatabase(2);
  try {
    const { outbox, fillSeconds } = await filledOutbox(db.knex, prefix, (table, now) => fill(db.knex, table, now));

    // Claims first, on their own: the scan of readyTenants between them would only measure the two competing.
    const claimTimes: number[] = [];
    for (let i = 0; i < warmUp + claims; i += 1) {
      const tenant = `t${(i * 7) % tenants}`;
      const t0 = performance.now();
      const claimed = await outbox.claim(tenant, batchSize, Date.now(), 60_000);
      if (i >= warmUp) claimTimes.push(performance.now() - t0);
      if (claimed.length !== batchSize) throw new Error(`claim ${i} for ${tenant} took ${claimed.length} rows, not ${batchSize}`);
    }
    const readyTimes: number[] = [];
    for (let i = 0; i < 110; i += 1) {
      const t0 = performance.now();
      const ready = await outbox.readyTenants(Date.now(), 1000);
      if (i >= 10) readyTimes.push(performance.now() - t0);
      if (ready.length !== tenants) throw new Error(`readyTenants found ${ready.length} tenants, not ${tenants}`);
    }
    return {
      'claim.p50Ms': rounded(percentile(claimTimes, 50)),
      'claim.p99Ms': rounded(percentile(claimTimes, 99)),
      'claim.readyTenantsP50Ms': rounded(percentile(readyTimes, 50)),
      'claim.readyTenantsP99Ms': rounded(percentile(readyTimes, 99)),
      'claim.fillSeconds': rounded(fillSeconds),
    };
  } finally {
    await db.destroy();
  }
};
