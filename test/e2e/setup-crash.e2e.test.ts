import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { InitialSyncLauncher } from '../../src/application/ports/initial-sync-launcher.port';
import { mysqlUrl } from '../support/database';
import { emulatorCustomers, emulatorRequests } from '../support/emulator-state';
import { startHostStack, type HostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { chooseAccounts } from '../support/setup-walk';
import { mountPath } from '../support/test-host';

const tenant = '77';
const customerCount = 150;
/** The child is killed when QBO has applied this batch, before its answer reaches the child: links not stored yet. */
const killAtBatch = 3;

/** Stands between the child and QBO: forwards everything, and on the chosen batch lets QBO apply it, then kills the child. */
const startKillingProxy = async (target: string, onBatch: (n: number) => boolean): Promise<{ url: string; server: Server }> => {
  let batches = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const isBatch = req.method === 'POST' && /\/batch(\?|$)/.test(req.url ?? '');
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
      const answer = await fetch(`${target}${req.url}`, { method: req.method!, headers, ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}) });
      const body = Buffer.from(await answer.arrayBuffer());
      if (isBatch && onBatch(++batches)) {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
};

const runChild = (env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null> } => {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'support', 'initial-sync-child.ts')], {
    env: { ...process.env, ...env, SWC_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    if (code !== 0 && code !== null) process.stderr.write(stderr);
    resolve(code);
  }));
  return { child, exited };
};

describe('initial sync killed (SIGKILL) mid-job and restarted: completes with no duplicate in QBO', () => {
  let stack: HostStack;
  let proxy: { url: string; server: Server };
  let realmId: string;
  let victim: ChildProcess | undefined;

  beforeAll(async () => {
    stack = await startHostStack({
      seed: async ({ db }) => {
        const seed = new ReferenceHostSeeder(db.knex);
        for (let n = 0; n < customerCount; n++) await seed.customer(tenant, { firstName: `Crash${n}`, lastName: 'Test', email: null, phone: null, street: null });
        await seed.item(tenant, { kind: 'product', name: 'Crash Tabs', unitPriceCents: 500 });
      },
      // This host only sets up and starts the job: it never runs it (its launcher does nothing).
      overrides: (c) => void c.rebind(InitialSyncLauncher).toConstantValue({ launch: () => undefined }),
    });
    proxy = await startKillingProxy(stack.emulator.url, (n) => {
      if (n !== killAtBatch || !victim) return false;
      victim.kill('SIGKILL');
      return true;
    });
    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
    realmId = (await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', tenant).expect(200)).body.realmId;
    await chooseAccounts(stack.host.app, tenant);
    await request(stack.host.app).post(`${mountPath}/sync/enable`).set('x-company-id', tenant).send({ acknowledgeWarnings: true }).expect(202);
  });

  afterAll(async () => {
    victim?.kill('SIGKILL');
    proxy?.server.close();
    await stack?.close();
  });

  it('re-sends the batch it wrote down, gets QBO\'s replayed answer, and finishes with each customer once', async () => {
    const url = new URL(mysqlUrl());
    url.pathname = `/${stack.db.name}`;
    const env = { DB_URL: url.toString(), API_URL: proxy.url, OAUTH_URL: stack.emulator.url, LEASE_MS: '800' };

    const first = runChild(env);
    victim = first.child;
    expect(await first.exited).toBeNull(); // killed by the signal, not exited
    const midway = await stack.db.knex('qbo_jobs').where({ tenant_id: tenant }).first();
    expect(midway.state).toBe('running');
    // Written down before it was sent, still there after the kill (single creates were in flight beside it).
    const written = await stack.db.knex('qbo_job_sends').where({ tenant_id: tenant, job_id: midway.id });
    expect(written.filter((row) => row.mode === 'batch').length).toBeGreaterThanOrEqual(1);
    const inQboMidway = (await emulatorCustomers(stack.emulator.url, realmId)).length;
    expect(inQboMidway).toBeGreaterThanOrEqual(killAtBatch * 30); // QBO applied the batch the child never heard back from
    expect(inQboMidway).toBeLessThan(customerCount);

    victim = undefined;
    const second = runChild(env);
    expect(await second.exited).toBe(0);

    const job = await stack.db.knex('qbo_jobs').where({ tenant_id: tenant }).first();
    expect(job).toMatchObject({ state: 'completed', total: customerCount + 1, done: customerCount + 1, failed: 0, pending_batch: null });
    expect(await stack.db.knex('qbo_job_sends').where({ tenant_id: tenant })).toEqual([]);
    const customers = await emulatorCustomers(stack.emulator.url, realmId);
    expect(customers).toHaveLength(customerCount);
    expect(new Set(customers.map((c) => c.DisplayName)).size).toBe(customerCount);
    const links = await stack.db.knex('qbo_links').where({ tenant_id: tenant, kind: 'customer' });
    expect(new Set(links.map((l) => l.qbo_id)).size).toBe(customerCount);
    const replayed = (await emulatorRequests(stack.emulator.url, realmId)).filter((r) => r.path.endsWith('/batch') && (r as { replayed?: boolean }).replayed);
    expect(replayed.length).toBeGreaterThanOrEqual(1);
  });
});
