/**
 * Engine throughput: 20,000 host changes (customers and catalog items, 3 to 1, across 8 companies) signalled with
 * notify in host transactions of 500, carried through the outbox on MariaDB by the plugin's worker to the emulator
 * (its own process; limits off, no added latency, the plugin's pacing opened as wide). The clock runs from the first
 * notify to the last QBO answer. Target ≥ 1,000 entities/s.
 */
import type { HostChange } from '../src/plugin';
import { startUnthrottledHost } from './support/unthrottled-host';
import { createReferenceHostTables } from '../examples/reference-host/reference-host-schema';
import { createBenchDatabase } from './support/bench-database';
import { startEmulatorProcess } from './support/emulator-process';
import { seedCustomers, seedItems } from './support/host-seed';
import { rounded, waitUntil } from './support/stats';

const tenants = 8;
const customersPerTenant = 1_875;
const itemsPerTenant = 625;
const notifyChunk = 500;

export const run = async (): Promise<Record<string, number>> => {
  const db = await createBenchDatabase(20);
  const emulator = await startEmulatorProcess();
  const { host, tally } = await startUnthrottledHost(db.knex, emulator);
  try {
    await emulator.configure({ rateLimits: null, latencyMs: 0, timeScale: 1 });
    await createReferenceHostTables(db.knex);
    const changes: HostChange[] = [];
    const realms: string[] = [];
    for (let t = 0; t < tenants; t += 1) {
      const tenant = `engine-${t}`;
      const realmId = await host.connect(tenant);
      await host.enable(tenant, realmId);
      await host.initialSyncDone(tenant, 30_000);
      realms.push(realmId);
      // Seeded after Save & Sync, so the initial sync has nothing to do: every record arrives by notify.
      for (const id of await seedCustomers(db.knex, tenant, customersPerTenant)) changes.push({ tenantId: tenant, kind: 'customer', id });
      for (const id of await seedItems(db.knex, tenant, itemsPerTenant)) changes.push({ tenantId: tenant, kind: 'item', id });
    }
    // Interleaved as a busy host would signal them: companies and kinds mixed.
    changes.sort((a, b) => Number(a.id) - Number(b.id) || String(a.tenantId).localeCompare(String(b.tenantId)));
    await host.plugin.start();

    const started = performance.now();
    for (let i = 0; i < changes.length; i += notifyChunk) {
      await db.knex.transaction((trx) => host.plugin.notify(changes.slice(i, i + notifyChunk), { trx }));
    }
    const notifiedMs = performance.now() - started;
    await waitUntil(async () => tally.written >= changes.length, 600_000, `delivery of ${changes.length} changes`, 50);
    const seconds = (tally.lastWriteAt - started) / 1000;

    let inQbo = 0;
    for (const realmId of realms) inQbo += (await emulator.count(realmId, 'Customer')) + (await emulator.count(realmId, 'Item'));
    if (inQbo < changes.length) throw new Error(`QBO holds ${inQbo} customers and items, not ${changes.length}`);
    return {
      'engine.entitiesPerSecond': rounded(changes.length / seconds),
      'engine.seconds': rounded(seconds),
      'engine.notifyMs': rounded(notifiedMs),
    };
  } finally {
    await host.close();
    await emulator.stop();
    await db.destroy();
  }
};
