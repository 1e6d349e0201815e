import { InMemoryConnectionStore } from '../../../src/adapters/memory/in-memory-connection.store';
import { createQboAdapters } from '../../../src/adapters/qbo/create-qbo-adapters';
import { IntuitQboAuthorizer } from '../../../src/adapters/qbo/intuit-qbo.authorizer';
import type { QboOptions } from '../../../src/adapters/qbo/qbo-options';
import type { QboGateway } from '../../../src/application/ports/qbo-gateway.port';
import { EmulatorClient } from '../../emulator/emulator-client';
import { waitUntil } from '../../support/workers/sync-tenant';
import { recordingLogger } from './fake-token-server';

const clock = { now: () => Date.now() };
let tenants = 0;

/** Watches a promise without awaiting it. */
const track = <T>(promise: Promise<T>) => {
  const state = { settled: false, promise };
  promise.then(() => { state.settled = true; }, () => { state.settled = true; });
  return state;
};

/**
 * Pacing is per tenant and company (issue 21): two tenants connected to the same QBO company, the case where a shared
 * budget would hurt most, over real HTTP against the emulator. B's traffic, and a throttle B met, never delay A.
 */
describe('the per-company pacer is also per tenant (emulator)', () => {
  const emulator = EmulatorClient.use();

  /** A and B both connected to one new company (B through a refresh of the same grant). */
  const twoTenantsOnOneCompany = async (options: Partial<QboOptions>): Promise<{ gateway: QboGateway; a: string; b: string; realmId: string; logged: string[] }> => {
    const qbo: QboOptions = { clientId: 'c', clientSecret: 's', redirectUri: 'http://localhost/cb', environment: 'sandbox', apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url, ...options };
    const { realmId, accessToken, refreshToken } = (await emulator.control('POST', '/realms', { companyName: 'Shared Pools' })).body as Record<string, string>;
    const second = await new IntuitQboAuthorizer(qbo, clock).refresh(refreshToken!);
    if (!second.ok) throw new Error(second.error.message);
    const connections = new InMemoryConnectionStore();
    const [a, b] = [`A${(tenants += 1)}`, `B${tenants}`];
    const far = Date.now() + 3_600_000;
    const tokens = { createdAt: Date.now(), accessTokenExpiresAt: far, refreshTokenExpiresAt: far };
    await connections.save({ tenantId: a, realmId: realmId!, companyName: null, status: 'connected', statusReason: null, tokens: { ...tokens, accessToken: accessToken!, refreshToken: refreshToken! } });
    await connections.save({ tenantId: b, realmId: realmId!, companyName: null, status: 'connected', statusReason: null, tokens: second.value });
    const logger = recordingLogger();
    const { gateway } = createQboAdapters({ options: qbo, connections, clock, logger });
    return { gateway, a, b, realmId: realmId!, logged: logger.lines };
  };

  it("never makes A's next call wait for the budget B spent", async () => {
    const { gateway, a, b } = await twoTenantsOnOneCompany({ limits: { perMinute: 3, concurrent: 10, batchPerMinute: 40 } });
    const spent = [1, 2, 3].map(() => track(gateway.companyName(b)));
    const queued = [4, 5].map(() => track(gateway.companyName(b)));
    await Promise.all(spent.map((call) => call.promise));

    expect(await gateway.companyName(a)).toEqual({ ok: true, value: 'Shared Pools' });
    // B's next calls wait for B's own minute; A's call did not.
    expect(queued.map((call) => call.settled)).toEqual([false, false]);
  });

  it('never pauses A for a throttle B met', async () => {
    // QBO's "wait 60 s" is 9 s at this scale; A's call must not wait for it (half of it is a wide margin for a loaded machine).
    const pauseMs = 9_000;
    const { gateway, a, b, realmId, logged } = await twoTenantsOnOneCompany({ timeScale: pauseMs / 60_000 });
    await emulator.control('POST', '/faults', { realmId, kind: 'throttle', count: 1 });
    const throttled = track(gateway.companyName(b));
    // Once B's client has taken the 429 in (and paused its pacer), not merely once QBO sent it.
    await waitUntil('B throttled', async () => logged.some((line) => line.includes('QBO throttled the realm')), 10_000);

    const started = Date.now();
    expect(await gateway.companyName(a)).toEqual({ ok: true, value: 'Shared Pools' });
    expect(Date.now() - started).toBeLessThan(pauseMs / 2);
    expect(throttled.settled).toBe(false);
    expect(await throttled.promise).toEqual({ ok: true, value: 'Shared Pools' }); // B waited on its own, then went on
  }, 30_000);
});
