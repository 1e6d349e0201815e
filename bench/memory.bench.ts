/**
 * Memory: the initial sync of 100,000 host customers in this process (limits off, no added latency; the emulator
 * runs in its own process so its copy of the data is not counted). RSS is sampled every 20 ms from Save & Sync to
 * the job's end. Target: peak < 300 MB. run.ts runs it twice, each in a fresh process: with the old space capped at
 * 256 MB (the figure, with how long the sync took under the cap) and uncapped (`memory.uncapped.*`, to compare).
 */
import { createReferenceHostTables } from '../examples/reference-host/reference-host-schema';
import { createBenchDatabase } from './support/bench-database';
import { startBenchHost } from './support/bench-host';
import { startEmulatorProcess } from './support/emulator-process';
import { seedCustomersInDatabase } from './support/host-seed';
import { rounded } from './support/stats';
import { UNLIMITED } from './support/unthrottled-host';

const customers = 100_000;
const tenant = 'memory';
const mb = (bytes: number): number => bytes / 1024 / 1024;

export const run = async (): Promise<Record<string, number>> => {
  const db = await createBenchDatabase();
  const emulator = await startEmulatorProcess();
  const host = await startBenchHost(db.knex, emulator, {
    qbo: { clientId: 'bench-client', clientSecret: 'bench-secret', redirectUri: 'http://127.0.0.1/integrations/qbo/oauth/callback', environment: 'sandbox', apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url, limits: UNLIMITED },
  });
  try {
    await emulator.configure({ rateLimits: null, latencyMs: 0, timeScale: 1 });
    await createReferenceHostTables(db.knex);
    await seedCustomersInDatabase(db.knex, tenant, customers);
    const realmId = await host.connect(tenant);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peak = Math.max(peak, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, 20);
    const started = performance.now();
    try {
      await host.enable(tenant, realmId);
      const job = await host.initialSyncDone(tenant, 30 * 60_000);
      if (job.state !== 'completed' || job.done !== customers) throw new Error(`the initial sync ended ${job.state} with ${job.done} of ${job.total} done`);
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      'memory.peakRssMb': rounded(mb(peak)),
      'memory.rssBeforeMb': rounded(mb(before)),
      'memory.peakHeapUsedMb': rounded(mb(peakHeap)),
      'memory.initialSync100kSeconds': rounded(seconds),
    };
  } finally {
    await host.close();
    await emulator.stop();
    await db.destroy();
  }
};
