import type { Knex } from 'knex';
import { defaultTenantSettings, type SettingsStore, type TenantSettings } from '../../application/ports/settings-store.port';
import { pluginTables } from './plugin-tables';

interface SettingsRow {
  income_account_id: string | null;
  deposit_account_id: string | null;
  sync_enabled: boolean | number;
  enabled_at: number | string | null;
  linked_realm_id: string | null;
  service_import_kind: string;
  tax_code_id: string | null;
  payout_account_id: string | null;
  payout_fee_account_id: string | null;
  home_currency: string | null;
}

const columnOf: { readonly [K in keyof TenantSettings]: keyof SettingsRow } = {
  incomeAccountId: 'income_account_id',
  depositAccountId: 'deposit_account_id',
  syncEnabled: 'sync_enabled',
  enabledAt: 'enabled_at',
  linkedRealmId: 'linked_realm_id',
  serviceImportKind: 'service_import_kind',
  taxCodeId: 'tax_code_id',
  payoutAccountId: 'payout_account_id',
  payoutFeeAccountId: 'payout_fee_account_id',
  homeCurrency: 'home_currency',
};

const toRow = (settings: Partial<TenantSettings>): Partial<SettingsRow> =>
  Object.fromEntries(
    (Object.entries(settings) as [keyof TenantSettings, unknown][])
      .filter(([key, value]) => key in columnOf && value !== undefined)
      .map(([key, value]) => [columnOf[key], value]),
  );

const fromRow = (row: SettingsRow): TenantSettings => ({
  incomeAccountId: row.income_account_id,
  depositAccountId: row.deposit_account_id,
  syncEnabled: Boolean(row.sync_enabled),
  enabledAt: row.enabled_at === null ? null : Number(row.enabled_at),
  linkedRealmId: row.linked_realm_id,
  serviceImportKind: row.service_import_kind === 'work_order_type' ? 'work_order_type' : 'pool_service',
  taxCodeId: row.tax_code_id ?? null,
  payoutAccountId: row.payout_account_id ?? null,
  payoutFeeAccountId: row.payout_fee_account_id ?? null,
  homeCurrency: row.home_currency ?? null,
});

export class KnexSettingsStore implements SettingsStore {
  private readonly table: string;

  constructor(private readonly knex: Knex, prefix: string) {
    this.table = pluginTables(prefix).settings;
  }

  async get(tenantId: string): Promise<TenantSettings> {
    const row: SettingsRow | undefined = await this.knex(this.table).where({ tenant_id: tenantId }).first();
    return row ? fromRow(row) : defaultTenantSettings;
  }

  async update(tenantId: string, changes: Partial<TenantSettings>): Promise<TenantSettings> {
    const changed = toRow(changes);
    const insert = this.knex(this.table).insert({ tenant_id: tenantId, ...toRow(defaultTenantSettings), ...changed }).onConflict('tenant_id');
    // One upsert touching only the given columns: two admins changing different settings do not undo each other.
    if (Object.keys(changed).length === 0) await insert.ignore();
    else await insert.merge(Object.keys(changed));
    return this.get(tenantId);
  }

  async enabledTenants(): Promise<readonly string[]> {
    const rows: { tenant_id: string }[] = await this.knex(this.table).select('tenant_id').where({ sync_enabled: true }).orderBy('tenant_id');
    return rows.map((row) => row.tenant_id);
  }
}
