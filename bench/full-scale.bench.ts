/**
 * One company's initial sync at real pace: QBO's limits, 300 ms a request, timeScale 1 (the initial-sync benchmark
 * runs the same at 1/20). 4,000 customers (more than the 60 s window can take at the ceiling, so the sync never runs
 * dry inside it). Entities QBO accepted are counted over 60 s of steady state, from 5 s after Save & Sync (QBO's
 * lists read, the plan made). efficiency = entities/s ÷ the ceiling (27.7/s). Target ≥ 0.95. About 75 s.
 * `BENCH_TRACE=1` prints what was sent each 5 s (batches, single requests, 429s) to see what limits it.
 */
import { createReferenceHostTables } from '../examples/reference-host/reference-host-schema';
import { createBenchDatabase } from './support/bench-database';
import { startBenchHost } from './support/bench-host';
import { startEmulatorProcess } from './support/emulator-process';
import { seedCustomers } from './support/host-seed';
import { observeGateway } from './support/observed-gateway';
import { ceilingPerSecond, QBO_LATENCY_MS, QBO_LIMITS } from './support/qbo-ceiling';
import { rounded, sleep } from './support/stats';

const customers = 4_000;
const rampMs = 5_000;
const steadyMs = 60_000;
const tenant = 'full-scale';

export const run = async (): Promise<Record<string, number>> => {
  const db = await createBenchDatabase(20);
  const emulator = await startEmulatorProcess();
  const writes: { at: number; entities: number }[] = [];
  const host = await startBenchHost(db.knex, emulator, {
    qbo: { clientId: 'bench-client', clientSecret: 'bench-secret', redirectUri: 'http://127.0.0.1/integrations/qbo/oauth/callback', environment: 'sandbox', apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url, limits: QBO_LIMITS },
    adapters: observeGateway((entities, at) => writes.push({ at, entities })),
  });
  try {
    await emulator.configure({ rateLimits: QBO_LIMITS, latencyMs: QBO_LATENCY_MS, timeScale: 1 });
    await createReferenceHostTables(db.knex);
    await seedCustomers(db.knex, tenant, customers, 0, false);
    const realmId = await host.connect(tenant);
    const enabledAt = performance.now();
    await host.enable(tenant, realmId);
    await sleep(rampMs);
    const from = performance.now();
    await sleep(steadyMs);
    const to = performance.now();
    const entities = writes.filter((write) => write.at >= from && write.at < to).reduce((sum, write) => sum + write.entities, 0);
    const statuses = await emulator.requestStatuses(realmId);
    const requests = [...statuses.values()].reduce((sum, n) => sum + n, 0);
    if (process.env['BENCH_TRACE']) {
      for (let start = enabledAt; start < to; start += 5_000) {
        const slice = writes.filter((write) => write.at >= start && write.at < start + 5_000);
        const batches = slice.filter((write) => write.entities > 1);
        console.log(`${((start - enabledAt) / 1000).toFixed(0).padStart(3)} s: ${batches.length} batches (${batches.reduce((s, w) => s + w.entities, 0)}), ${slice.length - batches.length} singles`);
      }
      console.log('statuses', JSON.stringify([...statuses]));
    }
    const perSecond = entities / (steadyMs / 1000);
    return {
      'fullScale.entitiesPerSecond': rounded(perSecond),
      'fullScale.efficiency': rounded(perSecond / ceilingPerSecond(QBO_LIMITS, QBO_LATENCY_MS, 1)),
      'fullScale.throttledRatio': rounded((statuses.get(429) ?? 0) / Math.max(1, requests)),
    };
  } finally {
    await host.close();
    await emulator.stop();
    await db.destroy();
  }
};
