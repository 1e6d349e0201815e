import { InMemoryActivityLog } from '../../../src/adapters/memory/in-memory-activity.log';
import { InMemoryOpaqueIds } from '../../../src/adapters/memory/in-memory-opaque.ids';
import { InMemoryConnectionStore } from '../../../src/adapters/memory/in-memory-connection.store';
import { InMemoryHostDirectory } from '../../../src/adapters/memory/in-memory-host.directory';
import { InMemoryLinkStore } from '../../../src/adapters/memory/in-memory-link.store';
import { InMemoryOutboxStore } from '../../../src/adapters/memory/in-memory-outbox.store';
import { InMemorySweepMarkStore } from '../../../src/adapters/memory/in-memory-sweep-mark.store';
import { InMemorySettingsStore } from '../../../src/adapters/memory/in-memory-settings.store';
import { InMemoryTenantLease } from '../../../src/adapters/memory/in-memory-tenant.lease';
import { InMemoryWriteJournal } from '../../../src/adapters/memory/in-memory-write.journal';
import { defaultDeliveryPolicy, type DeliveryPolicy } from '../../../src/application/delivery/delivery-policy';
import type { QboGateway } from '../../../src/application/ports/qbo-gateway.port';
import { createDeliveryEngine } from '../../../src/composition/delivery-engine';
import { RecordingLogger } from '../../support/recording-logger';

export const tenantId = 'round-tenant';

export class ManualClock {
  constructor(public time = Date.UTC(2026, 4, 1)) {}
  now(): number {
    return this.time;
  }
}

/** The whole engine in memory, around the gateway a test gives it. */
export const createRoundFixture = async (gateway: QboGateway, host = new InMemoryHostDirectory(), policy: Partial<DeliveryPolicy> = {}) => {
  const clock = new ManualClock();
  const [links, outbox, activity, settings, connections, lease, journal, logger] = [
    new InMemoryLinkStore(), new InMemoryOutboxStore(clock), new InMemoryActivityLog(), new InMemorySettingsStore(), new InMemoryConnectionStore(),
    new InMemoryTenantLease(), new InMemoryWriteJournal(), new RecordingLogger(),
  ];
  await connections.save({
    tenantId, realmId: 'realm-1', companyName: null, status: 'connected', statusReason: null,
    tokens: { accessToken: 'a', refreshToken: 'r', createdAt: clock.now(), accessTokenExpiresAt: clock.now() + 3_600_000, refreshTokenExpiresAt: clock.now() + 8_726_400_000 },
  });
  await settings.update(tenantId, { syncEnabled: true, enabledAt: clock.now(), incomeAccountId: '79', depositAccountId: '35', linkedRealmId: 'realm-1' });
  const fullPolicy: DeliveryPolicy = { ...defaultDeliveryPolicy, maxAttempts: 2, baseBackoffMs: 10, maxBackoffMs: 10, ...policy };
  const engine = createDeliveryEngine(
    { clock, randomSource: { next: () => 1 }, logger, opaqueIds: new InMemoryOpaqueIds(), settingsStore: settings, connectionStore: connections, linkStore: links, outboxStore: outbox, activityLog: activity, tenantLease: lease, writeJournal: journal, sweepMarkStore: new InMemorySweepMarkStore(), hostDirectory: host, qboGateway: gateway },
    fullPolicy,
  );
  const round = engine.runDeliveryRound;
  const failures = async () => (await activity.list(tenantId, { limit: 100, outcome: 'failure' })).items;
  return { clock, host, links, outbox, activity, settings, journal, logger, round, sweep: engine.sweepChanges, failures, policy: fullPolicy };
};

/** A gateway that must not be called. */
export const unusedGateway = new Proxy({} as QboGateway, {
  get: (_target, property) => () => {
    throw new Error(`the gateway was called (${String(property)}) though nothing was to be sent`);
  },
});
