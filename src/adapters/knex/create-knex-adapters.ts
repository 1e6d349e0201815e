import type { Knex } from 'knex';
import type { Clock } from '../../application/ports/clock.port';
import type { Logger } from '../../application/ports/logger.port';
import type { SecretCipher } from '../../application/ports/secret-cipher.port';
import type { HostSchema } from './host/host-schema';
import { KnexHostDirectory } from './host/knex-host.directory';
import { KnexHostWriter } from './host/knex-host.writer';
import { KnexHostSchemaCheck } from './host/knex-host-schema.check';
import { KnexActivityLog } from './knex-activity.log';
import { KnexConnectionStore } from './knex-connection.store';
import { KnexJobStore } from './knex-job.store';
import { KnexLinkStore } from './knex-link.store';
import { KnexOAuthStateStore } from './knex-oauth-state.store';
import { KnexOutboxStore } from './knex-outbox.store';
import { KnexQboBudgetStore } from './knex-qbo-budget.store';
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

/** Every knex adapter the plugin runs with: its own tables and the host's, through one knex. */
export const createKnexAdapters = ({ knex, tablePrefix: prefix, hostSchema, clock, logger, secretCipher }: KnexAdapterParts) => ({
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
  qboBudgetStore: new KnexQboBudgetStore(knex, prefix, clock),
  hostDirectory: new KnexHostDirectory(knex, hostSchema, logger),
  hostWriter: new KnexHostWriter(knex, hostSchema, clock),
  hostSchemaCheck: new KnexHostSchemaCheck(knex, hostSchema),
});
