import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { emulatorCustomers, emulatorRequests } from '../support/emulator-state';
import { useHostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';
import { drainInProcess } from '../support/workers/sync-tenant';

jest.setTimeout(60_000);

const tenant = 'R';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The admin routes' own rate limit, per user and per tenant (issues 16 and 21), with the default limits: 120 requests
 * a minute per user, 600 per tenant, half a minute's worth at once. The company's QBO budget is set low (60 a minute),
 * so any admin read that got through to QBO would visibly hold up the sync.
 */
describe('the admin routes are rate-limited per user and per tenant (MariaDB + emulator)', () => {
  const stack = useHostStack({
    tenant,
    adminRateLimit: {},
    resolveUser: (req) => String(req.header('x-user') ?? ''),
    qbo: { limits: { perMinute: 60, concurrent: 10, batchPerMinute: 40 } },
  });
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer(stack.host.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${mountPath}`;
  });
  afterAll(() => new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined))));

  const get = async (path: string, company: string, user: string) => {
    const response = await fetch(`${base}/${path}`, { headers: { 'x-company-id': company, 'x-user': user } });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { error?: { code: string; message: string } } };
  };

  it("answers 1,000 requests a second from one user with 429s, and the company's sync keeps its pace", async () => {
    const seeder = new ReferenceHostSeeder(stack.db.knex);
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => seeder.customer(tenant, { firstName: 'Paced', lastName: `Customer ${i}` })));
    await stack.host.plugin.notify(ids.map((id) => ({ tenantId: tenant, kind: 'customer' as const, id })));
    const qboBefore = await emulatorRequests(stack.emulator.url, stack.realmId);

    const sync = drainInProcess(stack.db.knex, () => stack.host.plugin.deliverPending(), 30_000);
    const answers: Awaited<ReturnType<typeof get>>[] = [];
    for (let wave = 0; wave < 10; wave += 1) {
      answers.push(...(await Promise.all(Array.from({ length: 100 }, () => get('accounts', tenant, 'mallory')))));
      await sleep(100);
    }
    await sync;

    const served = answers.filter((a) => a.status === 200).length;
    const limited = answers.filter((a) => a.status === 429);
    expect(served + limited.length).toBe(1_000);
    expect(served).toBeGreaterThanOrEqual(60); // the burst
    expect(served).toBeLessThan(100); // and two a second after it
    for (const answer of limited) {
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(answer.body.error).toEqual({ code: 'rate_limited', message: expect.stringMatching(/^Too many requests from you to the QuickBooks integration .* Wait \d+ seconds? and try again\.$/) });
    }
    // Another user of the same company is served meanwhile.
    expect((await get('connection', tenant, 'alice')).status).toBe(200);

    // Every customer reached QuickBooks, and the page's reads cost QBO one read, not hundreds.
    const names = (await emulatorCustomers(stack.emulator.url, stack.realmId)).map((c) => c['DisplayName']);
    expect(names).toEqual(expect.arrayContaining(ids.map((_, i) => `Paced Customer ${i}`)));
    const during = (await emulatorRequests(stack.emulator.url, stack.realmId)).slice(qboBefore.length);
    const accountReads = during.filter((r) => /from account/i.test(decodeURIComponent(r.path.replace(/\+/g, ' '))));
    expect(accountReads.length).toBeLessThanOrEqual(1);
    expect(during.filter((r) => r.status === 429)).toEqual([]);
  });

  it("limits a tenant's users together, and never another tenant", async () => {
    const answers = await Promise.all(Array.from({ length: 400 }, (_, i) => get('connection', tenant, `user-${i}`)));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body.error!.message).toMatch(/^Too many requests from your company/);
    expect((await get('connection', 'another-company', 'user-1')).status).toBe(200);
  });

  it('limits by address when the host does not say who the user is', async () => {
    const answers = await Promise.all(Array.from({ length: 100 }, () => request(stack.host.app).get(`${mountPath}/sync/status`).set('x-company-id', 'S')));
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(0);
  });
});
