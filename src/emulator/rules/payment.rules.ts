import { receivableAccount } from '../books/chart';
import { credit, customerOf, debit, nonZero, totalOf } from '../books/transaction-postings';
import type { Body, StoredRecord } from '../emulated-entity';
import { businessValidation, requiredParam } from '../qbo-fault';
import type { RealmStore } from '../realm-store';
import type { EntityRules, WriteContext } from './entity-rules';
import { readString } from './field-checks';
import { refuseDepositedChange } from './deposit.rules';
import { preparePaymentLinks } from './payment-links';
import { prepareDepositAccount, prepareHeader, touchTarget, voidedNote } from './transaction-fields';

function prepare(input: Body, context: WriteContext): Body {
  if (context.previous) refuseDepositedChange(context.store, context.previous);
  const body = prepareHeader(input, context, true);
  const customerId = (body.CustomerRef as Body).value as string;
  const total = body.TotalAmt;
  if (total === undefined || total === null) throw requiredParam('TotalAmt');
  if (typeof total !== 'number' || total < 0) throw businessValidation('TotalAmt cannot be negative', 'TotalAmt');
  readString(body, 'PaymentRefNum', { max: 21 });
  const { lines, appliedCents } = preparePaymentLinks(context.store, body, customerId, context.previous?.id);
  if (appliedCents > total) throw businessValidation('The amount applied to transactions is more than the payment total', 'TotalAmt');
  return {
    ...body,
    Line: lines,
    // No DepositToAccountRef: QBO puts the money in Undeposited Funds.
    DepositToAccountRef: prepareDepositAccount(context.store, body, 'UndepositedFunds'),
    // Intuit: "UnappliedAmt: Indicates the amount that has not been applied to pay amounts owed for sales transactions";
    // an overpayment is one payment whose lines take the invoice's balance and whose rest stays unapplied (a credit).
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

const nameValue = (name: string, value: string): Body => ({
  name: '{http://schema.intuit.com/finance/v3}NameValue',
  nil: false,
  value: { Name: name, Value: value },
  declaredType: 'com.intuit.schema.finance.v3.NameValue',
  scope: 'javax.xml.bind.JAXBElement$GlobalScope',
  globalScope: true,
  typeSubstituted: false,
});

/** Intuit's Payment sample: each line linked to an invoice carries LineEx with txnId, txnOpenBalance, txnReferenceNumber. */
function withLineEx(store: RealmStore, line: Body): Body {
  const link = (line.LinkedTxn as Body[])[0] as Body;
  const target = store.get('Invoice', link.TxnId as string) ?? store.get('CreditMemo', link.TxnId as string);
  if (!target) return line;
  const open = ((target.body.Balance as number) / 100).toFixed(2);
  return { ...line, LineEx: { any: [nameValue('txnId', target.id), nameValue('txnOpenBalance', open), nameValue('txnReferenceNumber', String(target.body.DocNumber ?? ''))] } };
}

const linkedRecord = (store: RealmStore, id: string): StoredRecord | undefined =>
  store.get('Invoice', id) ?? store.get('CreditMemo', id) ?? store.get('Purchase', id);

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
    const linked = linkedRecord(store, targetId);
    if (linked) touchTarget(store, linked, now);
  }
}

export const PAYMENT_RULES: EntityRules = {
  entity: 'Payment',
  writable: new Set([
    'CustomerRef', 'TotalAmt', 'TxnDate', 'Line', 'DepositToAccountRef', 'PaymentMethodRef', 'PaymentRefNum', 'PrivateNote', 'CurrencyRef',
    'ARAccountRef', 'ProcessPayment', 'CreditCardPayment', 'TxnSource', 'ExchangeRate',
  ]),
  computed: new Set(['UnappliedAmt', 'HomeTotalAmt', 'LinkedTxn']),
  creatable: true,
  deletable: true,
  prepare,
  commit,
  checkRemoval: refuseDepositedChange,
  // Money received: the deposit account (Undeposited Funds by default) debited, the customer's receivable credited for
  // the whole amount; what the lines apply only matches it against invoices inside A/R.
  postings: (store, record) => nonZero([debit((record.body.DepositToAccountRef as Body).value as string, totalOf(record)), credit(receivableAccount(store).id, totalOf(record), customerOf(record))]),
  voided(record) {
    return { ...record.body, Line: [], TotalAmt: 0, UnappliedAmt: 0, PrivateNote: voidedNote(record.body.PrivateNote) };
  },
  present(store, record, wire) {
    wire.CurrencyRef ??= { value: 'USD', name: 'United States Dollar' };
    wire.ProcessPayment ??= false;
    wire.Line = (wire.Line as Body[]).map((line) => withLineEx(store, line));
    const deposit = store.depositOfPayment.get(record.id);
    if (deposit !== undefined) wire.LinkedTxn = [{ TxnId: deposit, TxnType: 'Deposit' }];
  },
};
