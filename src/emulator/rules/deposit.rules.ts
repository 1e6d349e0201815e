import { credit, debit, nonZero, totalOf } from '../books/transaction-postings';
import type { Posting } from '../books/ledger';
import type { Body, StoredRecord } from '../emulated-entity';
import { businessValidation, invalidEnumeration, invalidReference, objectNotFound, requiredParam, validationFault } from '../qbo-fault';
import type { RealmStore } from '../realm-store';
import type { EntityRules, WriteContext } from './entity-rules';
import { readString, refTo, resolveRef } from './field-checks';
import { prepareHeader } from './transaction-fields';

// Intuit, Deposit: DepositToAccountRef "where Account.AccountType is Other Current Asset or Bank"; a DepositLineDetail
// AccountRef is "Income, Other Income, Expense, Other Expense, Other Current Assets, Equity or COGS".
const DEPOSIT_TO_TYPES = new Set(['Bank', 'Other Current Asset']);
const LINE_ACCOUNT_TYPES = new Set(['Income', 'Other Income', 'Expense', 'Other Expense', 'Other Current Asset', 'Equity', 'Cost of Goods Sold']);

const idOf = (ref: unknown): string => (ref as Body).value as string;

/**
 * A line that deposits a payment. Intuit: "A customer payment, originally held in the Undeposited Funds account"; the
 * LinkedTxn's TxnLineId is "Required for Deposit and Bill entities". A payment is deposited whole and once (choice:
 * QBO's deposit screen offers whole payments; the stricter reading).
 */
function linkedPaymentLine(store: RealmStore, raw: Body, depositId: string | undefined): Body {
  const link = (raw.LinkedTxn as Body[])[0] as Body;
  if ((raw.LinkedTxn as Body[]).length !== 1) throw validationFault('2010', 'Request has invalid or unsupported property', 'A deposit line links exactly one transaction', 'Line.LinkedTxn');
  const txnType = readString(link, 'TxnType', { required: true, max: 30 }, 'Line.LinkedTxn.TxnType') as string;
  if (txnType !== 'Payment') throw invalidEnumeration('Line.LinkedTxn.TxnType', txnType);
  if (link.TxnLineId === undefined || link.TxnLineId === null || link.TxnLineId === '') throw requiredParam('Line.LinkedTxn.TxnLineId');
  const payment = store.get('Payment', String(link.TxnId ?? ''));
  if (!payment) throw invalidReference('Line.LinkedTxn.TxnId');
  if (payment.deleted) throw objectNotFound('Line.LinkedTxn.TxnId');
  const account = store.get('Account', idOf(payment.body.DepositToAccountRef));
  if (account?.body.AccountSubType !== 'UndepositedFunds') {
    throw businessValidation(`Payment ${payment.id} went straight to ${String(account?.body.Name)}, not to Undeposited Funds, so it cannot be deposited`, 'Line.LinkedTxn');
  }
  const holder = store.depositOfPayment.get(payment.id);
  if (holder !== undefined && holder !== depositId) throw businessValidation(`Payment ${payment.id} is already in deposit ${holder}`, 'Line.LinkedTxn');
  if (raw.Amount !== payment.body.TotalAmt) throw businessValidation(`A deposit takes payment ${payment.id} whole: its amount is ${(payment.body.TotalAmt as number) / 100}`, 'Line.Amount');
  return { Amount: raw.Amount, LinkedTxn: [{ TxnId: payment.id, TxnType: 'Payment', TxnLineId: String(link.TxnLineId) }] };
}

/** A line that deposits money from an account directly, or (negative) takes a fee out to an expense account. */
function accountLine(store: RealmStore, raw: Body): Body {
  const detailType = readString(raw, 'DetailType', { required: true, max: 50 }, 'Line.DetailType') as string;
  if (detailType !== 'DepositLineDetail') throw invalidEnumeration('Line.DetailType', detailType);
  const detail = raw.DepositLineDetail;
  if (detail === null || typeof detail !== 'object') throw requiredParam('Line.DepositLineDetail');
  const account = resolveRef(store, detail as Body, 'AccountRef', ['Account'], true, 'Line.DepositLineDetail.AccountRef') as StoredRecord;
  if (!LINE_ACCOUNT_TYPES.has(String(account.body.AccountType))) {
    throw businessValidation(`A deposit line cannot post to the ${String(account.body.AccountType)} account ${String(account.body.Name)}`, 'Line.DepositLineDetail.AccountRef');
  }
  const entity = resolveRef(store, detail as Body, 'Entity', ['Customer', 'Vendor', 'Employee'], false, 'Line.DepositLineDetail.Entity');
  readString(raw, 'Description', { max: 4000 }, 'Line.Description');
  return { ...raw, DepositLineDetail: { ...(detail as Body), AccountRef: refTo(account.id, account.body.Name), ...(entity ? { Entity: refTo(entity.id, entity.body.DisplayName) } : {}) } };
}

function prepare(input: Body, context: WriteContext): Body {
  const body = prepareHeader(input, context, false);
  const target = resolveRef(context.store, body, 'DepositToAccountRef', ['Account'], true) as StoredRecord;
  if (!DEPOSIT_TO_TYPES.has(String(target.body.AccountType)) || target.body.AccountSubType === 'UndepositedFunds') {
    throw businessValidation('A deposit goes into a Bank or Other Current Asset account other than Undeposited Funds', 'DepositToAccountRef');
  }
  if (!Array.isArray(body.Line) || body.Line.length === 0) throw requiredParam('Line');
  const seen = new Set<string>();
  const lines: Body[] = [];
  let total = 0;
  for (const raw of body.Line as Body[]) {
    if (raw === null || typeof raw !== 'object') throw validationFault('2010', 'Request has invalid or unsupported property', 'Each Line must be an object', 'Line');
    if (typeof raw.Amount !== 'number') throw requiredParam('Line.Amount');
    const line = Array.isArray(raw.LinkedTxn) && raw.LinkedTxn.length > 0 ? linkedPaymentLine(context.store, raw, context.previous?.id) : accountLine(context.store, raw);
    const paymentId = ((line.LinkedTxn as Body[] | undefined)?.[0] as Body | undefined)?.TxnId as string | undefined;
    if (paymentId !== undefined && seen.has(paymentId)) throw businessValidation(`Payment ${paymentId} is on the deposit twice`, 'Line.LinkedTxn');
    if (paymentId !== undefined) seen.add(paymentId);
    lines.push({ ...line, Id: String(lines.length + 1), LineNum: lines.length + 1 });
    total += line.Amount as number;
  }
  if (total < 0) throw businessValidation('A deposit total cannot be negative', 'Line.Amount');
  return { ...body, DepositToAccountRef: refTo(target.id, target.body.Name), Line: lines, TotalAmt: total };
}

const depositedPayments = (record: StoredRecord | undefined): string[] =>
  record ? ((record.body.Line as Body[]) ?? []).flatMap((line) => ((line.LinkedTxn as Body[] | undefined) ?? []).map((link) => link.TxnId as string)) : [];

/** The bank debited with the total; each payment leaves the account it waited in, each other line credits its account. */
function postings(store: RealmStore, record: StoredRecord): Posting[] {
  const out: Posting[] = [debit(idOf(record.body.DepositToAccountRef), totalOf(record))];
  for (const line of record.body.Line as Body[]) {
    const link = (line.LinkedTxn as Body[] | undefined)?.[0];
    const account = link ? idOf(store.get('Payment', link.TxnId as string)?.body.DepositToAccountRef) : idOf((line.DepositLineDetail as Body).AccountRef);
    out.push(credit(account, line.Amount as number));
  }
  return nonZero(out);
}

export const DEPOSIT_RULES: EntityRules = {
  entity: 'Deposit',
  writable: new Set(['DepositToAccountRef', 'Line', 'TxnDate', 'PrivateNote', 'DocNumber', 'CurrencyRef', 'ExchangeRate', 'DepartmentRef', 'TxnSource', 'GlobalTaxCalculation', 'CashBack']),
  computed: new Set(['TotalAmt', 'HomeTotalAmt']),
  creatable: true,
  deletable: true,
  prepare,
  postings,
  commit(store, before, after) {
    for (const paymentId of depositedPayments(before)) store.depositOfPayment.delete(paymentId);
    if (after) for (const paymentId of depositedPayments(after)) store.depositOfPayment.set(paymentId, after.id);
  },
};

/** Intuit error 6540: "This transaction has been deposited. If you want to change or delete it, you must first edit the deposit it appears on and remove it." */
export function refuseDepositedChange(store: RealmStore, payment: StoredRecord): void {
  const deposit = store.depositOfPayment.get(payment.id);
  if (deposit === undefined) return;
  throw validationFault('6540', 'Deposited Transaction cannot be changed', `This transaction has been deposited. If you want to change or delete it, you must first edit the deposit it appears on and remove it. (Deposit ${deposit})`);
}
