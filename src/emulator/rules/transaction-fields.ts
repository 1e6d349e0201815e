import { isReceivable } from '../books/chart';
import type { Body, EmulatedEntity, StoredRecord } from '../emulated-entity';
import { businessValidation, closedPeriod, duplicateDocNumber, requiredParam } from '../qbo-fault';
import { docNumberKey, type RealmStore } from '../realm-store';
import { DEPOSIT_ACCOUNT_TYPES } from './account.rules';
import { reindexName, type WriteContext } from './entity-rules';
import { companyDate } from '../qbo-time';
import { readDate, readString, refTo, resolveRef } from './field-checks';

/** DocNumber: up to 21 characters, unique per transaction type unless allowed, numbered by QBO when absent. */
export function prepareDocNumber(entity: EmulatedEntity, body: Body, context: WriteContext): string {
  const given = readString(body, 'DocNumber', { max: 21 });
  if (given === undefined) return (context.previous?.body.DocNumber as string | undefined) ?? context.store.takeDocNumber(entity);
  const holder = context.store.docNumbers.get(docNumberKey(entity, given));
  if (holder && holder !== context.previous && !context.allowDuplicateDocNumber) throw duplicateDocNumber(given, entity, holder.id);
  return given;
}

export function reindexDocNumber(store: RealmStore, entity: EmulatedEntity, before: StoredRecord | undefined, after: StoredRecord | undefined): void {
  const keyOf = (record: StoredRecord): string | undefined =>
    typeof record.body.DocNumber === 'string' ? docNumberKey(entity, record.body.DocNumber) : undefined;
  // With allowduplicatedocnum several hold one number; the index keeps the latest, which is enough to refuse the next.
  reindexName(store.docNumbers, keyOf, before, after);
}

/** The common header of a transaction: customer, date, private note. */
export function prepareHeader(body: Body, context: WriteContext, customerRequired: boolean): Body {
  const customer = resolveRef(context.store, body, 'CustomerRef', ['Customer'], customerRequired);
  readString(body, 'PrivateNote', { max: 4000 });
  readDate(body, 'DueDate');
  const previousDate = context.previous?.body.TxnDate as string | undefined;
  const txnDate = readDate(body, 'TxnDate') ?? previousDate ?? companyDate(context.now, context.store.timeZone);
  refuseClosedPeriod(context.store, txnDate, previousDate);
  return { ...body, ...(customer ? { CustomerRef: refTo(customer.id, customer.body.DisplayName) } : {}), TxnDate: txnDate };
}

/** A closed period protects both the date a transaction would get and the date it had (moving it out is a change too). */
export function refuseClosedPeriod(store: RealmStore, ...dates: readonly (string | undefined)[]): void {
  const closed = store.closedThrough;
  if (closed !== null && dates.some((date) => date !== undefined && date <= closed)) throw closedPeriod(closed);
}

/** The account money goes to or comes from: Bank or Other Current Asset; `fallbackSubType` when none is given. */
export function prepareDepositAccount(store: RealmStore, body: Body, fallbackSubType: string | undefined): Body | undefined {
  let account = resolveRef(store, body, 'DepositToAccountRef', ['Account'], fallbackSubType === undefined);
  if (!account && fallbackSubType) {
    account = [...store.table('Account').values()].find((candidate) => candidate.body.AccountSubType === fallbackSubType && candidate.body.Active !== false);
    if (!account) throw requiredParam('DepositToAccountRef');
  }
  if (!account) return undefined;
  if (!DEPOSIT_ACCOUNT_TYPES.has(String(account.body.AccountType))) {
    // Code unverified: QBO refuses other account types as a business validation error.
    throw businessValidation('DepositToAccountRef must be a Bank or Other Current Asset account', 'DepositToAccountRef');
  }
  return refTo(account.id, account.body.Name);
}

/** QBO marks a voided transaction in its memo. */
export const voidedNote = (note: unknown): string => (typeof note === 'string' && note !== '' ? `Voided - ${note}` : 'Voided');

/** A payment changed what it applies to this transaction: QBO recomputes its balance and raises its SyncToken. */
export function touchTarget(store: RealmStore, target: StoredRecord, now: number): void {
  const open = linkableAmount(store, target) - store.appliedTo(target.id);
  if (target.entity === 'Invoice') target.body.Balance = open;
  if (target.entity === 'CreditMemo') {
    target.body.RemainingCredit = open;
    target.body.Balance = open;
  }
  target.syncToken += 1;
  target.updatedAt = now;
}

/** Applied cents still open on a target, counting back what `paymentId` already applies to it (for updates). */
export function openAmount(store: RealmStore, target: StoredRecord, paymentId: string | undefined): number {
  const mine = paymentId ? (store.applications.get(target.id)?.get(paymentId) ?? 0) : 0;
  return linkableAmount(store, target) - store.appliedTo(target.id) + mine;
}

/** What payments can apply to: an invoice's or credit memo's total, or the part of an expense charged to A/R. */
export function linkableAmount(store: RealmStore, target: StoredRecord): number {
  if (target.entity !== 'Purchase') return target.body.TotalAmt as number;
  let cents = 0;
  for (const line of (target.body.Line as Body[] | undefined) ?? []) {
    const accountId = ((line.AccountBasedExpenseLineDetail as Body | undefined)?.AccountRef as Body | undefined)?.value as string | undefined;
    if (accountId !== undefined && isReceivable(store.get('Account', accountId))) cents += line.Amount as number;
  }
  return cents;
}
