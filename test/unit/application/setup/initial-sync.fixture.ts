import { InMemoryActivityLog } from '../../../../src/adapters/memory/in-memory-activity.log';
import { InMemoryConnectionStore } from '../../../../src/adapters/memory/in-memory-connection.store';
import { InMemoryHostDirectory } from '../../../../src/adapters/memory/in-memory-host.directory';
import { InMemoryJobStore } from '../../../../src/adapters/memory/in-memory-job.store';
import { InMemoryLinkStore } from '../../../../src/adapters/memory/in-memory-link.store';
import { InMemoryOutboxStore } from '../../../../src/adapters/memory/in-memory-outbox.store';
import { InMemorySettingsStore } from '../../../../src/adapters/memory/in-memory-settings.store';
import { InMemoryTenantLease } from '../../../../src/adapters/memory/in-memory-tenant.lease';
import { createQboAdapters } from '../../../../src/adapters/qbo/create-qbo-adapters';
import type { PendingSend } from '../../../../src/application/ports/job-store.port';
import type { QboBatchOperation, QboGateway } from '../../../../src/application/ports/qbo-gateway.port';
import type { LaneShape } from '../../../../src/application/initial-sync/send-lanes';
import type { QboError } from '../../../../src/domain/qbo/qbo-error';
import type { QboDraft } from '../../../../src/domain/qbo/qbo-records';
import { err } from '../../../../src/domain/shared/result';
import type { Link } from '../../../../src/domain/sync/link';
import { createInitialSync } from '../../../../src/composition/setup-flows';
import { canaryClientSecret } from '../../../support/canary';
import { RecordingLogger } from '../../../support/recording-logger';

export const tenantId = 'initial-sync-co';
export const jobId = 'job-1';

/** One line per step that matters to crash safety, in the order it happened. */
export type SyncEvent =
  | { readonly step: 'writeDown'; readonly sendId: string; readonly requestIds: readonly string[]; readonly hostIds: readonly string[] }
  | { readonly step: 'forget'; readonly sendId: string }
  | { readonly step: 'send'; readonly requestId: string; readonly name: string }
  | { readonly step: 'link'; readonly hostIds: readonly string[] };

export class WorkerCrash extends Error {}

const nameOf = (draft: QboDraft): string => String((draft.fields as { displayName?: string; name?: string }).displayName ?? (draft.fields as { name?: string }).name);
const refusal: QboError = { kind: 'Validation', code: '2050', message: 'The e-mail address is not valid.' };

/**
 * The real HTTP gateway, watched: every write is logged, names in `refuse` are refused as QBO refuses bad input, and
 * `crashAfter(n)` lets the n-th write unit reach QBO, then dies (it and everything after throws), as a killed process.
 */
class WatchedGateway {
  readonly refuse = new Set<string>();
  private unitsLeft = Infinity;
  private dead = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly real: QboGateway, private readonly events: SyncEvent[]) {}

  crashAfter(units: number): void {
    this.unitsLeft = units;
  }

  /** Back to life, for the restarted run; waits for writes the dead run still had on the wire. */
  async revive(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    this.dead = false;
    this.unitsLeft = Infinity;
  }

  readonly gateway: QboGateway = new Proxy(this as unknown as QboGateway, {
    get: (_target, property) => {
      if (property === 'batch') return (tenant: string, operations: readonly QboBatchOperation[]) => this.unit(() => this.batch(tenant, operations));
      if (property === 'create') return (tenant: string, draft: QboDraft, requestId: string) => this.unit(() => this.create(tenant, draft, requestId));
      const value = (this.real as unknown as Record<PropertyKey, unknown>)[property];
      return typeof value === 'function' ? value.bind(this.real) : value;
    },
  });

  /** Each batch, and each single create, is one write. */
  private async unit<T>(write: () => Promise<T>): Promise<T> {
    if (this.dead) throw new WorkerCrash('the worker is dead');
    const call = write();
    this.inFlight.add(call);
    const answer = await call.finally(() => this.inFlight.delete(call));
    if ((this.unitsLeft -= 1) <= 0) {
      this.dead = true;
      throw new WorkerCrash('killed after QBO applied the write, before its answer was stored');
    }
    return answer;
  }

  private async batch(tenant: string, operations: readonly QboBatchOperation[]) {
    for (const op of operations) if (op.operation === 'create') this.events.push({ step: 'send', requestId: op.requestId, name: nameOf(op.draft) });
    const passed = operations.filter((op) => !(op.operation === 'create' && this.refuse.has(nameOf(op.draft))));
    const answers = passed.length > 0 ? [...(await this.real.batch(tenant, passed))] : [];
    return operations.map((op) => (passed.includes(op) ? answers.shift()! : err(refusal)));
  }

  private async create(tenant: string, draft: QboDraft, requestId: string) {
    this.events.push({ step: 'send', requestId, name: nameOf(draft) });
    return this.refuse.has(nameOf(draft)) ? err(refusal) : this.real.create(tenant, draft, requestId);
  }
}

class WatchedJobStore extends InMemoryJobStore {
  constructor(private readonly events: SyncEvent[]) {
    super();
  }
  override async writeDown(tenant: string, job: string, send: PendingSend): Promise<boolean> {
    const stored = await super.writeDown(tenant, job, send);
    if (stored) this.events.push({ step: 'writeDown', sendId: send.id, requestIds: send.batch.operations.map((op) => op.requestId), hostIds: send.batch.targets.map((t) => `${t.kind}:${t.hostId}`) });
    return stored;
  }
  override async forgetSend(tenant: string, job: string, sendId: string): Promise<void> {
    await super.forgetSend(tenant, job, sendId);
    this.events.push({ step: 'forget', sendId });
  }
}

class WatchedLinkStore extends InMemoryLinkStore {
  /** How long each saveMany takes: a database that is slow beside QBO. */
  delayMs = 0;
  constructor(private readonly events: SyncEvent[]) {
    super();
  }
  override async saveMany(tenant: string, links: readonly Link[]): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    await super.saveMany(tenant, links);
    this.events.push({ step: 'link', hostIds: links.map((link) => `${link.kind}:${link.hostId}`) });
  }
}

/** RunInitialSync on the in-memory adapters, with QBO as the emulator over real HTTP (a fresh company per fixture). */
export const createInitialSyncFixture = async (emulatorUrl: string, shape: LaneShape) => {
  const realm = (await (await fetch(`${emulatorUrl}/__emulator/realms`, { method: 'POST' })).json()) as { realmId: string; accessToken: string; refreshToken: string };
  const clock = { now: () => Date.now() };
  const events: SyncEvent[] = [];
  const [host, jobs, links, outbox, activity, settings, connections, lease] = [
    new InMemoryHostDirectory(), new WatchedJobStore(events), new WatchedLinkStore(events), new InMemoryOutboxStore(clock), new InMemoryActivityLog(),
    new InMemorySettingsStore(), new InMemoryConnectionStore(), new InMemoryTenantLease(),
  ];
  const now = clock.now();
  await connections.save({
    tenantId, realmId: realm.realmId, companyName: null, status: 'connected', statusReason: null,
    tokens: { accessToken: realm.accessToken, refreshToken: realm.refreshToken, createdAt: now, accessTokenExpiresAt: now + 3_600_000, refreshTokenExpiresAt: now + 8_726_400_000 },
  });
  const { gateway: real } = createQboAdapters({
    options: { clientId: 'client', clientSecret: canaryClientSecret, redirectUri: 'http://localhost/cb', environment: 'sandbox', apiBaseUrl: emulatorUrl, oauthBaseUrl: emulatorUrl, timeScale: 0.001 },
    connections, clock, logger: new RecordingLogger(),
  });
  const accounts: { ref: { id: string }; fields: { accountType: string } }[] = [];
  for await (const account of real.list(tenantId, 'Account')) accounts.push(account as never);
  await settings.update(tenantId, { incomeAccountId: accounts.find((a) => a.fields.accountType === 'Income')!.ref.id });
  const watched = new WatchedGateway(real, events);
  const run = createInitialSync({ jobStore: jobs, hostDirectory: host, linkStore: links, qboGateway: watched.gateway, settingsStore: settings, outboxStore: outbox, tenantLease: lease, activityLog: activity, clock }, 60_000, shape);
  await jobs.start(tenantId, jobId, now);
  let hostIds = 0;
  return {
    realmId: realm.realmId, host, jobs, links, outbox, activity, settings, events, watched, real,
    execute: (shouldStop: () => boolean = () => false) => run.execute({ tenantId, jobId, owner: 'worker-1', shouldStop }),
    addCustomer: (firstName: string, lastName: string) => {
      const id = String((hostIds += 1));
      host.putCustomer(tenantId, { id, firstName, lastName, companyName: null, displayAsCompany: false, email: null, phone: null, street: null, city: null, state: null, zip: null, isActive: true }, now);
      return id;
    },
    addItem: (name: string, unitPriceCents = 1_000) => {
      const id = String((hostIds += 1));
      host.putItem(tenantId, { id, kind: 'product', name, description: null, unitPriceCents, sku: null, isActive: true }, now);
      return id;
    },
    failures: async () => (await activity.list(tenantId, { limit: 500, outcome: 'failure' })).items,
  };
};
