/**
 * Latency from the host's commit to QBO's answer, one change at a time on an idle system: a customer inserted and
 * signalled in one host transaction, delivered by the plugin's worker (woken by the notify) through the outbox on
 * MariaDB to the emulator (its own process; limits off, no added latency; the plugin's own pacing is lifted to
 * match). 300 changes after 20 warm-up ones, 20 ms apart. Targets: p50 < 50 ms, p99 < 250 ms.
 */
import { createReferenceHostTables } from '../examples/reference-host/reference-host-schema';
import { startUnthrottledHost } from './support/unthrottled-host';
import { createBenchDatabase } from './support/bench-database';
import { startEmulatorProcess } from './support/emulator-process';
import { seedCustomers } from './support/host-seed';
import { percentile, rounded, sleep, waitUntil } from './support/stats';

const samples = 300;
const warmUp = 20;
const tenant = 'latency';

export const run = async (): Promise<Record<string, number>> => {
  const db = await createBenchDatabase();
  const emulator = await startEmulatorProcess();
  const { host, tally } = await startUnthrottledHost(db.knex, emulator);
  try {
    await emulator.configure({ rateLimits: null, latencyMs: 0, timeScale: 1 });
    await createReferenceHostTables(db.knex);
    const realmId = await host.connect(tenant);
    await host.enable(tenant, realmId);
    await host.plugin.start();

    const latencies: number[] = [];
    for (let n = 0; n < warmUp + samples; n += 1) {
      const before = tally.written;
      let committedAt = 0;
      await db.knex.transaction(async (trx) => {
        const [id] = await seedCustomers(trx, tenant, 1, n);
        await host.plugin.notify({ tenantId: tenant, kind: 'customer', id: id as number }, { trx });
      });
      committedAt = performance.now();
      await waitUntil(async () => tally.written > before, 10_000, `delivery of change ${n}`, 1);
      if (n >= warmUp) latencies.push(tally.lastWriteAt - committedAt);
      await sleep(20);
    }
    const inQbo = await emulator.count(realmId, 'Customer');
    if (inQbo !== warmUp + samples) throw new Error(`QBO holds ${inQbo} customers, not ${warmUp + samples}`);
    return {
      'latency.p50Ms': rounded(percentile(latencies, 50)),
      'latency.p99Ms': rounded(percentile(latencies, 99)),
      'latency.maxMs': rounded(Math.max(...latencies)),
    };
  } finally {
    await host.close();
    await emulator.stop();
    await db.destroy();
  }
};
