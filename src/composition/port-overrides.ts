import { HostSchemaCheck } from '../application/ports/host-schema-check.port';
import { ActivityLog } from '../application/ports/activity-log.port';
import { Clock } from '../application/ports/clock.port';
import { ConnectionConfirmer } from '../application/ports/connection-confirmer.port';
import { ConnectionStore } from '../application/ports/connection-store.port';
import { HostDirectory } from '../application/ports/host-directory.port';
import { HostWriter } from '../application/ports/host-writer.port';
import { IdGenerator } from '../application/ports/id-generator.port';
import { InitialSyncLauncher } from '../application/ports/initial-sync-launcher.port';
import { JobStore } from '../application/ports/job-store.port';
import { LinkStore } from '../application/ports/link-store.port';
import { Logger } from '../application/ports/logger.port';
import { OAuthStateStore } from '../application/ports/oauth-state-store.port';
import { OpaqueIds } from '../application/ports/opaque-ids.port';
import { OutboxStore } from '../application/ports/outbox-store.port';
import { QboAuthorizer } from '../application/ports/qbo-authorizer.port';
import { QboCompanyCheck } from '../application/ports/qbo-company-check.port';
import { QboBudgetStore } from '../application/ports/qbo-budget-store.port';
import { QboGateway } from '../application/ports/qbo-gateway.port';
import { RandomSource } from '../application/ports/random-source.port';
import { SecretCipher } from '../application/ports/secret-cipher.port';
import { SettingsStore } from '../application/ports/settings-store.port';
import { SweepMarkStore } from '../application/ports/sweep-mark-store.port';
import { TenantLease } from '../application/ports/tenant-lease.port';
import { Telemetry } from '../application/ports/telemetry.port';
import { WriteJournal } from '../application/ports/write-journal.port';
import type { PluginAdapters } from './plugin-ports';

/**
 * What `overrides` receives: the call hosts wrote against the container of earlier versions,
 * `(ports) => ports.rebind(QboGateway).toConstantValue(mine)`, with each port's exported token.
 */
export interface PortRebinder {
  rebind<Port = unknown>(port: symbol): { toConstantValue(adapter: Port): void };
}

/** Each port's exported token; a record, so a port added to PluginAdapters and not here is a compile error. */
const tokenOfAdapter: Record<keyof PluginAdapters, symbol> = {
  activityLog: ActivityLog, clock: Clock, connectionConfirmer: ConnectionConfirmer, connectionStore: ConnectionStore, hostDirectory: HostDirectory,
  hostWriter: HostWriter, hostSchemaCheck: HostSchemaCheck, idGenerator: IdGenerator, initialSyncLauncher: InitialSyncLauncher, jobStore: JobStore, linkStore: LinkStore, logger: Logger,
  oauthStateStore: OAuthStateStore, opaqueIds: OpaqueIds, outboxStore: OutboxStore, qboAuthorizer: QboAuthorizer, qboCompanyCheck: QboCompanyCheck, qboBudgetStore: QboBudgetStore,
  qboGateway: QboGateway, randomSource: RandomSource, secretCipher: SecretCipher, settingsStore: SettingsStore, sweepMarkStore: SweepMarkStore,
  tenantLease: TenantLease, writeJournal: WriteJournal, telemetry: Telemetry,
};
const adapterOfToken = new Map(Object.entries(tokenOfAdapter).map(([name, token]) => [token, name as keyof PluginAdapters]));

/** The adapters a host's `overrides` rebinds, as the `adapters` option names them. */
export const adaptersOfOverrides = (overrides: ((ports: PortRebinder) => void) | undefined): PluginAdapters => {
  const adapters: Partial<Record<keyof PluginAdapters, unknown>> = {};
  overrides?.({
    rebind: (port) => {
      const name = adapterOfToken.get(port);
      if (name === undefined) throw new TypeError(`overrides: ${String(port)} is not one of the plugin's ports. Rebind an exported port (QboGateway, HostDirectory, …), or use the "adapters" option.`);
      return { toConstantValue: (adapter) => void (adapters[name] = adapter) };
    },
  });
  return adapters as PluginAdapters;
};
