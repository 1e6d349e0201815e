/**
 * Many companies at once, at full scale (real limits, 300 ms a request, timeScale 1): the initial sync of one
 * company alone, then of 20 companies at the same time, each with 2,000 customers (more than 60 s of work at QBO's
 * pace). Entities are counted over 60 s of steady state, from 5 s after Save & Sync (QBO's lists read, the plan
 * made). scaling = all 20 together ÷ (20 × one alone). Target ≥ 0.9. Takes about 2½ minutes.
 */
import { createReferenceHostTables } from '../examples/reference-host/reference-host-schema';
import { createBenchDatabase } from './support/bench-database';
import { startBenchHost } from './support/bench-host';
import { startEmulatorProcess } from './support/emulator-process';
import { seedCustomers } from './support/host-seed';
import { observeGateway } from './support/observed-gateway';
import { QBO_LATENCY_MS, QBO_LIMITS } from './support/qbo-ceiling';
import { rounded, sleep } from './support/stats';

const companies = 20;
const customersEach = 2_000;
const rampMs = 5_000;
const steadyMs = 60_000;

/** Entities per second QBO accepted over the steady window while `count` companies run their initial sync. */
const measure = async (count: number, round: string): Promise<number> => {
  const db = await createBenchDatabase(20);
  const emulator = await startEmulatorProcess();
  let written = 0;
  const host = await startBenchHost(db.knex, emulator, {
    qbo: { clientId: 'bench-client', clientSecret: 'bench-secret', redirectUri: 'http://127.0.0.1/integrations/qbo/oauth/callback', environment: 'sandbox', apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url, limits: QBO_LIMITS },
    adapters: observeGateway((entities) => {
      written += entities;
    }),
  });
  try {
    await emulator.configure({ rateLimits: QBO_LIMITS, latencyMs: QBO_LATENCY_MS, timeScale: 1 });
    await createReferenceHostTables(db.knex);
    const tenants = Array.from({ length: count }, (_, n) => `${round}-${n}`);
    const realms: string[] = [];
    for (const tenant of tenants) {
      await seedCustomers(db.knex, tenant, customersEach, 0, false);
      realms.push(await host.connect(tenant));
    }
    await Promise.all(tenants.map((tenant, n) => host.enable(tenant, realms[n] as string)));
    await sleep(rampMs);
    const from = written;
    await sleep(steadyMs);
    const perSecond = (written - from) / (steadyMs / 1000);
    if (perSecond <= 0) throw new Error(`nothing reached QBO in the steady window with ${count} companies`);
    return perSecond;
  } finally {
    await host.close();
    await emulator.stop();
    await db.destroy();
  }
};

export const run = async (): Promise<Record<string, number>> => {
  const alone = await measure(1, 'alone');
  const together = await measure(companies, 'together');
  return {
    'tenants.alonePerSecond': rounded(alone),
    'tenants.togetherPerSecond': rounded(together),
    'tenants.scaling': rounded(together / (companies * alone)),
  };
};
