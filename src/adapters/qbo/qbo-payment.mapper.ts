import type { QboPaymentFields, QboRecordOf } from '../../domain/qbo/qbo-records';
import { refFrom } from './qbo-customer.mapper';
import { arrayAt, compact, isObject, numberAt, refAt, requiredRefAt, textAt, toRef, type QboJson } from './qbo-json';
import { amountToCents, centsToAmount } from './qbo-money';

/**
 * Applied to one invoice: one line linking it for the whole amount. Unapplied (an account credit): no lines,
 * which QBO records as a credit. Lines are all-or-none on update, so they are sent whenever the invoice is given.
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
        : fields.invoiceId === null
          ? []
          : [
              {
                Amount: centsToAmount(fields.totalCents ?? 0),
                LinkedTxn: [{ TxnId: fields.invoiceId, TxnType: 'Invoice' }],
              },
            ],
  });

const linkedInvoiceId = (json: QboJson): string | null => {
  for (const line of arrayAt(json, 'Line').filter(isObject)) {
    const linked = arrayAt(line, 'LinkedTxn').filter(isObject).find((txn) => textAt(txn, 'TxnType') === 'Invoice');
    if (linked) return textAt(linked, 'TxnId');
  }
  return null;
};

export const paymentFrom = (json: QboJson): QboRecordOf<'Payment'> => ({
  entity: 'Payment',
  ref: refFrom(json, 'Payment'),
  fields: {
    customerId: requiredRefAt(json, 'CustomerRef', 'Payment'),
    totalCents: amountToCents(numberAt(json, 'TotalAmt') ?? 0),
    txnDate: textAt(json, 'TxnDate') ?? '',
    // QBO defaults an unspecified deposit account to Undeposited Funds and may not echo it back.
    depositAccountId: refAt(json, 'DepositToAccountRef') ?? '',
    invoiceId: linkedInvoiceId(json),
    paymentRefNum: textAt(json, 'PaymentRefNum') || null,
    privateNote: textAt(json, 'PrivateNote') ?? '',
  },
  unappliedCents: amountToCents(numberAt(json, 'UnappliedAmt') ?? 0),
});
