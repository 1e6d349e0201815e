import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import type { PluginEvent } from '../../src/plugin';
import { canaryLiterals, canaryPatterns } from '../support/canary';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { mountPath } from '../support/test-host';
import { injectFault, waitUntil } from '../support/workers/sync-tenant';
import { shapedLogger, type ShapedLine } from './shaped-logger';

const tenant = 'ev-1';
const events: PluginEvent[] = [];
const lines: ShapedLine[] = [];

/** Lines about the process as a whole (no one tenant): everything else the plugin logs names its tenant. */
const processWide = [/^delivery round failed/, /^deleted outbox rows/, /^the sweep found/, /^unexpected error in the QuickBooks integration/, /^reading the outbox and initial-sync gauges/];

describe('events for the host and logs that name their tenant', () => {
  const stack = useHostStack({
    tenant,
    delivery: { maxAttempts: 1, holdMs: 50 },
    qbo: { timeScale: 0.001 },
    logger: shapedLogger(lines),
    onEvent: (event) => {
      events.push(event);
      if (event.type === 'delivery.failed') throw new Error('the mail server is down');
    },
    timeoutMs: 30_000,
  });

  const addCustomer = (firstName: string): Promise<string> =>
    stack.db.knex.transaction(async (trx) => {
      const id = await new ReferenceHostSeeder(trx).customer(tenant, { firstName, lastName: 'Events' });
      await stack.host.plugin.notify({ tenantId: tenant, kind: 'customer', id }, { trx });
      return id;
    });
  const eventsOf = (type: PluginEvent['type']) => events.filter((event) => event.type === type);
  const clearFaults = () => fetch(`${stack.emulator.url}/__emulator/faults`, { method: 'DELETE' });

  it('tells the end of the initial sync', async () => {
    await waitUntil('the initial-sync event', async () => eventsOf('initial_sync.completed').length > 0, 5_000);
    expect(eventsOf('initial_sync.completed')[0]).toEqual({ type: 'initial_sync.completed', tenantId: tenant, at: expect.any(Number), jobId: expect.any(String), total: 0, done: 0, failed: 0 });
  });

  it('tells a delivery that gave up; a handler that throws is logged and the sync goes on', async () => {
    await injectFault(stack.emulator.url, stack.realmId, 'server-error', 50);
    const failing = await addCustomer('Refused');
    await stack.host.plugin.deliverPending();
    await clearFaults();
    expect(eventsOf('delivery.failed')).toEqual([{ type: 'delivery.failed', tenantId: tenant, at: expect.any(Number), kind: 'customer', hostId: failing, attempts: 1, reason: expect.stringContaining('Gave up after 1 attempts') }]);
    await waitUntil('the handler failure logged', async () => lines.some((line) => line.message.startsWith('onEvent handler failed')), 5_000);
    expect(lines.find((line) => line.message.startsWith('onEvent handler failed'))?.context).toMatchObject({ tenantId: tenant, event: 'delivery.failed', error: 'the mail server is down' });
    await addCustomer('Delivered');
    expect(await stack.host.plugin.deliverPending()).toBe(1);
  });

  it('tells a connection that needs reconnecting, and its return', async () => {
    await injectFault(stack.emulator.url, stack.realmId, 'revoke-refresh-token');
    await injectFault(stack.emulator.url, stack.realmId, 'expire-access-token');
    await addCustomer('Waiting');
    await stack.host.plugin.deliverPending();
    expect(eventsOf('connection.needs_reconnect')).toEqual([{ type: 'connection.needs_reconnect', tenantId: tenant, at: expect.any(Number), realmId: stack.realmId, reason: expect.any(String) }]);
    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
    expect(eventsOf('connection.restored')).toEqual([{ type: 'connection.restored', tenantId: tenant, at: expect.any(Number), realmId: stack.realmId, companyName: expect.any(String) }]);
  });

  it('tells when the sync pauses: turned off, or disconnected while on', async () => {
    await request(stack.host.app).post(`${mountPath}/sync/disable`).set('x-company-id', tenant).expect(200);
    await request(stack.host.app).post(`${mountPath}/sync/disable`).set('x-company-id', tenant).expect(200);
    await request(stack.host.app).post(`${mountPath}/sync/enable`).set('x-company-id', tenant).send({ acknowledgeWarnings: true }).expect(202);
    // Deliveries are on again once the initial sync of the second Save & Sync has finished.
    await waitUntil('the second initial sync', async () => eventsOf('initial_sync.completed').length === 2, 10_000);
    await request(stack.host.app).delete(`${mountPath}/connection`).set('x-company-id', tenant).expect(200);
    expect(eventsOf('sync.paused').map((event) => event.type === 'sync.paused' && event.reason)).toEqual(['turned_off', 'disconnected']);
  });

  it('names the tenant in every event, and never a token or secret', () => {
    expect(events.every((event) => event.tenantId === tenant && Number.isFinite(event.at))).toBe(true);
    const text = JSON.stringify(events);
    expect(canaryLiterals.filter((literal) => text.includes(literal))).toEqual([]);
    expect(canaryPatterns.filter((pattern) => pattern.test(text))).toEqual([]);
  });

  it("logs through the host's pino-shaped logger, each line about a tenant carrying it, QBO's answers with their intuit_tid", () => {
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.every((line) => line.context['plugin'] === 'qbo-sync')).toBe(true);
    const unnamed = lines.filter((line) => line.context['tenantId'] === undefined && !processWide.some((pattern) => pattern.test(line.message)));
    expect(unnamed).toEqual([]);
    const answers = lines.filter((line) => line.message === 'QBO request' && typeof line.context['status'] === 'number');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((line) => typeof line.context['intuitTid'] !== 'string')).toEqual([]);
    const refusals = lines.filter((line) => line.message === 'QBO did not take a request');
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.filter((line) => typeof line.context['intuitTid'] !== 'string' || line.context['tenantId'] !== tenant)).toEqual([]);
    expect(JSON.stringify(lines)).not.toMatch(/RT1-|canary-/);
  });
});
