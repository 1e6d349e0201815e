import type { QboPurchaseFields, QboRecordOf } from '../../domain/qbo/qbo-records';
import { refFrom } from './qbo-customer.mapper';
import { arrayAt, compact, isObject, numberAt, objectAt, refAt, textAt, toRef, type QboJson } from './qbo-json';
import { amountToCents, centsToAmount } from './qbo-money';

/**
 * A credit refund as QBO documents it: an Expense (`PaymentType` Cash) paid to the customer (`EntityRef` type
 * Customer) from the deposit account, one account-based line on Accounts Receivable. The line needs both the
 * amount and the A/R account, so both are sent whenever either is.
 */
export const purchaseJson = (fields: Partial<QboPurchaseFields>): Record<string, unknown> => {
  const lineNeeded = fields.amountCents !== undefined || fields.receivableAccountId !== undefined;
  if (lineNeeded && (fields.amountCents === undefined || fields.receivableAccountId === undefined)) {
    throw new Error('A refund expense line needs both the amount and the Accounts Receivable account.');
  }
  return compact({
    PaymentType: fields.paidFromAccountId === undefined ? undefined : 'Cash',
    AccountRef: fields.paidFromAccountId === undefined ? undefined : toRef(fields.paidFromAccountId),
    EntityRef: fields.customerId === undefined ? undefined : { value: fields.customerId, type: 'Customer' },
    TxnDate: fields.txnDate,
    PrivateNote: fields.privateNote,
    Line: lineNeeded
      ? [
          {
            DetailType: 'AccountBasedExpenseLineDetail',
            Amount: centsToAmount(fields.amountCents ?? 0),
            AccountBasedExpenseLineDetail: { AccountRef: toRef(fields.receivableAccountId ?? '') },
          },
        ]
      : undefined,
  });
};

const receivableAccountId = (json: QboJson): string => {
  const line = arrayAt(json, 'Line').filter(isObject).find((candidate) => textAt(candidate, 'DetailType') === 'AccountBasedExpenseLineDetail');
  const detail = line ? objectAt(line, 'AccountBasedExpenseLineDetail') : null;
  return (detail && refAt(detail, 'AccountRef')) ?? '';
};

export const purchaseFrom = (json: QboJson): QboRecordOf<'Purchase'> => ({
  entity: 'Purchase',
  ref: refFrom(json, 'Purchase'),
  fields: {
    customerId: refAt(json, 'EntityRef') ?? '',
    txnDate: textAt(json, 'TxnDate') ?? '',
    paidFromAccountId: refAt(json, 'AccountRef') ?? '',
    receivableAccountId: receivableAccountId(json),
    amountCents: amountToCents(numberAt(json, 'TotalAmt') ?? 0),
    privateNote: textAt(json, 'PrivateNote') ?? '',
  },
});
