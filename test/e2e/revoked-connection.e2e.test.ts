import request from 'supertest';
import type { PluginEvent } from '../../src/plugin';
import { useHostStack } from '../support/host-stack';
import { createTestHost, mountPath, type TestHost } from '../support/test-host';
import { injectFault } from '../support/workers/sync-tenant';

const tenant = 'rv-1';
const events: PluginEvent[] = [];
const otherEvents: PluginEvent[] = [];

/**
 * Issue 16: a revoked connection went unnoticed for as long as a killed worker's lease on that company lasted. The
 * lease decides who delivers, not who may notice: whoever talks to QBO next for the company (the page's reads, another
 * instance) marks the connection at once, and the event and the activity row come once.
 */
describe('a revoked connection is noticed by whoever talks to QBO next, whatever lease is held', () => {
  const stack = useHostStack({ tenant, onEvent: (event) => void events.push(event), timeoutMs: 30_000 });
  let other: TestHost;

  beforeAll(async () => {
    // A second host instance on the same database, as another process of the fleet.
    other = await createTestHost(stack.db.knex, stack.emulator.url, { onEvent: (event) => void otherEvents.push(event) });
  });
  afterAll(() => other?.plugin.stop());

  const get = (host: TestHost, path: string) => request(host.app).get(`${mountPath}${path}`).set('x-company-id', tenant);
  const reconnectEvents = () => [...events, ...otherEvents].filter((event) => event.type === 'connection.needs_reconnect');
  const refusal = (answer: request.Response) => [answer.status, answer.body.error?.code, answer.body.error?.message];
  const refused = [409, 'not_connected', expect.stringMatching(/needs to be reconnected.*Reconnect it in Integrations/)];
  const lostRows = () => stack.db.knex('qbo_activity').where({ tenant_id: tenant, action: 'disconnect', outcome: 'failure' }).select('message');

  it('marks the connection, tells the host once and writes one activity row, while a dead worker still holds the lease', async () => {
    expect((await get(stack.host, '/connection').expect(200)).body.status).toBe('connected');
    // A worker SIGKILLed a moment ago: its lease on the tenant has ten minutes left, so no delivery runs for it.
    await stack.db.knex('qbo_leases').insert({ tenant_id: tenant, owner: 'killed-worker', token: 'killed-token', expires_at: Date.now() + 600_000 })
      .onConflict('tenant_id').merge();

    // The admin revokes the app in QuickBooks: every token of the grant stops working at once.
    await injectFault(stack.emulator.url, stack.realmId, 'revoke-refresh-token');

    // Three reads from two instances at the same moment (none kept by the page's read cache): each meets the 401,
    // one refresh learns that the grant is gone.
    const answers = await Promise.all([get(stack.host, '/accounts'), get(other, '/accounts'), get(other, '/match/customers')]);
    expect(answers.map(refusal)).toEqual([refused, refused, refused]);

    expect((await get(stack.host, '/connection').expect(200)).body.status).toBe('needs_reconnect');
    expect((await get(other, '/connection').expect(200)).body.status).toBe('needs_reconnect');
    expect(reconnectEvents()).toEqual([{ type: 'connection.needs_reconnect', tenantId: tenant, at: expect.any(Number), realmId: stack.realmId, reason: expect.any(String) }]);
    expect(await lostRows()).toEqual([{ message: expect.stringMatching(/^Lost the connection to QuickBooks company .*QuickBooks no longer accepts it/) }]);
    // The dead worker's lease is untouched: noticing needs no lease.
    expect(await stack.db.knex('qbo_leases').where({ tenant_id: tenant }).first()).toMatchObject({ owner: 'killed-worker' });
  });

  it('later callers are told without asking QBO again, and nothing more is announced', async () => {
    const requestsBefore = (await (await fetch(`${stack.emulator.url}/__emulator/realms/${stack.realmId}/requests`)).json()).requests.length;
    const answers = await Promise.all([get(other, '/match/items'), get(stack.host, '/accounts')]);
    expect(answers.map(refusal)).toEqual([refused, refused]);
    expect((await (await fetch(`${stack.emulator.url}/__emulator/realms/${stack.realmId}/requests`)).json()).requests.length).toBe(requestsBefore);
    expect(reconnectEvents()).toHaveLength(1);
    expect(await lostRows()).toHaveLength(1);
  });
});
