import type { Body, StoredRecord } from '../emulated-entity';
import { businessValidation, invalidEnumeration, invalidReference, objectNotFound, requiredParam, validationFault } from '../qbo-fault';
import type { RealmStore } from '../realm-store';
import type { EntityRules, WriteContext } from './entity-rules';
import { readString } from './field-checks';
import { openAmount, prepareDepositAccount, prepareHeader, touchTarget, voidedNote } from './transaction-fields';

const LINKABLE = new Set(['Invoice', 'CreditMemo']);

interface PreparedLinks {
  readonly lines: Body[];
  /** target id → cents this payment applies to it. */
  readonly applied: Map<string, number>;
  readonly appliedCents: number;
}

function target(store: RealmStore, link: Body, customerId: string): StoredRecord {
  const txnType = readString(link, 'TxnType', { required: true, max: 30 }, 'Line.LinkedTxn.TxnType') as string;
  if (!LINKABLE.has(txnType)) throw invalidEnumeration('Line.LinkedTxn.TxnType', txnType);
  const txnId = link.TxnId;
  if (txnId === undefined || txnId === null || txnId === '') throw requiredParam('Line.LinkedTxn.TxnId');
  const record = store.get(txnType as 'Invoice' | 'CreditMemo', String(txnId));
  if (!record) throw invalidReference('Line.LinkedTxn.TxnId');
  if (record.deleted) throw objectNotFound('Line.LinkedTxn.TxnId');
  if ((record.body.CustomerRef as Body).value !== customerId) {
    throw businessValidation(`${txnType} ${record.id} belongs to another customer`, 'Line.LinkedTxn');
  }
  return record;
}

/** Lines that link the payment to invoices (money in) and credit memos (credit used). */
function prepareLinks(store: RealmStore, body: Body, customerId: string, paymentId: string | undefined): PreparedLinks {
  const input = body.Line ?? [];
  if (!Array.isArray(input)) throw validationFault('2010', 'Request has invalid or unsupported property', 'Line must be a list', 'Line');
  const applied = new Map<string, number>();
  const lines: Body[] = [];
  let appliedCents = 0;
  for (const raw of input as Body[]) {
    const amount = raw?.Amount;
    if (typeof amount !== 'number') throw requiredParam('Line.Amount');
    if (amount <= 0) throw businessValidation('A payment line amount must be more than zero', 'Line.Amount');
    const links = raw.LinkedTxn;
    if (!Array.isArray(links) || links.length !== 1) throw requiredParam('Line.LinkedTxn');
    const linked = target(store, links[0] as Body, customerId);
    const total = (applied.get(linked.id) ?? 0) + amount;
    if (total > openAmount(store, linked, paymentId)) {
      throw businessValidation(`The amount applied to ${linked.entity} ${linked.id} is more than its open balance`, 'Line.Amount');
    }
    applied.set(linked.id, total);
    appliedCents += linked.entity === 'Invoice' ? amount : -amount;
    lines.push({ Amount: amount, LinkedTxn: [{ TxnId: linked.id, TxnType: linked.entity }] });
  }
  return { lines, applied, appliedCents };
}

function prepare(input: Body, context: WriteContext): Body {
  const body = prepareHeader(input, context, true);
  const customerId = (body.CustomerRef as Body).value as string;
  const total = body.TotalAmt;
  if (total === undefined || total === null) throw requiredParam('TotalAmt');
  if (typeof total !== 'number' || total < 0) throw businessValidation('TotalAmt cannot be negative', 'TotalAmt');
  readString(body, 'PaymentRefNum', { max: 21 });
  const { lines, appliedCents } = prepareLinks(context.store, body, customerId, context.previous?.id);
  if (appliedCents > total) throw businessValidation('The amount applied to transactions is more than the payment total', 'TotalAmt');
  return {
    ...body,
    Line: lines,
    // No DepositToAccountRef: QBO puts the money in Undeposited Funds.
    DepositToAccountRef: prepareDepositAccount(context.store, body, 'UndepositedFunds'),
    UnappliedAmt: total - appliedCents,
  };
}

/** The applications a stored payment makes, read back from its lines. */
function applicationsOf(record: StoredRecord | undefined): Map<string, number> {
  const applied = new Map<string, number>();
  if (!record || record.deleted) return applied;
  for (const line of (record.body.Line as Body[] | undefined) ?? []) {
    const id = ((line.LinkedTxn as Body[])[0] as Body).TxnId as string;
    applied.set(id, (applied.get(id) ?? 0) + (line.Amount as number));
  }
  return applied;
}

/** Moves the payment's applications from its old lines to its new ones; every target whose share changed is touched. */
function commit(store: RealmStore, before: StoredRecord | undefined, after: StoredRecord | undefined, now: number): void {
  const paymentId = (before ?? after)?.id as string;
  const old = applicationsOf(before);
  const next = applicationsOf(after);
  for (const targetId of new Set([...old.keys(), ...next.keys()])) {
    const cents = next.get(targetId);
    if (old.get(targetId) === cents) continue;
    let byPayment = store.applications.get(targetId);
    if (!byPayment) store.applications.set(targetId, (byPayment = new Map()));
    if (cents === undefined) byPayment.delete(paymentId);
    else byPayment.set(paymentId, cents);
    if (byPayment.size === 0) store.applications.delete(targetId);
    const linked = store.get('Invoice', targetId) ?? store.get('CreditMemo', targetId);
    if (linked) touchTarget(store, linked, now);
  }
}

export const PAYMENT_RULES: EntityRules = {
  entity: 'Payment',
  writable: new Set([
    'CustomerRef', 'TotalAmt', 'TxnDate', 'Line', 'DepositToAccountRef', 'PaymentMethodRef', 'PaymentRefNum', 'PrivateNote', 'CurrencyRef',
    'ARAccountRef', 'ProcessPayment', 'CreditCardPayment', 'TxnSource', 'ExchangeRate',
  ]),
  computed: new Set(['UnappliedAmt', 'HomeTotalAmt']),
  creatable: true,
  deletable: true,
  prepare,
  commit,
  voided(record) {
    return { ...record.body, Line: [], TotalAmt: 0, UnappliedAmt: 0, PrivateNote: voidedNote(record.body.PrivateNote) };
  },
  present(_store, _record, wire) {
    wire.CurrencyRef ??= { value: 'USD', name: 'United States Dollar' };
    wire.ProcessPayment ??= false;
  },
};
