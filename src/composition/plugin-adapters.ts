import { AesGcmSecretCipher } from '../adapters/crypto/aes-gcm-secret.cipher';
import { AesOpaqueIds } from '../adapters/crypto/aes-opaque.ids';
import { StaticKeyProvider, type KeyProvider } from '../adapters/crypto/key-provider';
import { RememberedConnections } from '../application/connection/remembered-connections';
import { noHostSchemaCheck } from '../application/ports/host-schema-check.port';
import { createKnexAdapters } from '../adapters/knex/create-knex-adapters';
import { KnexDatabaseClock } from '../adapters/knex/knex-database.clock';
import { resolveHostSchema } from '../adapters/knex/host/host-schema';
import { PinoLogger } from '../adapters/logging/pino.logger';
import { createQboAdapters } from '../adapters/qbo/create-qbo-adapters';
import { IntuitQboAuthorizer } from '../adapters/qbo/intuit-qbo.authorizer';
import { CryptoIdGenerator } from '../adapters/system/crypto-id.generator';
import { MathRandomSource } from '../adapters/system/math-random.source';
import { SystemClock } from '../adapters/system/system.clock';
import { createHostTelemetry } from '../adapters/telemetry/create-host-telemetry';
import type { QboSyncPluginOptions } from './plugin-options';
import { chosen, type PluginAdapters, type PluginPorts } from './plugin-ports';

/**
 * Every port of the plugin, each the host's choice or the standard adapter: time, ids and logging first, then the
 * tables behind the host's knex, then QuickBooks (whose tokens live in the chosen connection store).
 */
export const createPluginPorts = (options: QboSyncPluginOptions, tablePrefix: string, adapters: PluginAdapters, stopSignal?: () => AbortSignal | undefined): PluginPorts => {
  const logger = chosen(adapters.logger, () => new PinoLogger(options.logger));
  // The standard clock is the database's (docs/adr/0060): leases and available_at agree across instances whatever their own clocks say.
  const clock = chosen(adapters.clock, () => new KnexDatabaseClock(options.knex, new SystemClock(), logger));
  const telemetry = chosen(adapters.telemetry, () => createHostTelemetry(options.onEvent, logger, options.meterProvider));
  let keyProvider: KeyProvider | undefined;
  const keys = () => (keyProvider ??= options.keyProvider ?? new StaticKeyProvider(options.encryptionKey, options.retiredEncryptionKeys ?? []));
  const secretCipher = chosen(adapters.secretCipher, () => new AesGcmSecretCipher(keys()));
  const tables = createKnexAdapters({ knex: options.knex, tablePrefix, hostSchema: resolveHostSchema(options.hostSchema), clock, logger, secretCipher });
  // Every write of a connection in this process goes through the one RememberedConnections, which forgets what it wrote (ADR 0075).
  const connectionStore = new RememberedConnections(chosen(adapters.connectionStore, () => tables.connectionStore), clock);
  const qboAuthorizer = chosen(adapters.qboAuthorizer, () => new IntuitQboAuthorizer(options.qbo, clock));
  const activityLog = chosen(adapters.activityLog, () => tables.activityLog);
  // The database's clock above times the shared budget too, so every process agrees on when a start is due.
  const qboBudgetStore = chosen(adapters.qboBudgetStore, () => tables.qboBudgetStore);
  let qbo: ReturnType<typeof createQboAdapters> | undefined;
  const qboAdapters = () => (qbo ??= createQboAdapters({ options: options.qbo, connections: connectionStore, clock, logger, telemetry, authorizer: qboAuthorizer, activity: activityLog, budget: qboBudgetStore, ...(stopSignal ? { stopSignal } : {}) }));
  return {
    clock,
    logger,
    telemetry,
    secretCipher,
    opaqueIds: chosen(adapters.opaqueIds, () => new AesOpaqueIds(keys())),
    idGenerator: chosen(adapters.idGenerator, () => new CryptoIdGenerator()),
    randomSource: chosen(adapters.randomSource, () => new MathRandomSource()),
    connectionStore,
    settingsStore: chosen(adapters.settingsStore, () => tables.settingsStore),
    linkStore: chosen(adapters.linkStore, () => tables.linkStore),
    outboxStore: chosen(adapters.outboxStore, () => tables.outboxStore),
    activityLog,
    oauthStateStore: chosen(adapters.oauthStateStore, () => tables.oauthStateStore),
    tenantLease: chosen(adapters.tenantLease, () => tables.tenantLease),
    writeJournal: chosen(adapters.writeJournal, () => tables.writeJournal),
    sweepMarkStore: chosen(adapters.sweepMarkStore, () => tables.sweepMarkStore),
    jobStore: chosen(adapters.jobStore, () => tables.jobStore),
    hostDirectory: chosen(adapters.hostDirectory, () => tables.hostDirectory),
    hostWriter: chosen(adapters.hostWriter, () => tables.hostWriter),
    // A host reading its tables through its own HostDirectory has no mapping to check.
    hostSchemaCheck: chosen(adapters.hostSchemaCheck, () => (adapters.hostDirectory === undefined ? tables.hostSchemaCheck : noHostSchemaCheck)),
    qboAuthorizer,
    qboGateway: chosen(adapters.qboGateway, () => qboAdapters().gateway),
    qboCompanyCheck: chosen(adapters.qboCompanyCheck, () => qboAdapters().companyCheck),
    qboBudgetStore,
  };
};
