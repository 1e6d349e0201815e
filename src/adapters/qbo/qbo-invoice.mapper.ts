import type { QboInvoiceFields, QboInvoiceLine, QboRecordOf } from '../../domain/qbo/qbo-records';
import { refFrom } from './qbo-customer.mapper';
import { arrayAt, compact, isObject, numberAt, objectAt, refAt, requiredRefAt, textAt, toRef, type QboJson } from './qbo-json';
import { amountToCents, centsToAmount } from './qbo-money';

const lineJson = (line: QboInvoiceLine): Record<string, unknown> =>
  line.itemId === null
    ? { DetailType: 'DescriptionOnly', Description: line.description, DescriptionLineDetail: {} }
    : {
        DetailType: 'SalesItemLineDetail',
        Amount: centsToAmount(line.amountCents),
        Description: line.description,
        SalesItemLineDetail: {
          ItemRef: toRef(line.itemId),
          Qty: line.quantity,
          UnitPrice: centsToAmount(line.unitPriceCents),
          // Every US line says TAX or NON (error 6100): a line sent without one is taxed when its item is taxable.
          TaxCodeRef: toRef(line.taxable ? 'TAX' : 'NON'),
        },
      };

/**
 * The host's tax as billed: TxnTaxCodeRef with TotalTax is the documented override (AST honours the amount instead
 * of computing it from addresses; a manual company takes the code's rates and this total). No tax: TotalTax 0.
 */
const taxJson = (fields: Partial<QboInvoiceFields>): Record<string, unknown> | undefined => {
  if (fields.taxCents === undefined) return undefined;
  if (fields.taxCents === 0) return { TotalTax: 0 };
  if (fields.taxCodeId === undefined) throw new Error('An invoice that charges sales tax is sent with its tax code.');
  return { TxnTaxCodeRef: toRef(fields.taxCodeId), TotalTax: centsToAmount(fields.taxCents) };
};

/** Create and sparse update alike: only the fields present are written; lines, when present, replace all lines. */
export const invoiceJson = (fields: Partial<QboInvoiceFields>): Record<string, unknown> =>
  compact({
    CustomerRef: fields.customerId === undefined ? undefined : toRef(fields.customerId),
    DocNumber: fields.docNumber ?? undefined,
    TxnDate: fields.txnDate,
    DueDate: fields.dueDate ?? undefined,
    PrivateNote: fields.privateNote,
    Line: fields.lines?.map(lineJson),
    TxnTaxDetail: taxJson(fields),
  });

const lineFrom = (json: QboJson): QboInvoiceLine | null => {
  const detailType = textAt(json, 'DetailType');
  if (detailType === 'DescriptionOnly') {
    return { itemId: null, description: textAt(json, 'Description') ?? '', quantity: 0, unitPriceCents: 0, amountCents: 0 };
  }
  if (detailType !== 'SalesItemLineDetail') return null; // QBO adds a SubTotalLine of its own on every read
  const detail = objectAt(json, 'SalesItemLineDetail');
  const qty = numberAt(detail, 'Qty');
  return {
    itemId: detail === null ? null : refAt(detail, 'ItemRef'),
    description: textAt(json, 'Description') ?? '',
    quantity: qty === null ? 1 : Number(qty),
    unitPriceCents: amountToCents(numberAt(detail, 'UnitPrice') ?? 0),
    amountCents: amountToCents(numberAt(json, 'Amount') ?? 0),
    ...(detail !== null && refAt(detail, 'TaxCodeRef') === 'TAX' ? { taxable: true } : {}),
  };
};

const taxFrom = (json: QboJson): Pick<QboInvoiceFields, 'taxCents' | 'taxCodeId'> => {
  const detail = objectAt(json, 'TxnTaxDetail');
  const taxCents = amountToCents(numberAt(detail, 'TotalTax') ?? 0);
  if (detail === null || taxCents === 0) return {};
  const code = refAt(detail, 'TxnTaxCodeRef');
  return { taxCents, ...(code ? { taxCodeId: code } : {}) };
};

/** QBO keeps a voided transaction with zeroed amounts and "Voided" in front of its PrivateNote (qbo-api.md §3). */
export const isVoidedNote = (privateNote: string): boolean => /^voided\b/i.test(privateNote);

export const invoiceFrom = (json: QboJson): QboRecordOf<'Invoice'> => {
  const privateNote = textAt(json, 'PrivateNote') ?? '';
  return {
    entity: 'Invoice',
    ref: refFrom(json, 'Invoice'),
    fields: {
      customerId: requiredRefAt(json, 'CustomerRef', 'Invoice'),
      docNumber: textAt(json, 'DocNumber') || null,
      txnDate: textAt(json, 'TxnDate') ?? '',
      dueDate: textAt(json, 'DueDate') || null,
      lines: arrayAt(json, 'Line').filter(isObject).map(lineFrom).filter((line) => line !== null),
      privateNote,
      ...taxFrom(json),
    },
    totalCents: amountToCents(numberAt(json, 'TotalAmt') ?? 0),
    balanceCents: amountToCents(numberAt(json, 'Balance') ?? 0),
    voided: isVoidedNote(privateNote),
  };
};
