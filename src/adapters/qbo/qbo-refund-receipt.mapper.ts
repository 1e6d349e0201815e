import type { QboRecordOf, QboRefundReceiptFields } from '../../domain/qbo/qbo-records';
import { refFrom } from './qbo-customer.mapper';
import { arrayAt, compact, isObject, numberAt, objectAt, refAt, requiredRefAt, textAt, toRef, type QboJson } from './qbo-json';
import { amountToCents, centsToAmount } from './qbo-money';

/** One line on the refund item for the whole amount; the money leaves from the deposit account. */
export const refundReceiptJson = (fields: Partial<QboRefundReceiptFields>): Record<string, unknown> => {
  const lineNeeded = fields.refundItemId !== undefined || fields.amountCents !== undefined;
  if (lineNeeded && (fields.refundItemId === undefined || fields.amountCents === undefined)) {
    throw new Error('A refund receipt line needs both the refund item and the amount.');
  }
  return compact({
    CustomerRef: fields.customerId === undefined ? undefined : toRef(fields.customerId),
    TxnDate: fields.txnDate,
    DepositToAccountRef: fields.depositAccountId === undefined ? undefined : toRef(fields.depositAccountId),
    PrivateNote: fields.privateNote,
    Line: lineNeeded
      ? [
          {
            DetailType: 'SalesItemLineDetail',
            Amount: centsToAmount(fields.amountCents ?? 0),
            SalesItemLineDetail: {
              ItemRef: toRef(fields.refundItemId ?? ''),
              Qty: 1,
              UnitPrice: centsToAmount(fields.amountCents ?? 0),
            },
          },
        ]
      : undefined,
  });
};

const refundItemId = (json: QboJson): string => {
  const line = arrayAt(json, 'Line')
    .filter(isObject)
    .find((candidate) => textAt(candidate, 'DetailType') === 'SalesItemLineDetail');
  const detail = line ? objectAt(line, 'SalesItemLineDetail') : null;
  return (detail && refAt(detail, 'ItemRef')) ?? '';
};

export const refundReceiptFrom = (json: QboJson): QboRecordOf<'RefundReceipt'> => ({
  entity: 'RefundReceipt',
  ref: refFrom(json, 'RefundReceipt'),
  fields: {
    customerId: requiredRefAt(json, 'CustomerRef', 'RefundReceipt'),
    txnDate: textAt(json, 'TxnDate') ?? '',
    depositAccountId: refAt(json, 'DepositToAccountRef') ?? '',
    refundItemId: refundItemId(json),
    amountCents: amountToCents(numberAt(json, 'TotalAmt') ?? 0),
    privateNote: textAt(json, 'PrivateNote') ?? '',
  },
});
