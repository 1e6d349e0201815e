/**
 * Initial sync at QBO's limits, and the naive integration beside it, in one run under the same settings: the
 * emulator (its own process) enforces 500 requests, 10 at a time and 40 batches a minute with 300 ms per request,
 * all at `timeScale` 1/20 (3 s windows, 15 ms latency), so ratios equal those at full scale. Save & Sync pushes
 * 10,000 host customers and 2,000 catalog items; the clock runs from Save & Sync to the job's completion.
 * Targets: efficiency ≥ 0.9 of the ceiling, throttled ≤ 1 % of requests, speed-up ≥ 0.85 × the best possible.
 * `BENCH_TRACE=1` prints what was sent each 250 ms (5 s at full scale): batches, single requests, and when the first
 * and the last write reached QBO.
 */
import { createReferenceHostTables } from '../examples/reference-host/reference-host-schema';
import { INITIAL_SYNC_TIME_SCALE } from './ceiling.bench';
import { createBenchDatabase } from './support/bench-database';
import { startBenchHost } from './support/bench-host';
import { startEmulatorProcess } from './support/emulator-process';
import { seedCustomers, seedItems } from './support/host-seed';
import { naiveCustomersPerSecond } from './support/naive-baseline';
import { observeGateway } from './support/observed-gateway';
import { ceilingPerSecond, naivePerSecond, QBO_LATENCY_MS, QBO_LIMITS } from './support/qbo-ceiling';
import { rounded } from './support/stats';

const customers = 10_000;
const items = 2_000;
const naiveSample = 400;
const tenant = 'initial-sync';

/** What reached QBO in each 250 ms (5 s at full scale), from Save & Sync. */
const traceWrites = (writes: readonly { at: number; entities: number }[], started: number, statuses: ReadonlyMap<number, number>): void => {
  const bucketMs = 250;
  const last = writes.reduce((latest, write) => Math.max(latest, write.at), started);
  console.log(`first write ${((writes[0]?.at ?? started) - started).toFixed(0)} ms after Save & Sync, last ${(last - started).toFixed(0)} ms`);
  for (let start = started; start < last; start += bucketMs) {
    const slice = writes.filter((write) => write.at >= start && write.at < start + bucketMs);
    const batches = slice.filter((write) => write.entities > 1);
    console.log(`${((start - started) / 1000).toFixed(2).padStart(6)} s: ${batches.length} batches (${batches.reduce((sum, w) => sum + w.entities, 0)}), ${slice.length - batches.length} singles`);
  }
  console.log('statuses', JSON.stringify([...statuses]));
};

export const run = async (): Promise<Record<string, number>> => {
  const db = await createBenchDatabase();
  const emulator = await startEmulatorProcess();
  const timeScale = INITIAL_SYNC_TIME_SCALE;
  const writes: { at: number; entities: number }[] = [];
  const host = await startBenchHost(db.knex, emulator, {
    qbo: { clientId: 'bench-client', clientSecret: 'bench-secret', redirectUri: 'http://127.0.0.1/integrations/qbo/oauth/callback', environment: 'sandbox', apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url, timeScale, limits: QBO_LIMITS },
    adapters: observeGateway((entities, at) => writes.push({ at, entities })),
  });
  try {
    await emulator.configure({ rateLimits: QBO_LIMITS, latencyMs: QBO_LATENCY_MS, timeScale });
    await createReferenceHostTables(db.knex);
    await seedCustomers(db.knex, tenant, customers);
    await seedItems(db.knex, tenant, items);
    const realmId = await host.connect(tenant);

    const started = performance.now();
    await host.enable(tenant, realmId);
    const job = await host.initialSyncDone(tenant, 20 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    if (job.state !== 'completed' || job.done !== customers + items) throw new Error(`the initial sync ended ${job.state} with ${job.done} of ${job.total} done, ${job.failed} failed`);
    const inQbo = (await emulator.count(realmId, 'Customer')) + (await emulator.count(realmId, 'Item'));
    if (inQbo !== customers + items) throw new Error(`QBO holds ${inQbo} customers and items, not ${customers + items}`);
    const statuses = await emulator.requestStatuses(realmId);
    const requests = [...statuses.values()].reduce((sum, n) => sum + n, 0);

    if (process.env['BENCH_TRACE']) traceWrites(writes, started, statuses);
    const ours = (customers + items) / seconds;
    const ceiling = ceilingPerSecond(QBO_LIMITS, QBO_LATENCY_MS, timeScale);
    // The naive integration under the same settings, in a company of its own, right after ours.
    const naive = await naiveCustomersPerSecond(emulator, naiveSample);
    return {
      'initialSync.entitiesPerSecond': rounded(ours),
      'initialSync.seconds': rounded(seconds),
      'initialSync.efficiency': rounded(ours / ceiling),
      'initialSync.requests': requests,
      'initialSync.throttledRatio': rounded((statuses.get(429) ?? 0) / Math.max(1, requests)),
      'baseline.recordsPerSecond': rounded(naive),
      'baseline.theoreticalPerSecond': rounded(naivePerSecond(QBO_LIMITS, QBO_LATENCY_MS, timeScale)),
      'baseline.speedup': rounded(ours / naive),
    };
  } finally {
    await host.close();
    await emulator.stop();
    await db.destroy();
  }
};
