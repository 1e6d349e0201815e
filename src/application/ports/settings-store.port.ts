export interface TenantSettings {
  readonly incomeAccountId: string | null;
  readonly depositAccountId: string | null;
  readonly syncEnabled: boolean;
  /** Epoch ms when the sync was last turned on; invoices and payments from before it are not sent. */
  readonly enabledAt: number | null;
  /** The realm the tenant's links point at; a connection to another realm must not write with them. */
  readonly linkedRealmId: string | null;
  /** Which host kind an imported QBO Service item becomes. */
  readonly serviceImportKind: 'pool_service' | 'work_order_type';
  /** The QBO TaxCode a taxed invoice names (TxnTaxCodeRef): the rate group in a manual company, the override under AST. */
  readonly taxCodeId: string | null;
  /** The bank account processor payouts are deposited into; null: "Don't sync payouts" (the default). */
  readonly payoutAccountId: string | null;
  /** The expense account a payout's processing fee is posted to (a negative deposit line). */
  readonly payoutFeeAccountId: string | null;
  /**
   * The QBO company's home currency (ISO 4217), the money of every amount the activity log writes; kept once read
   * (QBO does not let a company change it). null until read: messages then say US dollars.
   */
  readonly homeCurrency: string | null;
}

export const defaultTenantSettings: TenantSettings = {
  incomeAccountId: null,
  depositAccountId: null,
  syncEnabled: false,
  enabledAt: null,
  linkedRealmId: null,
  serviceImportKind: 'pool_service',
  taxCodeId: null,
  payoutAccountId: null,
  payoutFeeAccountId: null,
  homeCurrency: null,
};

export const SettingsStore = Symbol('qbo-sync.SettingsStore');
export interface SettingsStore {
  /** The tenant's settings, or the defaults when it has none yet. */
  get(tenantId: string): Promise<TenantSettings>;
  /** Changes only the given fields, creating the row when needed. */
  update(tenantId: string, changes: Partial<TenantSettings>): Promise<TenantSettings>;
  /** Tenants whose sync is on, in id order (for the sweep). */
  enabledTenants(): Promise<readonly string[]>;
}
