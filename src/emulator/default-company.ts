import { defaultPreferences } from './default-preferences';
import { companyDate, DEFAULT_TIME_ZONE } from './qbo-time';
import { createEntity } from './entity-writer';
import { RealmStore } from './realm-store';
import type { SalesTaxMode } from './tax/sales-tax-mode';
import { setUpSalesTax } from './tax/tax-setup';
import { STANDARD_TERMS } from './rules/term.rules';

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
  /** IANA time zone of the company (America/Los_Angeles unless asked). */
  readonly timeZone?: string;
  /** ISO 4217 home currency (USD unless asked), as Preferences.CurrencyPrefs.HomeCurrency. */
  readonly homeCurrency?: string;
}

/** A new company: its CompanyInfo and Preferences (Id "1", as QBO numbers them), the default accounts and its sales tax. */
export function createCompany(realmId: string, companyName: string, now: number, options: CompanyOptions = {}): RealmStore {
  const store = new RealmStore(realmId, companyName, now);
  store.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  store.insert('CompanyInfo', { Country: 'US', CompanyStartDate: companyDate(now, store.timeZone) }, now, '1');
  for (const account of DEFAULT_ACCOUNTS) createEntity(store, 'Account', account, { now });
  for (const term of STANDARD_TERMS) store.insert('Term', term, now);
  const taxPrefs = setUpSalesTax(store, options.salesTax ?? 'off', now, (account) => createEntity(store, 'Account', account, { now }).id);
  store.insert('Preferences', defaultPreferences(companyName, taxPrefs, options.homeCurrency ?? 'USD'), now, '1');
  return store;
}
