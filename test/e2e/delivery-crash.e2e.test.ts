import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { emulatorState } from '../support/emulator-state';
import { startHostStack, type HostStack } from '../support/host-stack';
import { startWriteRecorder, type WriteRecorder } from '../support/workers/qbo-write-recorder';
import { unsettledRows, waitUntil } from '../support/workers/sync-tenant';
import { canaryIn, startWorkerProcess, type WorkerProcess } from '../support/workers/worker-processes';
import { WriteWitness } from '../support/workers/write-witness';

const tenant = '707';
const customers = 60;
const items = 12;
const leaseMs = 2_000;

describe('a worker process killed (SIGKILL) while QBO applies its writes loses nothing', () => {
  let stack: HostStack;
  let recorder: WriteRecorder;
  let victim: WorkerProcess | undefined;
  let successor: WorkerProcess | undefined;
  let writeRequests = 0;

  beforeAll(async () => {
    stack = await startHostStack({ tenant });
    // The second request that writes is applied by QBO, then the worker dies before the answer reaches it.
    recorder = await startWriteRecorder(stack.emulator.url, () => {
      writeRequests += 1;
      if (writeRequests !== 2 || !victim) return 'answer';
      victim.child.kill('SIGKILL');
      return 'drop';
    });
    await fetch(`${stack.emulator.url}/__emulator/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 40 }) });
  }, 30_000);

  afterAll(async () => {
    await victim?.kill();
    await successor?.kill();
    await recorder?.close();
    await stack?.close();
  });

  it('leaves its rows in flight until the lease runs out; another worker then sends each record once', async () => {
    const witness = new WriteWitness(stack.host.ports.hostDirectory);
    const seed = new ReferenceHostSeeder(stack.db.knex);
    const signals: Array<{ tenantId: string; kind: 'customer' | 'item'; id: string }> = [];
    for (let n = 0; n < customers; n++) signals.push({ tenantId: tenant, kind: 'customer', id: await seed.customer(tenant, { firstName: `Crash${n}`, lastName: 'Victim' }) });
    for (let n = 0; n < items; n++) signals.push({ tenantId: tenant, kind: 'item', id: await seed.item(tenant, { name: `Crash item ${n}`, unitPriceCents: 100 * n }) });
    await stack.host.plugin.notify(signals);
    for (const signal of signals) await witness.recordVersion(tenant, signal.kind, signal.id);

    const env = { databaseName: stack.db.name, apiUrl: recorder.url, oauthUrl: stack.emulator.url, leaseMs };
    victim = startWorkerProcess(env);
    expect(await victim.exited).toBeNull(); // ended by the signal, not by itself

    // QBO holds what the dead worker sent; its claimed rows are still in flight, leased to nobody alive.
    const held = await stack.db.knex('qbo_outbox').where({ tenant_id: tenant, state: 'in_flight' }).select('id', 'attempt');
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((row) => row.attempt === 1)).toBe(true);
    // Some of what QBO applied never reached the worker: QBO holds records no link points at yet.
    const linked = await stack.db.knex('qbo_links').where({ tenant_id: tenant }).whereIn('kind', ['customer', 'item']).count({ n: '*' });
    const inQbo = await emulatorState(stack.emulator.url, stack.realmId);
    expect((inQbo.Customer ?? []).filter((c) => String(c.DisplayName).endsWith('Victim')).length + (inQbo.Item ?? []).filter((i) => String(i.Name).startsWith('Crash item')).length).toBeGreaterThan(Number(linked[0]!['n']));

    successor = startWorkerProcess(env);
    await waitUntil('the outbox drained', async () => (await unsettledRows(stack.db.knex)) === 0, 60_000);
    expect(await successor.stop()).toBe(0);

    // The rows the dead worker held came back once its lease ran out, and were sent by the successor.
    const returned = await stack.db.knex('qbo_outbox').whereIn('id', held.map((row) => row.id)).select('state', 'attempt');
    expect(returned.every((row) => row.state === 'done' && row.attempt === 2)).toBe(true);
    expect(await stack.db.knex('qbo_outbox').where({ state: 'failed' }).select('last_error')).toEqual([]);
    expect(await stack.db.knex('qbo_activity').where({ outcome: 'failure' }).select('message')).toEqual([]);

    expect(await witness.violations(stack.db.knex, tenant, stack.realmId, recorder.writes)).toEqual([]);
    const state = await emulatorState(stack.emulator.url, stack.realmId);
    expect((state.Customer ?? []).filter((c) => String(c.DisplayName).endsWith('Victim'))).toHaveLength(customers);
    expect((state.Item ?? []).filter((i) => String(i.Name).startsWith('Crash item'))).toHaveLength(items);
    expect(canaryIn([victim, successor])).toBeNull();
  }, 90_000);
});
