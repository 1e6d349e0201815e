import { InMemoryActivityLog } from '../../src/adapters/memory/in-memory-activity.log';
import { InMemoryOpaqueIds } from '../../src/adapters/memory/in-memory-opaque.ids';
import { InMemoryConnectionStore } from '../../src/adapters/memory/in-memory-connection.store';
import { InMemoryHostDirectory } from '../../src/adapters/memory/in-memory-host.directory';
import { InMemoryLinkStore } from '../../src/adapters/memory/in-memory-link.store';
import { InMemoryOutboxStore } from '../../src/adapters/memory/in-memory-outbox.store';
import { InMemorySettingsStore } from '../../src/adapters/memory/in-memory-settings.store';
import { InMemorySweepMarkStore } from '../../src/adapters/memory/in-memory-sweep-mark.store';
import { InMemoryTenantLease } from '../../src/adapters/memory/in-memory-tenant.lease';
import { InMemoryWriteJournal } from '../../src/adapters/memory/in-memory-write.journal';
import { createQboAdapters } from '../../src/adapters/qbo/create-qbo-adapters';
import { defaultDeliveryPolicy, type DeliveryPolicy } from '../../src/application/delivery/delivery-policy';
import type { QboGateway } from '../../src/application/ports/qbo-gateway.port';
import { NotifyChanges } from '../../src/application/use-cases/notify-changes.use-case';
import type { SweepChanges } from '../../src/application/delivery/sweep-changes.use-case';
import { createDeliveryEngine } from '../../src/composition/delivery-engine';
import { CrashingGateway, stopsWhenDead, WorkerCrash } from './crashing-gateway';

export const tenantId = 'model-tenant';
const quietLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A manual clock: the model moves time, so leases and backoffs expire when the model says. */
export class ModelClock {
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
}

export interface Harness {
  readonly clock: ModelClock;
  readonly host: InMemoryHostDirectory;
  readonly links: InMemoryLinkStore;
  readonly outbox: InMemoryOutboxStore;
  readonly activity: InMemoryActivityLog;
  readonly settings: InMemorySettingsStore;
  readonly connections: InMemoryConnectionStore;
  readonly gateway: QboGateway;
  readonly crashing: CrashingGateway;
  readonly notify: NotifyChanges;
  readonly sweep: SweepChanges;
  readonly policy: DeliveryPolicy;
  readonly realmId: string;
  readonly incomeAccountId: string;
  /** With `taxAndPayouts`: the company's sales tax mode, and the accounts payouts use (payments then go to Undeposited Funds). */
  readonly taxAndPayouts?: { readonly salesTax: 'automated' | 'manual'; readonly bankId: string; readonly feeAccountId: string; readonly undepositedId: string };
  /** One worker's round on the tenant; a crash leaves its rows in flight until their lease expires. */
  round(workerId: string): Promise<'ran' | 'crashed'>;
}

/** Everything in memory except QBO, which is the emulator over real HTTP (a fresh company per run). */
export const createHarness = async (
  emulatorUrl: string,
  control: (method: string, path: string, body?: unknown) => Promise<any>,
  policyOverrides: Partial<DeliveryPolicy> = {},
  company: { readonly taxAndPayouts?: 'automated' | 'manual' } = {},
): Promise<Harness> => {
  const salesTax = company.taxAndPayouts;
  const realm = (await control('POST', '/__emulator/realms', salesTax ? { salesTax } : undefined)) as { realmId: string; accessToken: string; refreshToken: string };
  const clock = new ModelClock(Date.now());
  const [host, links, outbox, activity, settings, connections, lease, journal, marks] = [
    new InMemoryHostDirectory(), new InMemoryLinkStore(), new InMemoryOutboxStore(clock), new InMemoryActivityLog(), new InMemorySettingsStore(),
    new InMemoryConnectionStore(), new InMemoryTenantLease(), new InMemoryWriteJournal(), new InMemorySweepMarkStore(),
  ];
  const now = clock.now();
  await connections.save({
    tenantId, realmId: realm.realmId, companyName: null, status: 'connected', statusReason: null,
    tokens: { accessToken: realm.accessToken, refreshToken: realm.refreshToken, createdAt: now, accessTokenExpiresAt: now + 3_600_000, refreshTokenExpiresAt: now + 8_726_400_000 },
  });
  const { gateway } = createQboAdapters({
    options: { clientId: 'client', clientSecret: 'secret', redirectUri: 'http://localhost/cb', environment: 'sandbox', apiBaseUrl: emulatorUrl, oauthBaseUrl: emulatorUrl, timeScale: 0.001, requestTimeoutMs: 400 },
    // QBO's own time (token expiry, throttling pauses) is real time; only the outbox's leases and backoffs follow the model's clock.
    connections, clock: { now: () => Date.now() }, logger: quietLogger,
  });
  const accounts: any[] = [];
  for await (const account of gateway.list(tenantId, 'Account')) accounts.push(account);
  const incomeAccountId = accounts.find((a) => a.fields.accountType === 'Income').ref.id as string;
  const bankId = accounts.find((a) => a.fields.accountType === 'Bank').ref.id as string;
  await settings.update(tenantId, { syncEnabled: true, enabledAt: now, incomeAccountId, depositAccountId: bankId, linkedRealmId: realm.realmId });
  let taxAndPayouts: Harness['taxAndPayouts'];
  if (salesTax) {
    // Issue 15: taxed invoices under the company's tax code; payments wait in Undeposited Funds until a payout deposits them.
    const codes: any[] = [];
    for await (const code of gateway.list(tenantId, 'TaxCode')) codes.push(code);
    const undepositedId = accounts.find((a) => a.fields.accountSubType === 'UndepositedFunds').ref.id as string;
    const feeAccountId = accounts.find((a) => a.fields.accountType === 'Expense' && a.fields.name === 'Bank Charges & Fees').ref.id as string;
    await settings.update(tenantId, { depositAccountId: undepositedId, taxCodeId: codes.find((c) => c.fields.taxGroup).ref.id, payoutAccountId: bankId, payoutFeeAccountId: feeAccountId });
    taxAndPayouts = { salesTax, bankId, feeAccountId, undepositedId };
  }

  const crashing = new CrashingGateway(gateway);
  const policy: DeliveryPolicy = { ...defaultDeliveryPolicy, minBatchWrites: 2, maxAttempts: 50, baseBackoffMs: 100, maxBackoffMs: 2_000, leaseMs: 30_000, holdMs: 5_000, ...policyOverrides };
  const random = { next: () => 0.5 };
  // The worker's own view of its stores: after a crash they refuse everything, as a dead process stores nothing.
  const w = { linkStore: stopsWhenDead(links, crashing), outboxStore: stopsWhenDead(outbox, crashing), activityLog: stopsWhenDead(activity, crashing), writeJournal: stopsWhenDead(journal, crashing), tenantLease: stopsWhenDead(lease, crashing) };
  const ports = { clock, randomSource: random, logger: quietLogger, settingsStore: settings, connectionStore: connections, hostDirectory: host, qboGateway: crashing, opaqueIds: new InMemoryOpaqueIds() };
  const runRound = createDeliveryEngine({ ...ports, ...w, sweepMarkStore: marks }, policy).runDeliveryRound;
  // The sweep runs beside the workers, not in one: its stores never die with a worker.
  const sweep = createDeliveryEngine({ ...ports, linkStore: links, outboxStore: outbox, activityLog: activity, writeJournal: journal, tenantLease: lease, sweepMarkStore: marks }, policy).sweepChanges;
  return {
    clock, host, links, outbox, activity, settings, connections, gateway, crashing, policy, realmId: realm.realmId, incomeAccountId,
    ...(taxAndPayouts ? { taxAndPayouts } : {}),
    notify: new NotifyChanges(outbox),
    sweep,
    async round(workerId) {
      try {
        await runRound.execute(tenantId, workerId);
        return crashing.dead ? 'crashed' : 'ran';
      } catch (error) {
        if (error instanceof WorkerCrash) return 'crashed';
        throw error;
      } finally {
        crashing.dead = false;
      }
    },
  };
};
