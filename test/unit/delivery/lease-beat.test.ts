import { InMemoryActivityLog } from '../../../src/adapters/memory/in-memory-activity.log';
import { InMemoryConnectionStore } from '../../../src/adapters/memory/in-memory-connection.store';
import { InMemoryHostDirectory } from '../../../src/adapters/memory/in-memory-host.directory';
import { InMemoryLinkStore } from '../../../src/adapters/memory/in-memory-link.store';
import { InMemoryOpaqueIds } from '../../../src/adapters/memory/in-memory-opaque.ids';
import { InMemoryOutboxStore } from '../../../src/adapters/memory/in-memory-outbox.store';
import { InMemorySettingsStore } from '../../../src/adapters/memory/in-memory-settings.store';
import { InMemorySweepMarkStore } from '../../../src/adapters/memory/in-memory-sweep-mark.store';
import { InMemoryTenantLease } from '../../../src/adapters/memory/in-memory-tenant.lease';
import { InMemoryWriteJournal } from '../../../src/adapters/memory/in-memory-write.journal';
import { defaultDeliveryPolicy } from '../../../src/application/delivery/delivery-policy';
import { HeldLease } from '../../../src/application/delivery/held-lease';
import { LeaseBeat } from '../../../src/application/delivery/lease-beat';
import type { QboGateway } from '../../../src/application/ports/qbo-gateway.port';
import type { HeldToken } from '../../../src/application/ports/tenant-lease.port';
import { createDeliveryEngine } from '../../../src/composition/delivery-engine';
import { RecordingLogger } from '../../support/recording-logger';

const clock = { now: () => Date.now() };
const leaseMs = defaultDeliveryPolicy.leaseMs;
const beatMs = leaseMs / 3;

/** The in-memory lease, counting the writes that renew it. */
class CountingLease extends InMemoryTenantLease {
  renews = 0;
  renewManys: number[] = [];
  /** Tokens another worker took over: a renewal no longer finds them. */
  readonly takenOver = new Set<string>();

  override async renew(tenantId: string, token: string, now: number, ms: number): Promise<boolean> {
    this.renews += 1;
    return !this.takenOver.has(token) && super.renew(tenantId, token, now, ms);
  }

  override async renewMany(leases: readonly HeldToken[], now: number, ms: number): Promise<ReadonlySet<string>> {
    this.renewManys.push(leases.length);
    const kept = new Set<string>();
    for (const lease of leases) if (!this.takenOver.has(lease.token) && (await super.renew(lease.tenantId, lease.token, now, ms))) kept.add(lease.token);
    return kept;
  }
}

describe('LeaseBeat: one heartbeat for every company a process drives (ADR 0082)', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('renews the leases of rounds running side by side in one write per beat, not one per company', async () => {
    const lease = new CountingLease();
    const settings = new InMemorySettingsStore();
    const connections = new InMemoryConnectionStore();
    const tenants = ['a', 'b', 'c', 'd', 'e'].map((name) => `beat-${name}`);
    for (const tenantId of tenants) {
      await connections.save({
        tenantId, realmId: `realm-${tenantId}`, companyName: null, status: 'connected', statusReason: null,
        tokens: { accessToken: 'a', refreshToken: 'r', createdAt: clock.now(), accessTokenExpiresAt: clock.now() + 3_600_000, refreshTokenExpiresAt: clock.now() + 8_726_400_000 },
      });
      await settings.update(tenantId, { syncEnabled: true, enabledAt: clock.now(), incomeAccountId: '79', depositAccountId: '35', linkedRealmId: `realm-${tenantId}` });
    }
    // Each round waits on QBO (its company's home currency) while it holds its company, until the test lets it go on.
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const gateway = { homeCurrency: async () => (await answered, { ok: false, error: { kind: 'Unavailable', message: 'later' } }) } as unknown as QboGateway;
    const engine = createDeliveryEngine(
      { clock, randomSource: { next: () => 1 }, logger: new RecordingLogger(), opaqueIds: new InMemoryOpaqueIds(), settingsStore: settings, connectionStore: connections, linkStore: new InMemoryLinkStore(), outboxStore: new InMemoryOutboxStore(clock), activityLog: new InMemoryActivityLog(), tenantLease: lease, writeJournal: new InMemoryWriteJournal(), sweepMarkStore: new InMemorySweepMarkStore(), hostDirectory: new InMemoryHostDirectory(), qboGateway: gateway },
      defaultDeliveryPolicy,
    );

    const rounds = tenants.map((tenantId) => engine.runDeliveryRound.execute(tenantId, 'worker-1'));
    await jest.advanceTimersByTimeAsync(3 * beatMs);
    answer();
    const results = await Promise.all(rounds);

    expect(results.every((result) => result.leased)).toBe(true);
    expect(lease.renews).toBe(0);
    expect(lease.renewManys).toEqual([5, 5, 5]);
    expect(await lease.heldByOthers('worker-2', clock.now())).toEqual(new Set());
  });

  it('lets a lease another worker took over go: held() turns false and the beat stops renewing it', async () => {
    const lease = new CountingLease();
    const beat = new LeaseBeat(lease, clock, leaseMs);
    const kept = (await HeldLease.take(lease, clock, 'kept', 'worker-1', leaseMs, beat))!;
    const lost = (await HeldLease.take(lease, clock, 'lost', 'worker-1', leaseMs, beat))!;
    await jest.advanceTimersByTimeAsync(beatMs);
    lease.takenOver.add(lost.token);
    await jest.advanceTimersByTimeAsync(beatMs);
    expect(lost.held()).toBe(false);
    expect(kept.held()).toBe(true);
    await jest.advanceTimersByTimeAsync(beatMs);
    expect(lease.renewManys).toEqual([2, 2, 1]);
    await Promise.all([kept.release(), lost.release()]);
    await jest.advanceTimersByTimeAsync(3 * beatMs);
    expect(lease.renewManys).toEqual([2, 2, 1]);
  });

  it('still extends the rows a round claimed every other beat, and keeps them ahead of the clock', async () => {
    const lease = new CountingLease();
    const held = (await HeldLease.take(lease, clock, 'rows', 'worker-1', leaseMs, new LeaseBeat(lease, clock, leaseMs)))!;
    const start = clock.now();
    let rowsUntil = start + leaseMs;
    const extensions: number[] = [];
    held.renewAlongside(async (until) => {
      extensions.push(clock.now() - start);
      rowsUntil = until;
    }, rowsUntil);
    const ahead: number[] = [];
    for (let beat = 0; beat < 6; beat += 1) {
      await jest.advanceTimersByTimeAsync(beatMs);
      ahead.push(rowsUntil - clock.now());
    }
    await held.release();
    expect(extensions).toEqual([2 * beatMs, 4 * beatMs, 6 * beatMs]);
    expect(Math.min(...ahead)).toBeGreaterThanOrEqual(beatMs);
  });

  it('renews lease by lease for a host lease without renewMany', async () => {
    const plain = new InMemoryTenantLease();
    const renewed: string[] = [];
    const lease = { acquire: plain.acquire.bind(plain), release: plain.release.bind(plain), renew: async (tenantId: string, token: string, now: number, ms: number) => (renewed.push(tenantId), plain.renew(tenantId, token, now, ms)) };
    const beat = new LeaseBeat(lease, clock, leaseMs);
    const held = await Promise.all(['x', 'y'].map((tenantId) => HeldLease.take(lease, clock, tenantId, 'worker-1', leaseMs, beat)));
    await jest.advanceTimersByTimeAsync(beatMs);
    expect(renewed.sort()).toEqual(['x', 'y']);
    expect(held.every((one) => one!.held())).toBe(true);
    await Promise.all(held.map((one) => one!.release()));
  });
});
