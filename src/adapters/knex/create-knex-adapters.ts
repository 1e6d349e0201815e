import type { Knex } from 'knex';
import type { ActivityLog } from '../../application/ports/activity-log.port';
import type { Clock } from '../../application/ports/clock.port';
import type { ConnectionStore } from '../../application/ports/connection-store.port';
import type { HostDirectory } from '../../application/ports/host-directory.port';
import type { HostWriter } from '../../application/ports/host-writer.port';
import type { JobStore } from '../../application/ports/job-store.port';
import type { LinkStore } from '../../application/ports/link-store.port';
import type { Logger } from '../../application/ports/logger.port';
import type { OAuthStateStore } from '../../application/ports/oauth-state-store.port';
import type { OutboxStore } from '../../application/ports/outbox-store.port';
import type { SecretCipher } from '../../application/ports/secret-cipher.port';
import type { SettingsStore } from '../../application/ports/settings-store.port';
import type { SweepMarkStore } from '../../application/ports/sweep-mark-store.port';
import type { TenantLease } from '../../application/ports/tenant-lease.port';
import type { WriteJournal } from '../../application/ports/write-journal.port';
import type { HostSchema } from './host/host-schema';
import { KnexHostDirectory } from './host/knex-host.directory';
import { KnexHostWriter } from './host/knex-host.writer';
import { KnexActivityLog } from './knex-activity.log';
import { KnexConnectionStore } from './knex-connection.store';
import { KnexJobStore } from './knex-job.store';
import { KnexLinkStore } from './knex-link.store';
import { KnexOAuthStateStore } from './knex-oauth-state.store';
import { KnexOutboxStore } from './knex-outbox.store';
import { KnexSettingsStore } from './knex-settings.store';
import { KnexSweepMarkStore } from './knex-sweep-mark.store';
import { KnexTenantLease } from './knex-tenant.lease';
import { KnexWriteJournal } from './knex-write.journal';

export interface KnexAdapterParts {
  /** The host's knex: the plugin's tables and the host's own live in its database. */
  readonly knex: Knex;
  /** Prefix of every plugin-owned table, e.g. `qbo_`. */
  readonly tablePrefix: string;
  /** The host tables' mapping, already merged over the reference schema. */
  readonly hostSchema: HostSchema;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly secretCipher: SecretCipher;
}

/** The plugin's own tables and the host's, read and written through one knex. */
export interface KnexAdapters {
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
}

/** Every knex adapter, built the one way the plugin, the tests and the benchmarks build them. */
export const createKnexAdapters = ({ knex, tablePrefix: prefix, hostSchema, clock, logger, secretCipher }: KnexAdapterParts): KnexAdapters => ({
  connectionStore: new KnexConnectionStore(knex, prefix, secretCipher, logger),
  settingsStore: new KnexSettingsStore(knex, prefix),
  linkStore: new KnexLinkStore(knex, prefix),
  outboxStore: new KnexOutboxStore(knex, prefix, clock),
  activityLog: new KnexActivityLog(knex, prefix),
  oauthStateStore: new KnexOAuthStateStore(knex, prefix),
  tenantLease: new KnexTenantLease(knex, prefix),
  writeJournal: new KnexWriteJournal(knex, prefix),
  sweepMarkStore: new KnexSweepMarkStore(knex, prefix),
  jobStore: new KnexJobStore(knex, prefix),
  hostDirectory: new KnexHostDirectory(knex, hostSchema, logger),
  hostWriter: new KnexHostWriter(knex, hostSchema, clock),
});
