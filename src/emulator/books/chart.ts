import type { StoredRecord } from '../emulated-entity';
import { businessValidation } from '../qbo-fault';
import type { RealmStore } from '../realm-store';

/** Classifications whose accounts carry a balance (QBO: CurrentBalance is "Valid for Balance Sheet accounts"). */
export const BALANCE_SHEET = new Set(['Asset', 'Liability', 'Equity']);

/** Assets and expenses grow with debits; liabilities, equity and revenue with credits. */
export const isDebitNormal = (classification: unknown): boolean => classification === 'Asset' || classification === 'Expense';

function firstActive(store: RealmStore, matches: (account: StoredRecord) => boolean): StoredRecord | undefined {
  for (const account of store.table('Account').values()) if (account.body.Active !== false && matches(account)) return account;
  return undefined;
}

/** The company's Accounts Receivable account, where invoices, payments and credits meet per customer. */
export function receivableAccount(store: RealmStore): StoredRecord {
  const account = firstActive(store, (candidate) => candidate.body.AccountType === 'Accounts Receivable');
  if (!account) throw businessValidation('This company has no Accounts Receivable account. Add one in the chart of accounts.');
  return account;
}

export const isReceivable = (account: StoredRecord | undefined): boolean => account?.body.AccountType === 'Accounts Receivable';
