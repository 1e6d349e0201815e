import { setMaxListeners } from 'node:events';
import type { Request, Response, Router } from 'express';
import { defaultDeliveryPolicy, type DeliveryPolicy } from './application/delivery/delivery-policy';
import type { OutboxChange } from './application/ports/outbox-store.port';
import type { HostRecordKind } from './domain/host/host-records';
import { createPluginApplication } from './composition/plugin-application';
import { createPluginPorts } from './composition/plugin-adapters';
import { parsePluginOptions, type QboSyncPluginOptions } from './composition/plugin-options';
import { adaptersOfOverrides } from './composition/port-overrides';
import { qboAppUrl } from './composition/options/qbo-app-url';
import { createQboSyncRouter } from './adapters/http/qbo-sync.router';
import { AdminRateLimiter, defaultAdminRateLimits } from './adapters/http/admin-rate.limiter';
import { migratePluginTables } from './adapters/knex/plugin-migrations';
import { DeliveryWorker, deliveryWorkerOwnerPrefix } from './adapters/worker/delivery-worker';
import type { PluginHealth } from './composition/plugin-health';
import { CheckHost, type HostCheckReport } from './application/use-cases/check-host.use-case';
import { createPluginOperations } from './composition/plugin-operations';

export type { QboSyncPluginOptions } from './composition/plugin-options';
export type { PluginAction } from './adapters/http/plugin-access';
export type { AdapterChoice, PluginAdapters, PluginPorts } from './composition/plugin-ports';
export type { PortRebinder } from './composition/port-overrides';
export type { PluginHealth } from './composition/plugin-health';
export type { PluginEvent, PluginEventType, SyncPauseReason } from './application/ports/telemetry.port';
export type { HostLogger } from './adapters/logging/host-logger';
export type { HostCheckReport, UnreadableHostRecord } from './application/use-cases/check-host.use-case';
export type { HostSchemaProblem } from './application/ports/host-schema-check.port';
export { HostSchemaCheck } from './application/ports/host-schema-check.port';
export { HostWriteRefused } from './application/ports/host-writer.port';
export type { HostRead, HostReadOf, HostRecordOfKind } from './application/ports/host-read';
export { recordOf } from './application/ports/host-read';
export type {
  CatalogItemKind, HostCatalogItem, HostCustomer, HostCustomerMoney, HostInvoice, HostInvoiceLine, HostItemMoney, HostInvoiceStatus, HostPayment, HostPayout, HostRecordKind, HostRefund,
} from './domain/host/host-records';
export type { HostColumn, HostFilter, HostIdFactory, HostSchemaOverride, MoneyUnit } from './adapters/knex/host/host-schema';
export { decimalDollarsToCents, centsToDecimalDollars } from './domain/shared/decimal-cents';
export { Telemetry } from './application/ports/telemetry.port';
/** The HTTP API's contract (OpenAPI 3.1), also served at GET /openapi.json and shipped as `qbo-sync/openapi.json`. */
export { openApiDocument } from './adapters/http/openapi/openapi-document';
export { ActivityLog } from './application/ports/activity-log.port';
export { ConnectionStore } from './application/ports/connection-store.port';
export { HostDirectory } from './application/ports/host-directory.port';
export { HostWriter } from './application/ports/host-writer.port';
export { LinkStore } from './application/ports/link-store.port';
export { OutboxStore } from './application/ports/outbox-store.port';
export { QboAuthorizer } from './application/ports/qbo-authorizer.port';
export { QboGateway } from './application/ports/qbo-gateway.port';
export { QboCompanyCheck } from './application/ports/qbo-company-check.port';
export { QboBudgetStore, type StartReservation } from './application/ports/qbo-budget-store.port';
export type { PaceRule, StartAsk } from './domain/qbo/shared-pace';
export { SettingsStore } from './application/ports/settings-store.port';

/** A host change to send to QBO: `id` is the host record's primary key. */
export interface HostChange {
  readonly tenantId: string | number;
  readonly kind: HostRecordKind;
  readonly id: string | number;
}

export interface QboSyncPlugin {
  /** Mount it where the admin page should live: `app.use('/integrations/qbo', plugin.router)`. */
  readonly router: Router;
  /** Creates or upgrades the plugin's own tables (idempotent). */
  migrate(): Promise<void>;
  /** Starts the delivery worker in this process (when `worker.enabled` is not false). */
  start(): Promise<void>;
  /** Stops the worker, waiting for the round in flight. The host's knex stays open: it is the host's. */
  stop(): Promise<void>;
  /** Signals changed host records; pass the host's transaction so the signal commits or rolls back with the change. */
  notify(change: HostChange | readonly HostChange[], options?: { trx?: unknown }): Promise<void>;
  /** Runs one delivery pass over every tenant with ready changes; returns how many changes were settled. */
  deliverPending(): Promise<number>;
  /** Looks for host changes that were never signalled and queues them; returns how many were queued. */
  sweep(): Promise<number>;
  /**
   * Adopts a QBO connection made earlier (for example by an older integration) without sending the admin through
   * Intuit again: the refresh token is used once to check it and get an access token. Throws an Error with a plain
   * message and a `code` (`invalid_refresh_token`, `different_company`, `invalid_adoption`) when it cannot.
   */
  adoptConnection(connection: { tenantId: string; realmId: string; refreshToken: string }): Promise<{ realmId: string; companyName: string | null }>;
  /**
   * The host-schema mapping checked against the live database (missing tables or columns, DECIMAL dollars mapped as
   * cents, flag and enum values the mapping does not say), and with `tenantId` every record of that company read
   * once, listing the ones that cannot be read with why. The dry run before anyone presses Save & Sync.
   */
  checkHost(tenantId?: string | number): Promise<HostCheckReport>;
  /** Whether the tenant's sync is on (turned on with Save & Sync and not turned off since). */
  isSyncOn(tenantId: string | number): Promise<boolean>;
  /** Database reachable, migrations current, worker alive (its last round), the queue: no tenant named (docs/operating.md). */
  health(): Promise<PluginHealth>;
  /** The same as an Express handler for the host's readiness probe, mounted where its probes look: 200 when ok, else 503. */
  readonly readiness: (req: Request, res: Response) => Promise<void>;
}

/** The one public entry (DESIGN.md §5): options → ports → use cases → router, migrations, worker, notify. */
/**
 * The controller stop() aborts. Every request waiting for a QBO slot listens to its signal (a thousand companies
 * mean thousands of waiters), so Node's "possible memory leak" warning at 11 listeners would only be noise in the
 * host's logs: each waiter removes its listener when it is served.
 */
const stopSignal = (): AbortController => {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
};

export const createQboSyncPlugin = async (given: QboSyncPluginOptions): Promise<QboSyncPlugin> => {
  const options = parsePluginOptions(given);
  const prefix = options.tablePrefix ?? 'qbo_';
  const policy: DeliveryPolicy = { ...defaultDeliveryPolicy, ...options.delivery };
  const adapters = { ...adaptersOfOverrides(options.overrides), ...options.adapters };
  // Aborted by stop(): every wait on QuickBooks (a slot, a throttle, a backoff) ends at once (docs/adr/0060).
  let stopping = stopSignal();
  const ports = createPluginPorts(options, prefix, adapters, () => stopping.signal);
  const app = createPluginApplication(ports, policy, adapters, options.hostAppName);
  const { logger, clock } = ports;
  const access = {
    resolveTenant: options.resolveTenant,
    authorize: options.authorize,
    allowedOrigins: options.allowedOrigins,
    ...(options.resolveUser ? { resolveUser: options.resolveUser } : {}),
    ...(options.adminRateLimit === false ? {} : { rateLimiter: new AdminRateLimiter({ ...defaultAdminRateLimits, ...options.adminRateLimit }) }),
  };
  const router = createQboSyncRouter(access, app.resolve, logger, { qboAppUrl: qboAppUrl(options.qbo) });

  const pollMs = options.worker?.pollMs ?? 250;
  const stopTimeoutMs = options.worker?.stopTimeoutMs ?? 10_000;
  const worker = new DeliveryWorker(ports.outboxStore, app.delivery.runDeliveryRound, app.delivery.sweepChanges, clock, logger, {
    pollMs,
    tenantConcurrency: options.worker?.tenantConcurrency ?? defaultTenantConcurrency,
    sweepMs: options.worker?.sweepMs ?? 60_000,
    workerId: `${deliveryWorkerOwnerPrefix}${ports.idGenerator.newId()}`,
  }, ports.tenantLease);
  const workerEnabled = options.worker?.enabled !== false;
  const operations = createPluginOperations({ knex: options.knex, tablePrefix: prefix, policy, ports, worker, workerEnabled, pollMs, meterProvider: options.meterProvider });
  const { notifyChanges } = app.delivery;
  const checkHost = async (tenantId?: string | number): Promise<HostCheckReport> => {
    const result = await app.resolve(CheckHost).execute(tenantId === undefined ? undefined : String(tenantId));
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  /** Start-up stops on a mapping that would misread the host (DESIGN.md §3 invariant 9), one line per problem. */
  const refuseHostProblems = async (): Promise<void> => {
    if (options.checkHostAtStartup === false) return;
    const problems = await ports.hostSchemaCheck.problems();
    if (problems.length === 0) return;
    throw Object.assign(new Error(`qbo-sync cannot read the app's tables exactly as mapped (hostSchema):\n${problems.map((p) => `- ${p.message}`).join('\n')}`), { code: 'host_schema_mismatch', problems });
  };
  const { initialSync, connectionConfirmer: confirmer } = app;

  return {
    router,
    async migrate() {
      await migratePluginTables(options.knex, prefix);
      await refuseHostProblems();
    },
    async start() {
      await refuseHostProblems();
      if (stopping.signal.aborted) stopping = stopSignal();
      await syncClock(ports.clock);
      operations.startGauges();
      if (workerEnabled) worker.start();
      confirmer.start();
      // Initial-sync jobs left running by a crash or a restart go on where they stopped (the tenant lease keeps it to one process).
      await initialSync.resumeAll();
    },
    async stop() {
      stopping.abort();
      const stopped = Promise.all([worker.stop(), initialSync.stop(), confirmer.stop()]).then(() => operations.stop());
      const late = await withinBound(stopped, stopTimeoutMs);
      if (late) logger.warn({ stopTimeoutMs }, 'the plugin stopped without waiting any longer for work in flight (a database or QuickBooks that does not answer); its leases run out on their own within delivery.leaseMs');
    },
    checkHost,
    isSyncOn: async (tenantId) => (await ports.settingsStore.get(String(tenantId))).syncEnabled,
    health: operations.health,
    readiness: operations.readiness,
    async adoptConnection(connection) {
      const result = await app.adoptConnection.execute(connection);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
      return result.value;
    },
    async notify(change, notifyOptions) {
      // Validation (and turning numeric ids into strings) is the use case's: pass what the host gave.
      const changes = (Array.isArray(change) ? change : [change]).map((c: HostChange) => ({ tenantId: c?.tenantId, kind: c?.kind, hostId: c?.id }) as unknown as OutboxChange);
      const result = await notifyChanges.execute(changes, notifyOptions?.trx);
      if (!result.ok) throw new TypeError(result.error.message);
      if (workerEnabled) wakeAfterCommit(notifyOptions?.trx, () => worker.wake());
    },
    deliverPending: () => worker.drainOnce(),
    sweep: async () => (await app.delivery.sweepChanges.execute()).enqueued,
  };
};

/** The database's clock is read once before the worker starts, so its first leases are already on the database's time. */
const syncClock = async (clock: unknown): Promise<void> => {
  if (typeof (clock as { sync?: unknown }).sync === 'function') await (clock as { sync: () => Promise<void> }).sync();
};

/** Waits for `work` at most `boundMs`; true when the bound passed first (the work goes on, unawaited, and its failure is dropped). */
const withinBound = async (work: Promise<unknown>, boundMs: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<true>((resolve) => {
    timer = setTimeout(() => resolve(true), boundMs);
  });
  const done = work.then(() => false);
  try {
    const late = await Promise.race([done, bound]);
    if (late) done.catch(() => undefined);
    return late;
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Companies one process drives at once unless the host says otherwise: enough for a month-end burst across many
 * companies (each waits on QBO most of the time: a lane of single writes manages about 3 a second at QBO's 300 ms),
 * few enough that their rounds' rows stay a few MB and the host's knex pool is shared, not drowned. 128 drained the
 * 1,000-company burst at 1.45 of the ideal where 64 gave 1.63 (docs/performance.md, 2026-12-07).
 */
const defaultTenantConcurrency = 128;

/** The row is visible to the worker only once the host's transaction commits; a knex trx says when. */
const wakeAfterCommit = (trx: unknown, wake: () => void): void => {
  const committed = (trx as { executionPromise?: Promise<unknown> } | undefined)?.executionPromise;
  if (committed) committed.then(wake, () => undefined);
  else wake();
};
