import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { emulatorRequests, emulatorState } from '../support/emulator-state';
import { useHostStack } from '../support/host-stack';
import { waitUntil } from '../support/workers/sync-tenant';
import { startWorkerProcess, type WorkerProcess } from '../support/workers/worker-processes';

const tenant = '1617';
const leaseMs = 6_000;

const emulatorConfig = async (url: string, config: Record<string, unknown>): Promise<void> => {
  const response = await fetch(`${url}/__emulator/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) });
  if (!response.ok) throw new Error(`emulator config: HTTP ${response.status}`);
};

describe("a worker process SIGKILLed while it holds a company: the company's changes move on within seconds (MariaDB + emulator)", () => {
  const stack = useHostStack({ tenant, timeoutMs: 60_000 });
  const workers: WorkerProcess[] = [];
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
  });

  it('the next delivery for its company comes from another worker within a lease (6 s) of the kill', async () => {
    const env = { databaseName: stack.db.name, apiUrl: stack.emulator.url, oauthUrl: stack.emulator.url, leaseMs };
    const doomed = startWorkerProcess(env);
    workers.push(doomed);
    await doomed.ready;
    // Every QBO answer takes 20 s: the doomed worker is mid-request, holding the company, when it dies. (Its request
    // is applied when the 20 s are over; the survivor's retry, same requestid and no latency, comes first.)
    await emulatorConfig(stack.emulator.url, { latencyMs: 20_000 });
    const id = await new ReferenceHostSeeder(stack.db.knex).customer(tenant, { firstName: 'Orphaned', lastName: 'By-Kill' });
    await stack.host.plugin.notify({ tenantId: tenant, kind: 'customer', id });
    await waitUntil('the doomed worker holds the company', async () => (await stack.db.knex('qbo_leases').where({ tenant_id: tenant }).count({ n: '*' }))[0]!['n'] === 1, 10_000);
    const survivor = startWorkerProcess(env);
    workers.push(survivor);
    await survivor.ready;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = (await emulatorRequests(stack.emulator.url, stack.realmId)).length;
    await emulatorConfig(stack.emulator.url, { latencyMs: 0 });
    const killedAt = Date.now();
    await doomed.kill();

    // The doomed worker's request still completes inside the emulator (QBO keeps processing); count deliveries after the kill.
    await waitUntil('the survivor delivered the change', async () => {
      const log = (await emulatorRequests(stack.emulator.url, stack.realmId)).slice(before) as unknown as Array<{ method: string; status: number; time: string }>;
      return log.some((entry) => entry.method === 'POST' && entry.status === 200 && Date.parse(entry.time) > killedAt + 1);
    }, 20_000).catch(async (error) => {
      // eslint-disable-next-line no-console
      console.log(killedAt, JSON.stringify((await emulatorRequests(stack.emulator.url, stack.realmId)).slice(before - 2)), JSON.stringify(await stack.db.knex('qbo_outbox').where({ tenant_id: tenant }).select()), JSON.stringify(await stack.db.knex('qbo_leases').select()), survivor.output().slice(-3000));
      throw error;
    });
    const log = (await emulatorRequests(stack.emulator.url, stack.realmId)).slice(before) as unknown as Array<{ method: string; status: number; time: string }>;
    const next = log.find((entry) => entry.method === 'POST' && entry.status === 200 && Date.parse(entry.time) > killedAt + 1)!;
    const takeoverMs = Date.parse(next.time) - killedAt;
    // eslint-disable-next-line no-console
    console.log(`SIGKILL to the next delivery of the dead worker's company: ${takeoverMs} ms (lease ${leaseMs} ms)`);
    expect(takeoverMs).toBeLessThan(leaseMs + 3_000);

    await waitUntil('the outbox settled', async () => (await stack.db.knex('qbo_outbox').where({ tenant_id: tenant }).whereIn('state', ['pending', 'in_flight']).count({ n: '*' }))[0]!['n'] === 0, 20_000);
    const copies = ((await emulatorState(stack.emulator.url, stack.realmId)).Customer ?? []).filter((c) => String(c.DisplayName).includes('By-Kill'));
    expect(copies).toHaveLength(1);
    expect(await survivor.stop()).toBe(0);
  }, 90_000);
});
