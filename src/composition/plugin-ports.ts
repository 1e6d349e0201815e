import type { ActivityLog } from '../application/ports/activity-log.port';
import type { Clock } from '../application/ports/clock.port';
import type { ConnectionConfirmer } from '../application/ports/connection-confirmer.port';
import type { ConnectionStore } from '../application/ports/connection-store.port';
import type { HostDirectory } from '../application/ports/host-directory.port';
import type { HostWriter } from '../application/ports/host-writer.port';
import type { HostSchemaCheck } from '../application/ports/host-schema-check.port';
import type { IdGenerator } from '../application/ports/id-generator.port';
import type { InitialSyncLauncher } from '../application/ports/initial-sync-launcher.port';
import type { JobStore } from '../application/ports/job-store.port';
import type { LinkStore } from '../application/ports/link-store.port';
import type { Logger } from '../application/ports/logger.port';
import type { OAuthStateStore } from '../application/ports/oauth-state-store.port';
import type { OpaqueIds } from '../application/ports/opaque-ids.port';
import type { OutboxStore } from '../application/ports/outbox-store.port';
import type { QboAuthorizer } from '../application/ports/qbo-authorizer.port';
import type { QboCompanyCheck } from '../application/ports/qbo-company-check.port';
import type { QboBudgetStore } from '../application/ports/qbo-budget-store.port';
import type { QboGateway } from '../application/ports/qbo-gateway.port';
import type { RandomSource } from '../application/ports/random-source.port';
import type { SecretCipher } from '../application/ports/secret-cipher.port';
import type { SettingsStore } from '../application/ports/settings-store.port';
import type { SweepMarkStore } from '../application/ports/sweep-mark-store.port';
import type { Telemetry } from '../application/ports/telemetry.port';
import type { TenantLease } from '../application/ports/tenant-lease.port';
import type { WriteJournal } from '../application/ports/write-journal.port';

/** Every port the plugin's use cases are built from, each named after its port. */
export interface PluginPorts {
  readonly clock: Clock;
  readonly idGenerator: IdGenerator;
  readonly randomSource: RandomSource;
  readonly logger: Logger;
  readonly secretCipher: SecretCipher;
  readonly connectionStore: ConnectionStore;
  readonly settingsStore: SettingsStore;
  readonly linkStore: LinkStore;
  readonly outboxStore: OutboxStore;
  readonly activityLog: ActivityLog;
  readonly oauthStateStore: OAuthStateStore;
  readonly tenantLease: TenantLease;
  readonly writeJournal: WriteJournal;
  readonly sweepMarkStore: SweepMarkStore;
  readonly jobStore: JobStore;
  readonly hostDirectory: HostDirectory;
  readonly hostWriter: HostWriter;
  /** The host-schema mapping checked against the live database (none when the host reads its tables through its own HostDirectory). */
  readonly hostSchemaCheck: HostSchemaCheck;
  readonly qboGateway: QboGateway;
  readonly qboAuthorizer: QboAuthorizer;
  /** Asks QBO which company an access token opens (the OAuth callback's and adoption's proof of the company). */
  readonly qboCompanyCheck: QboCompanyCheck;
  /** Each QBO company's request budget, kept with the host's other processes (docs/adr/0072). */
  readonly qboBudgetStore: QboBudgetStore;
  /** Seals activity ids and cursors before they leave the plugin. */
  readonly opaqueIds: OpaqueIds;
  /** Events for the host's `onEvent` and measurements for OpenTelemetry. */
  readonly telemetry: Telemetry;
}

/** The ports the delivery engine is built from. */
export type DeliveryPorts = Pick<
  PluginPorts,
  'clock' | 'randomSource' | 'logger' | 'settingsStore' | 'connectionStore' | 'linkStore' | 'outboxStore' | 'activityLog' | 'tenantLease' | 'writeJournal' | 'sweepMarkStore' | 'hostDirectory' | 'qboGateway' | 'opaqueIds'
> & {
  /** Silent when left out (tests, benchmarks). */
  readonly telemetry?: Telemetry;
};

/** A port's replacement: the adapter itself, or a function that gets the standard one and returns what to use (to wrap it). */
export type AdapterChoice<Port> = Port | ((standard: Port) => Port);

/** What a host may replace, by port, without touching a container (`createQboSyncPlugin({ adapters })`). */
export type PluginAdapters = { readonly [K in keyof PluginPorts]?: AdapterChoice<PluginPorts[K]> } & {
  /** Runs initial-sync jobs; the standard one runs them in this process, in the background. */
  readonly initialSyncLauncher?: AdapterChoice<InitialSyncLauncher>;
  /** Confirms, later, a connection QBO was too busy to confirm during the callback; the standard one asks again in this process. */
  readonly connectionConfirmer?: AdapterChoice<ConnectionConfirmer>;
};

/** Every name the `adapters` option takes; a record, so a port added to PluginAdapters and not here is a compile error. */
const adapterNameSet: Record<keyof PluginAdapters, true> = {
  clock: true, idGenerator: true, randomSource: true, logger: true, secretCipher: true, connectionStore: true, settingsStore: true, linkStore: true,
  outboxStore: true, activityLog: true, oauthStateStore: true, tenantLease: true, writeJournal: true, sweepMarkStore: true, jobStore: true,
  hostDirectory: true, hostWriter: true, hostSchemaCheck: true, qboGateway: true, qboAuthorizer: true, qboCompanyCheck: true, qboBudgetStore: true, opaqueIds: true, initialSyncLauncher: true,
  connectionConfirmer: true, telemetry: true,
};
export const adapterNames = Object.keys(adapterNameSet) as readonly (keyof PluginAdapters)[];

/** The chosen adapter for one port: the host's, the host's wrapper around the standard one, or the standard one. */
export const chosen = <P>(choice: AdapterChoice<P> | undefined, standard: () => P): P => {
  if (choice === undefined) return standard();
  return typeof choice === 'function' ? (choice as (standard: P) => P)(standard()) : choice;
};
