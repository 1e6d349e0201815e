import type { Knex } from 'knex';
import { createDeliveryTables, createRefusalsTable, dropDeliveryTables, dropRefusalsTable } from './delivery-tables';
import { createJobSendsTable, dropJobSendsTable } from './job-tables';
import { isMysql } from './knex-dialect';
import { pluginTables, type PluginTables } from './plugin-tables';
import { addActivityDismissedAt, dropActivityDismissedAt } from './activity-dismissed.migration';
import { addHomeCurrency, dropHomeCurrency } from './home-currency.migration';
import { createReadyTenantTables, dropReadyTenantTables } from './ready-tenants.migration';
import { migrateBackToJoinedKeys, migrateToUnambiguousKeys } from './unambiguous-keys.migration';
import { createQboBudgetTable, dropQboBudgetTable } from './qbo-budget-table';
import { addLeaseExpiryIndex, dropLeaseExpiryIndex } from './lease-expiry-index.migration';

/** Widths shared by every table so keys line up (and stay under InnoDB's index length limit in utf8mb4). */
const idWidth = 100;

const createTables = async (knex: Knex, t: PluginTables): Promise<void> => {
  // Ids and keys compare byte for byte on MySQL too: "abc" and "ABC" are two host records, and pages sort as in code.
  const key = (table: Knex.CreateTableBuilder, name: string, width = idWidth): Knex.ColumnBuilder =>
    isMysql(knex) ? table.string(name, width).collate('utf8mb4_bin') : table.string(name, width);

  await knex.schema.createTable(t.connections, (table) => {
    key(table, 'tenant_id').primary();
    key(table, 'realm_id').notNullable();
    table.string('company_name', 255).nullable();
    table.string('status', 32).notNullable();
    table.text('status_reason').nullable();
    // Sealed by the SecretCipher, bound to the tenant and realm (see sealing_version, migration 0005); never clear text.
    table.text('access_token').notNullable();
    table.text('refresh_token').notNullable();
    table.bigInteger('tokens_created_at').notNullable();
    table.bigInteger('access_expires_at').notNullable();
    table.bigInteger('refresh_expires_at').notNullable();
  });

  await knex.schema.createTable(t.settings, (table) => {
    key(table, 'tenant_id').primary();
    key(table, 'income_account_id').nullable();
    key(table, 'deposit_account_id').nullable();
    table.boolean('sync_enabled').notNullable().defaultTo(false);
    table.bigInteger('enabled_at').nullable();
    key(table, 'linked_realm_id').nullable();
    table.string('service_import_kind', 32).notNullable().defaultTo('pool_service');
  });

  await knex.schema.createTable(t.links, (table) => {
    key(table, 'tenant_id').notNullable();
    key(table, 'kind', 16).notNullable();
    key(table, 'host_id').notNullable();
    key(table, 'qbo_entity', 32).notNullable();
    key(table, 'qbo_id').notNullable();
    table.string('sync_token', 32).notNullable();
    table.string('fingerprint', 64).nullable();
    table.text('pushed').nullable();
    table.boolean('retired').notNullable().defaultTo(false);
    table.primary(['tenant_id', 'kind', 'host_id']);
    table.index(['tenant_id', 'qbo_entity', 'qbo_id'], `${t.links}_by_qbo_id`);
  });

  await knex.schema.createTable(t.outbox, (table) => {
    table.bigIncrements('id').primary();
    key(table, 'tenant_id').notNullable();
    key(table, 'kind', 16).notNullable();
    key(table, 'host_id').notNullable();
    key(table, 'state', 16).notNullable();
    table.integer('attempt').notNullable().defaultTo(0);
    key(table, 'attempt_token', 36).nullable();
    // For `in_flight` rows this is the lease expiry: the row is claimable again from then on.
    table.bigInteger('available_at').notNullable();
    table.bigInteger('enqueued_at').notNullable();
    table.bigInteger('settled_at').nullable();
    table.text('last_error').nullable();
    // The record's key while pending (length-prefixed since migration 0005), NULL otherwise: the unique index coalesces pending signals per record.
    key(table, 'dedupe_key', 255).nullable().unique({ indexName: `${t.outbox}_dedupe` });
    // Serves the claim (WHERE state, tenant, available_at <= now ORDER BY available_at, id) without a filesort.
    table.index(['state', 'tenant_id', 'available_at', 'id'], `${t.outbox}_claim`);
  });

  await knex.schema.createTable(t.activity, (table) => {
    table.bigIncrements('id').primary();
    key(table, 'tenant_id').notNullable();
    table.bigInteger('at').notNullable();
    table.string('action', 16).notNullable();
    key(table, 'kind', 16).nullable();
    key(table, 'host_id').nullable();
    key(table, 'qbo_id').nullable();
    table.string('outcome', 16).notNullable();
    table.text('message').notNullable();
    key(table, 'outbox_id', 32).nullable();
    table.index(['tenant_id', 'id'], `${t.activity}_newest`);
    table.index(['tenant_id', 'kind', 'id'], `${t.activity}_by_kind`);
    table.index(['tenant_id', 'outcome', 'id'], `${t.activity}_by_outcome`);
  });

  await knex.schema.createTable(t.oauthStates, (table) => {
    key(table, 'state', 128).primary();
    key(table, 'tenant_id').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.bigInteger('used_at').nullable();
  });

  await knex.schema.createTable(t.leases, (table) => {
    key(table, 'tenant_id').primary();
    key(table, 'owner', 255).notNullable();
    key(table, 'token', 36).notNullable();
    table.bigInteger('expires_at').notNullable();
  });
};

/** Initial-sync jobs: progress, and the batch written down before it is sent. */
const createJobsTable = async (knex: Knex, t: PluginTables): Promise<void> => {
  const key = (table: Knex.CreateTableBuilder, name: string, width = idWidth): Knex.ColumnBuilder =>
    isMysql(knex) ? table.string(name, width).collate('utf8mb4_bin') : table.string(name, width);
  await knex.schema.createTable(t.jobs, (table) => {
    table.bigIncrements('seq').primary();
    key(table, 'id', 64).notNullable().unique({ indexName: `${t.jobs}_id` });
    key(table, 'tenant_id').notNullable();
    // The tenant id while the job runs, NULL afterwards: the unique index allows one running job per tenant.
    key(table, 'running_key').nullable().unique({ indexName: `${t.jobs}_running` });
    table.string('state', 16).notNullable();
    table.integer('total').notNullable().defaultTo(0);
    table.integer('done').notNullable().defaultTo(0);
    table.integer('failed').notNullable().defaultTo(0);
    table.text('by_kind').notNullable();
    table.text('message').nullable();
    table.text('pending_batch', 'mediumtext').nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['tenant_id', 'seq'], `${t.jobs}_by_tenant`);
  });
};

const dropTables = async (knex: Knex, t: PluginTables): Promise<void> => {
  for (const table of [t.leases, t.oauthStates, t.activity, t.outbox, t.links, t.settings, t.connections]) {
    await knex.schema.dropTableIfExists(table);
  }
};

const taxAndPayoutColumns = ['tax_code_id', 'payout_account_id', 'payout_fee_account_id'] as const;

/** Issue 15: the tax code and the two payout accounts, all optional (NULL: not chosen; no payout account: payouts off). */
const addTaxAndPayoutSettings = async (knex: Knex, t: PluginTables): Promise<void> => {
  await knex.schema.alterTable(t.settings, (table) => {
    for (const column of taxAndPayoutColumns) table.string(column, idWidth).nullable();
  });
};

const dropTaxAndPayoutSettings = async (knex: Knex, t: PluginTables): Promise<void> => {
  await knex.schema.alterTable(t.settings, (table) => {
    for (const column of taxAndPayoutColumns) table.dropColumn(column);
  });
};

interface PluginMigration {
  readonly name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** In code, not files on disk: the plugin runs from dist/ inside someone else's application. */
class PluginMigrationSource implements Knex.MigrationSource<PluginMigration> {
  constructor(private readonly migrations: readonly PluginMigration[]) {}

  async getMigrations(): Promise<PluginMigration[]> {
    return [...this.migrations];
  }

  getMigrationName(migration: PluginMigration): string {
    return migration.name;
  }

  async getMigration(migration: PluginMigration): Promise<Knex.Migration> {
    return { up: (knex) => migration.up(knex), down: (knex) => migration.down(knex) };
  }
}

const migrationsFor = (tables: PluginTables, prefix: string): PluginMigration[] => [
  { name: '0001-plugin-tables', up: (knex) => createTables(knex, tables), down: (knex) => dropTables(knex, tables) },
  { name: '0002-initial-sync-jobs', up: (knex) => createJobsTable(knex, tables), down: (knex) => knex.schema.dropTableIfExists(tables.jobs) },
  { name: '0003-delivery-tables', up: (knex) => createDeliveryTables(knex, prefix), down: (knex) => dropDeliveryTables(knex, prefix) },
  { name: '0004-initial-sync-sends', up: (knex) => createJobSendsTable(knex, prefix), down: (knex) => dropJobSendsTable(knex, prefix) },
  { name: '0005-unambiguous-keys', up: (knex) => migrateToUnambiguousKeys(knex, tables), down: (knex) => migrateBackToJoinedKeys(knex, tables) },
  { name: '0006-write-refusals', up: (knex) => createRefusalsTable(knex, prefix), down: (knex) => dropRefusalsTable(knex, prefix) },
  { name: '0007-tax-and-payout-settings', up: (knex) => addTaxAndPayoutSettings(knex, tables), down: (knex) => dropTaxAndPayoutSettings(knex, tables) },
  { name: '0008-activity-dismissed-at', up: (knex) => addActivityDismissedAt(knex, tables), down: (knex) => dropActivityDismissedAt(knex, tables) },
  { name: '0009-home-currency', up: (knex) => addHomeCurrency(knex, tables), down: (knex) => dropHomeCurrency(knex, tables) },
  { name: '0010-ready-tenants', up: (knex) => createReadyTenantTables(knex, tables), down: (knex) => dropReadyTenantTables(knex, tables) },
  { name: '0011-qbo-budgets', up: (knex) => createQboBudgetTable(knex, prefix), down: (knex) => dropQboBudgetTable(knex, prefix) },
  { name: '0012-lease-expiry-index', up: (knex) => addLeaseExpiryIndex(knex, tables), down: (knex) => dropLeaseExpiryIndex(knex, tables) },
];

/** Brings the plugin's tables under `prefix` up to date; running it again is a no-op. */
export const migratePluginTables = async (knex: Knex, prefix: string): Promise<void> => {
  const tables = pluginTables(prefix);
  const config = { migrationSource: new PluginMigrationSource(migrationsFor(tables, prefix)), tableName: tables.migrations };
  // Several host processes start at once: the ones that find the lock taken wait for the first to finish.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await knex.migrate.latest(config);
      return;
    } catch (error) {
      if ((error as Error).name !== 'MigrationLocked' || attempt >= migrationLockAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, migrationLockWaitMs));
    }
  }
};
const migrationLockAttempts = 120;
const migrationLockWaitMs = 250;

/** Runs the plugin's migrations up to and including `name` only: an older install, for upgrade tests. */
export const migratePluginTablesUpTo = async (knex: Knex, prefix: string, name: string): Promise<void> => {
  const tables = pluginTables(prefix);
  const config = { migrationSource: new PluginMigrationSource(migrationsFor(tables, prefix)), tableName: tables.migrations };
  const [done] = (await knex.migrate.list(config)) as [{ name: string }[], unknown];
  if (done.some((migration) => migration.name === name)) return;
  for (;;) {
    await knex.migrate.up(config);
    const [applied] = (await knex.migrate.list(config)) as [{ name: string }[], unknown];
    if (applied.some((migration) => migration.name === name)) return;
  }
};

/** Drops every plugin table under `prefix`, and its migrations bookkeeping (for tests and uninstall). */
export const rollbackPluginTables = async (knex: Knex, prefix: string): Promise<void> => {
  const tables = pluginTables(prefix);
  await knex.migrate.rollback({ migrationSource: new PluginMigrationSource(migrationsFor(tables, prefix)), tableName: tables.migrations }, true);
  await knex.schema.dropTableIfExists(`${tables.migrations}_lock`);
  await knex.schema.dropTableIfExists(tables.migrations);
};

/**
 * The plugin's migrations not applied yet under `prefix`, read without side effects (knex's own `migrate.list`
 * would create the bookkeeping table): all of them when the plugin never migrated there.
 */
export const pendingPluginMigrations = async (knex: Knex, prefix: string): Promise<string[]> => {
  const tables = pluginTables(prefix);
  const names = migrationsFor(tables, prefix).map((migration) => migration.name);
  if (!(await knex.schema.hasTable(tables.migrations))) return names;
  const applied = new Set((await knex(tables.migrations).select('name')).map((row: { name: string }) => row.name));
  return names.filter((name) => !applied.has(name));
};
