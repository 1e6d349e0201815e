import type { Body, StoredRecord } from '../emulated-entity';
import type { RealmStore } from '../realm-store';
import { BALANCE_SHEET, isDebitNormal } from './chart';
import type { TouchedBalances } from './ledger';

export const parentOf = (record: StoredRecord): string | undefined => ((record.body.ParentRef as Body | undefined)?.value as string | undefined) ?? undefined;

/** The record and every ancestor named by its ParentRef chain (cycles cut). */
function withAncestors(store: RealmStore, entity: 'Account' | 'Customer', id: string): StoredRecord[] {
  const chain: StoredRecord[] = [];
  let current = store.get(entity, id);
  while (current && !chain.includes(current)) {
    chain.push(current);
    const parent = parentOf(current);
    current = parent === undefined ? undefined : store.get(entity, parent);
  }
  return chain;
}

/** A parent's total: its own amount plus its children's totals (sub-accounts and jobs nest under their parent). */
function rollUp(store: RealmStore, entity: 'Account' | 'Customer', record: StoredRecord, own: string, total: string): void {
  let sum = record.body[own] as number;
  for (const childId of store.childrenOf(entity, record.id)) {
    const child = store.get(entity, childId);
    if (child && child !== record) sum += (child.body[total] as number | undefined) ?? 0;
  }
  record.body[total] = sum;
}

/**
 * Writes the ledger's balances into the records a client reads: Account.CurrentBalance (balance sheet accounts only,
 * in the account's own sign, with sub-accounts summed into CurrentBalanceWithSubAccounts) and Customer.Balance and
 * BalanceWithJobs (Intuit: "the current open balance (unpaid amount) for that customer"; "cumulative open balance
 * amount for the Customer (or Job) and all its sub-jobs"). Balances move without raising a SyncToken: they are derived.
 */
export function refreshBalances(store: RealmStore, touched: TouchedBalances): void {
  for (const id of touched.accounts) {
    const chain = withAncestors(store, 'Account', id);
    const [account] = chain;
    if (!account) continue;
    const debit = store.ledger.debitBalance(account.id);
    account.body.CurrentBalance = BALANCE_SHEET.has(String(account.body.Classification)) ? (isDebitNormal(account.body.Classification) ? debit : 0 - debit) : 0;
    for (const record of chain) rollUp(store, 'Account', record, 'CurrentBalance', 'CurrentBalanceWithSubAccounts');
  }
  for (const id of touched.customers) {
    const chain = withAncestors(store, 'Customer', id);
    const [customer] = chain;
    if (!customer) continue;
    customer.body.Balance = store.ledger.receivable(customer.id);
    for (const record of chain) rollUp(store, 'Customer', record, 'Balance', 'BalanceWithJobs');
  }
}
