import { defaultPreferences } from './default-preferences';
import { createEntity } from './entity-writer';
import { RealmStore } from './realm-store';
import type { SalesTaxMode } from './tax/sales-tax-mode';
import { setUpSalesTax } from './tax/tax-setup';

/** The chart of accounts a new QBO company starts with (the part the plugin and its tests use). */
const DEFAULT_ACCOUNTS = [
  { Name: 'Checking', AccountType: 'Bank', AccountSubType: 'Checking' },
  { Name: 'Savings', AccountType: 'Bank', AccountSubType: 'Savings' },
  { Name: 'Undeposited Funds', AccountType: 'Other Current Asset', AccountSubType: 'UndepositedFunds' },
  { Name: 'Inventory Asset', AccountType: 'Other Current Asset', AccountSubType: 'Inventory' },
  { Name: 'Accounts Receivable (A/R)', AccountType: 'Accounts Receivable', AccountSubType: 'AccountsReceivable' },
  { Name: 'Services', AccountType: 'Income', AccountSubType: 'ServiceFeeIncome' },
  { Name: 'Sales of Product Income', AccountType: 'Income', AccountSubType: 'SalesOfProductIncome' },
  { Name: 'Refunds Given', AccountType: 'Income', AccountSubType: 'DiscountsRefundsGiven' },
  { Name: 'Cost of Goods Sold', AccountType: 'Cost of Goods Sold', AccountSubType: 'SuppliesMaterialsCogs' },
  { Name: 'Accounts Payable (A/P)', AccountType: 'Accounts Payable', AccountSubType: 'AccountsPayable' },
  { Name: 'Bank Charges & Fees', AccountType: 'Expense', AccountSubType: 'BankCharges' },
  { Name: 'Opening Balance Equity', AccountType: 'Equity', AccountSubType: 'OpeningBalanceEquity' },
];

export interface CompanyOptions {
  /** How the company charges sales tax; 'off' unless asked. */
  readonly salesTax?: SalesTaxMode;
}

/** A new company: its CompanyInfo and Preferences (Id "1", as QBO numbers them), the default accounts and its sales tax. */
export function createCompany(realmId: string, companyName: string, now: number, options: CompanyOptions = {}): RealmStore {
  const store = new RealmStore(realmId, companyName, now);
  store.insert('CompanyInfo', { Country: 'US', CompanyStartDate: new Date(now).toISOString().slice(0, 10) }, now, '1');
  for (const account of DEFAULT_ACCOUNTS) createEntity(store, 'Account', account, { now });
  const taxPrefs = setUpSalesTax(store, options.salesTax ?? 'off', now, (account) => createEntity(store, 'Account', account, { now }).id);
  store.insert('Preferences', defaultPreferences(companyName, taxPrefs), now, '1');
  return store;
}
