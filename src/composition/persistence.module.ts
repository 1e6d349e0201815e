import { ContainerModule } from 'inversify';
import type { Knex } from 'knex';
import { ActivityLog } from '../application/ports/activity-log.port';
import { ConnectionStore } from '../application/ports/connection-store.port';
import { HostDirectory } from '../application/ports/host-directory.port';
import { HostWriter } from '../application/ports/host-writer.port';
import { LinkStore } from '../application/ports/link-store.port';
import { OAuthStateStore } from '../application/ports/oauth-state-store.port';
import { OutboxStore } from '../application/ports/outbox-store.port';
import { SettingsStore } from '../application/ports/settings-store.port';
import { TenantLease } from '../application/ports/tenant-lease.port';
import { HostSchemaMapping, resolveHostSchema, type HostSchema } from '../adapters/knex/host/host-schema';
import { KnexActivityLog } from '../adapters/knex/knex-activity.log';
import { KnexConnectionStore } from '../adapters/knex/knex-connection.store';
import { KnexHostDirectory } from '../adapters/knex/host/knex-host.directory';
import { KnexHostWriter } from '../adapters/knex/host/knex-host.writer';
import { KnexLinkStore } from '../adapters/knex/knex-link.store';
import { KnexOAuthStateStore } from '../adapters/knex/knex-oauth-state.store';
import { KnexOutboxStore } from '../adapters/knex/knex-outbox.store';
import { KnexSettingsStore } from '../adapters/knex/knex-settings.store';
import { KnexTenantLease } from '../adapters/knex/knex-tenant.lease';
import { KnexDatabase, TablePrefix } from '../adapters/knex/knex-tokens';
import type { QboSyncPluginOptions } from './plugin-options';

/** The plugin's own tables and the host's, all through the host's knex. */
export const persistenceModule = (options: QboSyncPluginOptions, prefix: string) =>
  new ContainerModule(({ bind }) => {
    bind<Knex>(KnexDatabase).toConstantValue(options.knex);
    bind<string>(TablePrefix).toConstantValue(prefix);
    bind<HostSchema>(HostSchemaMapping).toConstantValue(resolveHostSchema(options.hostSchema));
    bind<ConnectionStore>(ConnectionStore).to(KnexConnectionStore).inSingletonScope();
    bind<SettingsStore>(SettingsStore).to(KnexSettingsStore).inSingletonScope();
    bind<LinkStore>(LinkStore).to(KnexLinkStore).inSingletonScope();
    bind<OutboxStore>(OutboxStore).to(KnexOutboxStore).inSingletonScope();
    bind<ActivityLog>(ActivityLog).to(KnexActivityLog).inSingletonScope();
    bind<OAuthStateStore>(OAuthStateStore).to(KnexOAuthStateStore).inSingletonScope();
    bind<TenantLease>(TenantLease).to(KnexTenantLease).inSingletonScope();
    bind<HostDirectory>(HostDirectory).to(KnexHostDirectory).inSingletonScope();
    bind<HostWriter>(HostWriter).to(KnexHostWriter).inSingletonScope();
  });
