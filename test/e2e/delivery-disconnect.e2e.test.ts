import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { emulatorRequests, emulatorState } from '../support/emulator-state';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { mountPath } from '../support/test-host';
import { startWriteRecorder } from '../support/workers/qbo-write-recorder';
import { drainInProcess, injectFault, unsettledRows } from '../support/workers/sync-tenant';
import { WriteWitness } from '../support/workers/write-witness';

const tenant = '909';

describe('authorization revoked while the sync is on: 50 changes wait, none fails, all arrive in order after reconnecting', () => {
  // The host's QBO API calls pass through the recorder, which writes down every write QBO answered.
  const stack = useHostStack({ tenant, apiProxy: (emulatorUrl) => startWriteRecorder(emulatorUrl), delivery: { holdMs: 50 }, timeoutMs: 30_000 });
  let witness: WriteWitness;

  beforeAll(() => {
    witness = new WriteWitness(stack.host.ports.hostDirectory);
  });

  const changeCustomer = async (write: (seed: ReferenceHostSeeder) => Promise<string>): Promise<string> => {
    const id = await stack.db.knex.transaction(async (trx) => {
      const changed = await write(new ReferenceHostSeeder(trx));
      await stack.host.plugin.notify({ tenantId: tenant, kind: 'customer', id: changed }, { trx });
      return changed;
    });
    await witness.recordVersion(tenant, 'customer', id);
    return id;
  };

  it('holds every change while the connection needs attention, then sends them all once the admin reconnects', async () => {
    const synced: string[] = [];
    for (let n = 0; n < 10; n++) synced.push(await changeCustomer((seed) => seed.customer(tenant, { firstName: `Early${n}`, lastName: 'Bird' })));
    await drainInProcess(stack.db.knex, () => stack.host.plugin.deliverPending());
    expect((await emulatorState(stack.emulator.url, stack.realmId)).Customer?.filter((c) => String(c.DisplayName).endsWith('Bird'))).toHaveLength(10);

    // Intuit revokes the refresh token and the access token runs out: the next call must refresh, and cannot.
    await injectFault(stack.emulator.url, stack.realmId, 'revoke-refresh-token');
    await injectFault(stack.emulator.url, stack.realmId, 'expire-access-token');
    const requestsBefore = (await emulatorRequests(stack.emulator.url, stack.realmId)).length;

    // 50 host changes: each early customer renamed three times, 20 new customers.
    for (let round = 1; round <= 3; round++) for (const [n, id] of synced.entries()) await changeCustomer(async (seed) => (await seed.updateCustomer(id, { firstName: `Early${n} r${round}` }), id));
    for (let n = 0; n < 20; n++) await changeCustomer((seed) => seed.customer(tenant, { firstName: `Late${n}`, lastName: 'Bird' }));
    for (let pass = 0; pass < 5; pass++) {
      await stack.host.plugin.deliverPending();
      await new Promise((resolve) => setTimeout(resolve, 60));
    }

    const connection = await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', tenant).expect(200);
    expect(connection.body.status).toBe('needs_reconnect');
    const afterRevoke = (await emulatorRequests(stack.emulator.url, stack.realmId)).slice(requestsBefore);
    expect(writesIn(afterRevoke)).toBe(0);
    expect(afterRevoke.filter((r) => r.status === 401).length).toBeLessThanOrEqual(1);
    expect(await unsettledRows(stack.db.knex)).toBeGreaterThan(0);
    expect(await stack.db.knex('qbo_outbox').where({ state: 'failed' }).select('last_error')).toEqual([]);
    // No change failed; the one failure row is the lost connection itself, said as such.
    expect(await stack.db.knex('qbo_activity').where({ outcome: 'failure' }).whereNot({ action: 'disconnect' }).select('message')).toEqual([]);
    expect(await stack.db.knex('qbo_activity').where({ action: 'disconnect', outcome: 'failure' }).select('message')).toEqual([{ message: expect.stringMatching(/^Lost the connection to QuickBooks company .*The sync is paused; changes wait/) }]);

    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
    expect((await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', tenant).expect(200)).body).toMatchObject({ status: 'connected', realmId: stack.realmId });
    await drainInProcess(stack.db.knex, () => stack.host.plugin.deliverPending());

    expect(await witness.violations(stack.db.knex, tenant, stack.realmId, stack.proxy.writes)).toEqual([]);
    const hostNames = (await stack.db.knex('customers').where({ company_id: tenant }).select('first_name', 'last_name')).map((c) => `${c.first_name} ${c.last_name}`).sort();
    const qboNames = ((await emulatorState(stack.emulator.url, stack.realmId)).Customer ?? []).map((c) => String(c.DisplayName)).filter((name) => name.endsWith('Bird')).sort();
    expect(qboNames).toEqual(hostNames);
    expect(hostNames.filter((name) => name.includes(' r3 '))).toHaveLength(10);
    expect(await stack.db.knex('qbo_outbox').where({ state: 'failed' }).select('last_error')).toEqual([]);
    // No change failed; the one failure row is the lost connection itself, said as such.
    expect(await stack.db.knex('qbo_activity').where({ outcome: 'failure' }).whereNot({ action: 'disconnect' }).select('message')).toEqual([]);
    expect(await stack.db.knex('qbo_activity').where({ action: 'disconnect', outcome: 'failure' }).select('message')).toEqual([{ message: expect.stringMatching(/^Lost the connection to QuickBooks company .*The sync is paused; changes wait/) }]);
  });
});

/**
 * Writes QBO accepted, in its request log: POSTs other than queries (single or batch) that it did not refuse. The one
 * attempt made with the access token QBO had expired meanwhile is refused (401); that refusal is how the engine learns it.
 */
const writesIn = (requests: ReadonlyArray<{ method: string; path: string; status: number }>): number =>
  requests.filter((r) => r.method === 'POST' && !r.path.endsWith('/query') && r.status !== 401).length;
