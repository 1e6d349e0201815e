import type { ActivityLog } from '../application/ports/activity-log.port';
import type { Clock } from '../application/ports/clock.port';
import type { ConnectionStore } from '../application/ports/connection-store.port';
import type { HostDirectory } from '../application/ports/host-directory.port';
import type { HostWriter } from '../application/ports/host-writer.port';
import type { IdGenerator } from '../application/ports/id-generator.port';
import type { JobStore } from '../application/ports/job-store.port';
import type { LinkStore } from '../application/ports/link-store.port';
import type { Logger } from '../application/ports/logger.port';
import type { OAuthStateStore } from '../application/ports/oauth-state-store.port';
import type { OpaqueIds } from '../application/ports/opaque-ids.port';
import type { OutboxStore } from '../application/ports/outbox-store.port';
import type { QboAuthorizer } from '../application/ports/qbo-authorizer.port';
import type { QboGateway } from '../application/ports/qbo-gateway.port';
import type { RandomSource } from '../application/ports/random-source.port';
import type { SecretCipher } from '../application/ports/secret-cipher.port';
import type { SettingsStore } from '../application/ports/settings-store.port';
import type { SweepMarkStore } from '../application/ports/sweep-mark-store.port';
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
  readonly qboGateway: QboGateway;
  readonly qboAuthorizer: QboAuthorizer;
  readonly opaqueIds: OpaqueIds;
}

/** The ports the delivery engine is built from. */
export type DeliveryPorts = Pick<
  PluginPorts,
  'clock' | 'randomSource' | 'logger' | 'settingsStore' | 'connectionStore' | 'linkStore' | 'outboxStore' | 'activityLog' | 'tenantLease' | 'writeJournal' | 'sweepMarkStore' | 'hostDirectory' | 'qboGateway' | 'opaqueIds'
>;
