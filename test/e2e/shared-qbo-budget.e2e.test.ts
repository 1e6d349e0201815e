import { InMemoryQboBudgetStore } from '../../src/adapters/memory/in-memory-qbo-budget.store';
import type { QboGateway } from '../../src/application/ports/qbo-gateway.port';
import type { PluginAdapters } from '../../src/plugin';
import { EmulatorClient } from '../emulator/emulator-client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { connectThroughOAuth } from '../support/oauth-walk';
import { createTestHost, testQboOptions, type TestHost } from '../support/test-host';

/**
 * QBO's minute and latency at 1/20 (3 s, 15 ms a request) with a smaller budget, 60 requests a minute and 10 in flight,
 * so that two instances can ask for more than it allows even on a loaded machine (each paces itself to ~16/s).
 */
const timeScale = 1 / 20;
const limits = { perMinute: 60, concurrent: 10, batchPerMinute: 10 };
/** Each instance's calls: together over two windows' budget, so one window cannot hold them all. */
const callsEach = 60;

interface Instance {
  readonly host: TestHost;
  readonly gateway: () => QboGateway;
}

/**
 * Two plugin instances in one test process, as two host processes: each its own knex pool on one MariaDB database and
 * its own pacer, the same tenant and QBO company, both reading from QBO as fast as they are let (docs/adr/0072).
 */
describe('one QBO company driven by two plugin instances (MariaDB, emulator with real limits at 1/20)', () => {
  const emulator = EmulatorClient.use();
  let db: TestDatabase;
  let tenants = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.destroy());

  const instance = async (knex: TestDatabase['knex'], adapters: PluginAdapters = {}): Promise<Instance> => {
    let gateway: QboGateway | undefined;
    const host = await createTestHost(knex, emulator.url, {
      qbo: { ...testQboOptions(emulator.url), timeScale, limits },
      adapters: { ...adapters, qboGateway: (standard) => (gateway = standard) },
    });
    return { host, gateway: () => gateway! };
  };

  /** Both instances call QBO `callsEach` times each, 10 at a time; returns the statuses QBO answered. */
  const driveBoth = async (a: Instance, b: Instance): Promise<{ statuses: Map<number, number>; ms: number }> => {
    const tenant = `shared-${(tenants += 1)}`;
    const { realmId } = (await emulator.control('POST', '/realms', { companyName: 'Shared Pools' })).body as { realmId: string };
    expect((await connectThroughOAuth(a.host.app, tenant)).status).toBe(303);
    await emulator.control('POST', '/config', { rateLimits: limits, latencyMs: 300, timeScale });
    const started = Date.now();
    const lanes = [a, b].flatMap((side) =>
      Array.from({ length: 10 }, async () => {
        for (let n = 0; n < callsEach / 10; n += 1) expect(await side.gateway().companyName(tenant)).toEqual({ ok: true, value: 'Shared Pools' });
      }),
    );
    await Promise.all(lanes);
    const ms = Date.now() - started;
    await emulator.control('POST', '/config', { rateLimits: null, latencyMs: 0, timeScale: 1 });
    const { requests } = (await emulator.control('GET', `/realms/${realmId}/requests`)).body as { requests: { status: number }[] };
    const statuses = new Map<number, number>();
    for (const { status } of requests) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    return { statuses, ms };
  };

  it('keeps both within the company’s budget together: QBO never answers 429', async () => {
    const a = await instance(db.knex);
    const b = await instance(db.openPeer());
    try {
      const { statuses, ms } = await driveBoth(a, b);
      expect(statuses.get(429) ?? 0).toBe(0);
      expect(statuses.get(200)).toBeGreaterThanOrEqual(2 * callsEach);
      // 120 calls at 60 a window: more than two windows (6 s), so the budget, not luck, kept them apart.
      expect(ms).toBeGreaterThan(6_000);
    } finally {
      await a.host.plugin.stop();
      await b.host.plugin.stop();
    }
  }, 60_000);

  it('meets 429s when each instance keeps a budget of its own (what the shared one prevents)', async () => {
    const a = await instance(db.knex, { qboBudgetStore: new InMemoryQboBudgetStore() });
    const b = await instance(db.openPeer(), { qboBudgetStore: new InMemoryQboBudgetStore() });
    try {
      const { statuses } = await driveBoth(a, b);
      expect(statuses.get(429) ?? 0).toBeGreaterThan(0);
    } finally {
      await a.host.plugin.stop();
      await b.host.plugin.stop();
    }
  }, 60_000);
});
