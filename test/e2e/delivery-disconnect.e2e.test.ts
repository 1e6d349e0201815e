import request from 'supertest';
import { createReferenceHostTables } from '../../examples/reference-host/reference-host-schema';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { HostDirectory } from '../../src/application/ports/host-directory.port';
import { startQboEmulator } from '../../src/adapters/qbo/emulator/start-qbo-emulator';
import { canaryClientSecret } from '../support/canary';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { emulatorRequests, emulatorState } from '../support/emulator-state';
import { connectThroughOAuth } from '../support/oauth-walk';
import { createTestHost, mountPath, type TestHost } from '../support/test-host';
import { startWriteRecorder, type WriteRecorder } from '../support/workers/qbo-write-recorder';
import { connectAndEnable, drainInProcess, injectFault, unsettledRows } from '../support/workers/sync-tenant';
import { WriteWitness } from '../support/workers/write-witness';

const tenant = '909';

describe('authorization revoked while the sync is on: 50 changes wait, none fails, all arrive in order after reconnecting', () => {
  let db: TestDatabase;
  let emulator: Awaited<ReturnType<typeof startQboEmulator>>;
  let recorder: WriteRecorder;
  let host: TestHost;
  let realmId: string;
  let witness: WriteWitness;

  beforeAll(async () => {
    db = await createTestDatabase();
    await createReferenceHostTables(db.knex);
    emulator = await startQboEmulator({ port: 0 });
    recorder = await startWriteRecorder(emulator.url);
    host = await createTestHost(db.knex, emulator.url, {
      qbo: { clientId: 'test-client', clientSecret: canaryClientSecret, redirectUri: `http://host.test${mountPath}/oauth/callback`, environment: 'sandbox', apiBaseUrl: recorder.url, oauthBaseUrl: emulator.url },
      delivery: { holdMs: 50 },
    });
    realmId = await connectAndEnable(host.app, emulator.url, tenant);
    witness = new WriteWitness(host.plugin.container.get<HostDirectory>(HostDirectory));
  }, 30_000);

  afterAll(async () => {
    await host?.plugin.stop();
    await recorder?.close();
    await emulator?.close();
    await db?.destroy();
  });

  const changeCustomer = async (write: (seed: ReferenceHostSeeder) => Promise<string>): Promise<string> => {
    const id = await db.knex.transaction(async (trx) => {
      const changed = await write(new ReferenceHostSeeder(trx));
      await host.plugin.notify({ tenantId: tenant, kind: 'customer', id: changed }, { trx });
      return changed;
    });
    await witness.recordVersion(tenant, 'customer', id);
    return id;
  };

  it('holds every change while the connection needs attention, then sends them all once the admin reconnects', async () => {
    const synced: string[] = [];
    for (let n = 0; n < 10; n++) synced.push(await changeCustomer((seed) => seed.customer(tenant, { firstName: `Early${n}`, lastName: 'Bird' })));
    await drainInProcess(db.knex, () => host.plugin.deliverPending());
    expect((await emulatorState(emulator.url, realmId)).Customer?.filter((c) => String(c.DisplayName).endsWith('Bird'))).toHaveLength(10);

    // Intuit revokes the refresh token and the access token runs out: the next call must refresh, and cannot.
    await injectFault(emulator.url, realmId, 'revoke-refresh-token');
    await injectFault(emulator.url, realmId, 'expire-access-token');
    const requestsBefore = (await emulatorRequests(emulator.url, realmId)).length;

    // 50 host changes: each early customer renamed three times, 20 new customers.
    for (let round = 1; round <= 3; round++) for (const [n, id] of synced.entries()) await changeCustomer(async (seed) => (await seed.updateCustomer(id, { firstName: `Early${n} r${round}` }), id));
    for (let n = 0; n < 20; n++) await changeCustomer((seed) => seed.customer(tenant, { firstName: `Late${n}`, lastName: 'Bird' }));
    for (let pass = 0; pass < 5; pass++) {
      await host.plugin.deliverPending();
      await new Promise((resolve) => setTimeout(resolve, 60));
    }

    const connection = await request(host.app).get(`${mountPath}/connection`).set('x-company-id', tenant).expect(200);
    expect(connection.body.status).toBe('needs_reconnect');
    const afterRevoke = (await emulatorRequests(emulator.url, realmId)).slice(requestsBefore);
    expect(writesIn(afterRevoke)).toBe(0);
    expect(afterRevoke.filter((r) => r.status === 401).length).toBeLessThanOrEqual(1);
    expect(await unsettledRows(db.knex)).toBeGreaterThan(0);
    expect(await db.knex('qbo_outbox').where({ state: 'failed' }).select('last_error')).toEqual([]);
    expect(await db.knex('qbo_activity').where({ outcome: 'failure' }).select('message')).toEqual([]);

    expect((await connectThroughOAuth(host.app, tenant)).status).toBe(303);
    expect((await request(host.app).get(`${mountPath}/connection`).set('x-company-id', tenant).expect(200)).body).toMatchObject({ status: 'connected', realmId });
    await drainInProcess(db.knex, () => host.plugin.deliverPending());

    expect(await witness.violations(db.knex, tenant, realmId, recorder.writes)).toEqual([]);
    const hostNames = (await db.knex('customers').where({ company_id: tenant }).select('first_name', 'last_name')).map((c) => `${c.first_name} ${c.last_name}`).sort();
    const qboNames = ((await emulatorState(emulator.url, realmId)).Customer ?? []).map((c) => String(c.DisplayName)).filter((name) => name.endsWith('Bird')).sort();
    expect(qboNames).toEqual(hostNames);
    expect(hostNames.filter((name) => name.includes(' r3 '))).toHaveLength(10);
    expect(await db.knex('qbo_outbox').where({ state: 'failed' }).select('last_error')).toEqual([]);
    expect(await db.knex('qbo_activity').where({ outcome: 'failure' }).select('message')).toEqual([]);
  });
});

/**
 * Writes QBO accepted, in its request log: POSTs other than queries (single or batch) that it did not refuse. The one
 * attempt made with the access token QBO had expired meanwhile is refused (401); that refusal is how the engine learns it.
 */
const writesIn = (requests: ReadonlyArray<{ method: string; path: string; status: number }>): number =>
  requests.filter((r) => r.method === 'POST' && !r.path.endsWith('/query') && r.status !== 401).length;
