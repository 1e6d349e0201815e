import type { QboDepositFields, QboDepositPaymentLine, QboRecordOf, QboTaxCodeFields } from '../../domain/qbo/qbo-records';
import { refFrom } from './qbo-customer.mapper';
import { arrayAt, compact, isObject, numberAt, objectAt, refAt, requiredTextAt, textAt, toRef, type QboJson } from './qbo-json';
import { amountToCents, centsToAmount } from './qbo-money';

/**
 * A processor payout as a QBO bank deposit (Intuit API reference, Deposit): one line per payment, linked to the QBO
 * Payment (TxnType Payment, TxnLineId "0": "Required for Deposit and Bill entities"), which takes it out of
 * Undeposited Funds; the fee is a negative DepositLineDetail line to the fee account. QBO replaces all lines at once,
 * so the lines go together whenever one of them changes (the fee account with them).
 */
export const depositJson = (fields: Partial<QboDepositFields>): Record<string, unknown> => {
  const linesGiven = fields.payments !== undefined || fields.feeCents !== undefined;
  if (linesGiven && (fields.payments === undefined || fields.feeCents === undefined)) {
    throw new Error('A deposit\'s payment lines and its fee are sent together: QBO replaces every line at once.');
  }
  if (linesGiven && (fields.feeCents ?? 0) !== 0 && fields.feeAccountId === undefined) {
    throw new Error('A deposit with a fee needs the fee account it is posted to.');
  }
  return compact({
    DepositToAccountRef: fields.depositAccountId === undefined ? undefined : toRef(fields.depositAccountId),
    TxnDate: fields.txnDate,
    PrivateNote: fields.privateNote,
    Line: linesGiven
      ? [
          ...(fields.payments ?? []).map((line) => ({
            Amount: centsToAmount(line.amountCents),
            LinkedTxn: [{ TxnId: line.paymentId, TxnType: 'Payment', TxnLineId: '0' }],
          })),
          ...((fields.feeCents ?? 0) === 0
            ? []
            : [
                {
                  Amount: centsToAmount(-(fields.feeCents ?? 0)),
                  DetailType: 'DepositLineDetail',
                  DepositLineDetail: { AccountRef: toRef(fields.feeAccountId as string) },
                },
              ]),
        ]
      : undefined,
  });
};

export const depositFrom = (json: QboJson): QboRecordOf<'Deposit'> => {
  const payments: QboDepositPaymentLine[] = [];
  let feeCents = 0;
  let feeAccountId: string | undefined;
  for (const line of arrayAt(json, 'Line').filter(isObject)) {
    const linked = arrayAt(line, 'LinkedTxn').filter(isObject).find((txn) => textAt(txn, 'TxnType') === 'Payment');
    const amountCents = amountToCents(numberAt(line, 'Amount') ?? 0);
    if (linked) {
      payments.push({ paymentId: textAt(linked, 'TxnId') ?? '', amountCents });
      continue;
    }
    const detail = objectAt(line, 'DepositLineDetail');
    feeCents -= amountCents;
    feeAccountId = (detail === null ? null : refAt(detail, 'AccountRef')) ?? feeAccountId;
  }
  return {
    entity: 'Deposit',
    ref: refFrom(json, 'Deposit'),
    fields: {
      txnDate: textAt(json, 'TxnDate') ?? '',
      payments,
      feeCents,
      privateNote: textAt(json, 'PrivateNote') ?? '',
      ...(refAt(json, 'DepositToAccountRef') ? { depositAccountId: refAt(json, 'DepositToAccountRef') as string } : {}),
      ...(feeAccountId ? { feeAccountId } : {}),
    },
    totalCents: amountToCents(numberAt(json, 'TotalAmt') ?? 0),
  };
};

/** TaxCode as QBO lists it (Name, Active, TaxGroup); only read, for the admin's choice. */
export const taxCodeFrom = (json: QboJson): QboRecordOf<'TaxCode'> => {
  const fields: QboTaxCodeFields = {
    name: requiredTextAt(json, 'Name', 'TaxCode'),
    active: json['Active'] !== false,
    taxGroup: json['TaxGroup'] === true,
  };
  return { entity: 'TaxCode', ref: { id: requiredTextAt(json, 'Id', 'TaxCode'), syncToken: textAt(json, 'SyncToken') ?? '0' }, fields };
};
