import type { Body, StoredRecord } from '../emulated-entity';
import type { RealmStore } from '../realm-store';
import { taxLiabilityOf } from '../tax/transaction-tax';
import { receivableAccount } from './chart';
import type { Posting } from './ledger';

const refId = (ref: unknown): string | undefined => (ref as Body | undefined)?.value as string | undefined;
const cents = (value: unknown): number => (typeof value === 'number' ? value : 0);

export const debit = (accountId: string, amount: number, customerId?: string): Posting => ({ accountId, cents: amount, customerId });
export const credit = (accountId: string, amount: number, customerId?: string): Posting => ({ accountId, cents: -amount, customerId });

/** The customer a transaction belongs to, by its CustomerRef. */
export const customerOf = (record: StoredRecord): string => refId(record.body.CustomerRef) as string;
export const totalOf = (record: StoredRecord): number => cents(record.body.TotalAmt);

/**
 * The income side of sales lines: each item line moves the income account its item had when the line was written
 * (the line's ItemAccountRef), credited for a sale (+1) and debited for a credit memo or refund (-1).
 */
export function salesLinePostings(record: StoredRecord, sale: 1 | -1): Posting[] {
  const postings: Posting[] = [];
  for (const line of (record.body.Line as Body[] | undefined) ?? []) {
    if (line.DetailType !== 'SalesItemLineDetail') continue;
    const account = refId((line.SalesItemLineDetail as Body).ItemAccountRef);
    if (account !== undefined) postings.push({ accountId: account, cents: -sale * cents(line.Amount) });
  }
  return postings;
}

/** Sales tax charged (+1) or given back (-1): owed to each rate's agency in its liability account. */
export function taxPostings(store: RealmStore, record: StoredRecord, sale: 1 | -1): Posting[] {
  const postings: Posting[] = [];
  for (const line of ((record.body.TxnTaxDetail as Body | undefined)?.TaxLine as Body[] | undefined) ?? []) {
    const rateId = refId((line.TaxLineDetail as Body).TaxRateRef) as string;
    const account = taxLiabilityOf(store, rateId);
    if (account === undefined) throw new Error(`Emulator bug: tax rate ${rateId} has no liability account`);
    postings.push({ accountId: account, cents: -sale * cents(line.Amount) });
  }
  return postings;
}

/** Postings of a sales document charged to (+1) or credited to (-1) the customer's receivable. */
export function receivablePostings(store: RealmStore, record: StoredRecord, sale: 1 | -1): Posting[] {
  const receivable = receivableAccount(store).id;
  return [{ accountId: receivable, cents: sale * totalOf(record), customerId: customerOf(record) }, ...salesLinePostings(record, sale), ...taxPostings(store, record, sale)];
}

export const nonZero = (postings: readonly Posting[]): Posting[] => postings.filter((posting) => posting.cents !== 0);
