/**
 * One QBO company driven by three host processes at once, at real pace (QBO's limits, 300 ms a request, timeScale 1;
 * the emulator in a process of its own). Each process is a plugin instance of its own (bench/support/plugin-process.ts)
 * on the same MariaDB database:
 * - A runs the initial sync of 2,400 customers (Save & Sync was pressed there); its worker is off.
 * - B and C run the delivery worker. The host renames 5 customers a second (already in QBO) and notifies B; the tenant
 *   lease keeps deliveries waiting until the initial sync is done, and then B or C sends them, right after A spent the
 *   minute's budget: a process that counted only its own requests would meet QBO's window full (429s, then Intuit's
 *   60 s wait).
 * - B and C also read the accounts list from QBO through the plugin's API every 3 s each (an admin's page, served by
 *   whichever instance the load balancer picks), which no lease holds back.
 * throttledRatio = 429 answers ÷ every request the company received, from Save & Sync until the renames are delivered.
 * efficiency = entities QBO accepted (from every process) over 60 s of the initial sync's steady state, from 5 s after
 * Save & Sync, ÷ the ceiling (27.7/s). The reads take about 6 % of the request budget, so efficiency cannot reach 1.
 * `BENCH_UNSHARED=1` gives each process a budget of its own (the plugin before docs/adr/0072), for comparison.
 * About 3 minutes.
 */
import { createReferenceHostTables } from '../examples/reference-host/reference-host-schema';
import { migratePluginTables } from '../src/adapters/knex/plugin-migrations';
import { benchMysqlUrl, createBenchDatabase } from './support/bench-database';
import { startEmulatorProcess } from './support/emulator-process';
import { seedCustomers } from './support/host-seed';
import { startPluginProcess, type PluginProcess } from './support/plugin-process';
import { ceilingPerSecond, QBO_LATENCY_MS, QBO_LIMITS } from './support/qbo-ceiling';
import { rounded, sleep, waitUntil } from './support/stats';

const customers = 2_400;
const rampMs = 5_000;
const steadyMs = 60_000;
const renamesPerSecond = 5;
const renamesFromMs = 10_000;
const readEveryMs = 3_000;
const tenant = 'shared-limits';

interface SyncStatus {
  readonly job?: { readonly state: string };
  readonly outbox: { readonly pending: number };
}

export const run = async (): Promise<Record<string, number>> => {
  const db = await createBenchDatabase(10);
  const emulator = await startEmulatorProcess();
  const processes: PluginProcess[] = [];
  let renaming = false;
  try {
    await createReferenceHostTables(db.knex);
    await seedCustomers(db.knex, tenant, customers, 0, false);
    // Migrated once here, so three processes starting at once do not queue on the migration lock.
    await migratePluginTables(db.knex, 'qbo_');
    const url = new URL(benchMysqlUrl());
    url.pathname = `/${db.name}`;
    const unshared = process.env['BENCH_UNSHARED'] === '1';
    const base = { databaseUrl: url.toString(), emulatorUrl: emulator.url, unshared };
    const [a, b, c] = await Promise.all([
      startPluginProcess({ ...base, name: 'A', worker: false }),
      startPluginProcess({ ...base, name: 'B', worker: true }),
      startPluginProcess({ ...base, name: 'C', worker: true }),
    ]);
    processes.push(a!, b!, c!);
    const realmId = await a!.ask<string>({ op: 'connect', tenant });
    await emulator.configure({ rateLimits: QBO_LIMITS, latencyMs: QBO_LATENCY_MS, timeScale: 1 });
    const enabledAt = Date.now();
    await a!.ask({ op: 'enable', tenant, realmId });
    await Promise.all([b, c].map((side) => side!.ask({ op: 'read', tenant, everyMs: readEveryMs })));
    renaming = true;
    const renames = (async () => {
      await sleep(renamesFromMs);
      while (renaming) {
        await b!.ask({ op: 'edit', tenant, count: renamesPerSecond });
        await sleep(1_000);
      }
    })();
    await sleep(rampMs);
    const from = Date.now();
    await sleep(steadyMs);
    const to = Date.now();
    await waitUntil(async () => (await a!.ask<SyncStatus>({ op: 'status', tenant })).job?.state !== 'running', 300_000, 'the initial sync', 1_000);
    renaming = false;
    await renames;
    // Every rename delivered: nothing pending for the tenant (B's view of the outbox is everyone's, one database).
    await waitUntil(async () => (await b!.ask<SyncStatus>({ op: 'status', tenant })).outbox.pending === 0, 300_000, 'the renames to reach QBO', 1_000);
    const drainedAt = Date.now();
    const writes = (await Promise.all(processes.map((side) => side.ask<[number, number][]>({ op: 'writes' })))).flat();
    const entities = writes.filter(([at]) => at >= from && at < to).reduce((sum, [, n]) => sum + n, 0);
    const statuses = await emulator.requestStatuses(realmId);
    const requests = [...statuses.values()].reduce((sum, n) => sum + n, 0);
    if (process.env['BENCH_TRACE']) {
      for (let start = enabledAt; start < drainedAt; start += 5_000) {
        const slice = writes.filter(([at]) => at >= start && at < start + 5_000);
        console.log(`${((start - enabledAt) / 1000).toFixed(0).padStart(3)} s: ${slice.reduce((sum, [, n]) => sum + n, 0)} entities in ${slice.length} answers`);
      }
      console.log('statuses', JSON.stringify([...statuses]));
    }
    const perSecond = entities / ((to - from) / 1000);
    return {
      'sharedLimits.entitiesPerSecond': rounded(perSecond),
      'sharedLimits.efficiency': rounded(perSecond / ceilingPerSecond(QBO_LIMITS, QBO_LATENCY_MS, 1)),
      'sharedLimits.throttledRatio': rounded((statuses.get(429) ?? 0) / Math.max(1, requests)),
      'sharedLimits.requests': requests,
      'sharedLimits.throttled': statuses.get(429) ?? 0,
      'sharedLimits.drainSeconds': rounded((drainedAt - enabledAt) / 1000),
    };
  } finally {
    renaming = false;
    await Promise.all(processes.map((side) => side.close().catch(() => undefined)));
    await emulator.stop();
    await db.destroy();
  }
};
