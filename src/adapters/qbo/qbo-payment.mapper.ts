import type { QboPaymentFields, QboRecordOf, QboRefundLink } from '../../domain/qbo/qbo-records';
import { refFrom } from './qbo-customer.mapper';
import { arrayAt, compact, isObject, numberAt, refAt, requiredRefAt, textAt, toRef, type QboJson } from './qbo-json';
import { amountToCents, centsToAmount } from './qbo-money';

/**
 * Applied to one invoice: one line linking it for the amount applied (the whole amount unless `appliedCents` says
 * less; QBO keeps the rest as `UnappliedAmt`, the customer's credit). Unapplied (an account credit, or nothing left
 * to apply): no invoice line, which QBO records as a credit; the credit's refunds are linked by lines of their own. Lines are all-or-none on update, so they are sent whenever the
 * invoice is given.
 */
export const paymentJson = (fields: Partial<QboPaymentFields>): Record<string, unknown> =>
  compact({
    CustomerRef: fields.customerId === undefined ? undefined : toRef(fields.customerId),
    TotalAmt: fields.totalCents === undefined ? undefined : centsToAmount(fields.totalCents),
    TxnDate: fields.txnDate,
    DepositToAccountRef: fields.depositAccountId === undefined ? undefined : toRef(fields.depositAccountId),
    PaymentRefNum: fields.paymentRefNum === undefined ? undefined : (fields.paymentRefNum ?? ''),
    PrivateNote: fields.privateNote,
    Line:
      fields.invoiceId === undefined
        ? undefined
        : [...invoiceLines(fields.invoiceId, fields.appliedCents ?? fields.totalCents ?? 0), ...refundLines(fields.refundLinks ?? [])],
  });

/** A credit's refund expenses, linked so QBO counts them as using the credit (TxnType "Expense"). */
const refundLines = (links: readonly QboRefundLink[]): Array<Record<string, unknown>> =>
  links.map((link) => ({ Amount: centsToAmount(link.amountCents), LinkedTxn: [{ TxnId: link.purchaseId, TxnType: 'Expense' }] }));

const refundLinksOf = (json: QboJson): QboRefundLink[] =>
  arrayAt(json, 'Line')
    .filter(isObject)
    .flatMap((line) => {
      const linked = arrayAt(line, 'LinkedTxn').filter(isObject).find((txn) => textAt(txn, 'TxnType') === 'Expense');
      const purchaseId = linked ? textAt(linked, 'TxnId') : null;
      return purchaseId ? [{ purchaseId, amountCents: amountToCents(numberAt(line, 'Amount') ?? 0) }] : [];
    });

const invoiceLines = (invoiceId: string | null, appliedCents: number): Array<Record<string, unknown>> =>
  invoiceId === null || appliedCents <= 0 ? [] : [{ Amount: centsToAmount(appliedCents), LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }] }];

const invoiceLine = (json: QboJson): { invoiceId: string | null; appliedCents: number } => {
  for (const line of arrayAt(json, 'Line').filter(isObject)) {
    const linked = arrayAt(line, 'LinkedTxn').filter(isObject).find((txn) => textAt(txn, 'TxnType') === 'Invoice');
    if (linked) return { invoiceId: textAt(linked, 'TxnId'), appliedCents: amountToCents(numberAt(line, 'Amount') ?? 0) };
  }
  return { invoiceId: null, appliedCents: 0 };
};

const paymentFields = (json: QboJson): QboPaymentFields => {
  const totalCents = amountToCents(numberAt(json, 'TotalAmt') ?? 0);
  const { invoiceId, appliedCents } = invoiceLine(json);
  const refundLinks = refundLinksOf(json);
  return {
    customerId: requiredRefAt(json, 'CustomerRef', 'Payment'),
    totalCents,
    txnDate: textAt(json, 'TxnDate') ?? '',
    // QBO defaults an unspecified deposit account to Undeposited Funds and may not echo it back.
    depositAccountId: refAt(json, 'DepositToAccountRef') ?? '',
    invoiceId,
    ...(invoiceId !== null && appliedCents !== totalCents ? { appliedCents } : {}),
    ...(refundLinks.length > 0 ? { refundLinks } : {}),
    paymentRefNum: textAt(json, 'PaymentRefNum') || null,
    privateNote: textAt(json, 'PrivateNote') ?? '',
  };
};

export const paymentFrom = (json: QboJson): QboRecordOf<'Payment'> => ({
  entity: 'Payment',
  ref: refFrom(json, 'Payment'),
  fields: paymentFields(json),
  unappliedCents: amountToCents(numberAt(json, 'UnappliedAmt') ?? 0),
});
