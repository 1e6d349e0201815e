import type { QboChanges, QboDraft, QboReadableEntity, QboRecordOf } from '../../domain/qbo/qbo-records';
import { customerFrom, customerJson } from './qbo-customer.mapper';
import { depositFrom, depositJson, taxCodeFrom } from './qbo-deposit.mapper';
import { invoiceFrom, invoiceJson } from './qbo-invoice.mapper';
import { itemCreateJson, itemFrom, itemSparseJson } from './qbo-item.mapper';
import type { QboJson } from './qbo-json';
import { accountFrom, nameRecordFrom } from './qbo-list-record.mapper';
import { paymentFrom, paymentJson } from './qbo-payment.mapper';
import { purchaseFrom, purchaseJson } from './qbo-purchase.mapper';
import { refundReceiptFrom, refundReceiptJson } from './qbo-refund-receipt.mapper';

/** The body of a create, in QBO's JSON. */
export const draftJson = (draft: QboDraft): Record<string, unknown> => {
  switch (draft.entity) {
    case 'Customer':
      return customerJson(draft.fields, 'create');
    case 'Item':
      return itemCreateJson(draft.fields);
    case 'Invoice':
      return invoiceJson(draft.fields);
    case 'Payment':
      return paymentJson(draft.fields);
    case 'RefundReceipt':
      return refundReceiptJson(draft.fields);
    case 'Purchase':
      return purchaseJson(draft.fields);
    case 'Deposit':
      return depositJson(draft.fields);
  }
};

/** The changed fields of a sparse update, without Id/SyncToken/sparse (the gateway adds those). */
export const changesJson = (changes: QboChanges): Record<string, unknown> => {
  switch (changes.entity) {
    case 'Customer':
      return customerJson(changes.fields, 'sparse');
    case 'Item':
      return itemSparseJson(changes.fields);
    case 'Invoice':
      return invoiceJson(changes.fields);
    case 'Payment':
      return paymentJson(changes.fields);
    case 'RefundReceipt':
      return refundReceiptJson(changes.fields);
    case 'Purchase':
      return purchaseJson(changes.fields);
    case 'Deposit':
      return depositJson(changes.fields);
  }
};

type Reader = (json: QboJson) => QboRecordOf<QboReadableEntity>;

const readers: { readonly [E in QboReadableEntity]: Reader } = {
  Customer: customerFrom,
  Item: itemFrom,
  Invoice: invoiceFrom,
  Payment: paymentFrom,
  RefundReceipt: refundReceiptFrom,
  Purchase: purchaseFrom,
  Vendor: (json) => nameRecordFrom('Vendor', json),
  Employee: (json) => nameRecordFrom('Employee', json),
  Account: accountFrom,
  Deposit: depositFrom,
  TaxCode: taxCodeFrom,
};

export const recordFrom = <E extends QboReadableEntity>(entity: E, json: QboJson): QboRecordOf<E> =>
  readers[entity](json) as QboRecordOf<E>;

/** QBO's URL segment for an entity: lowercase (qbo-api.md §2). */
export const entityPath = (entity: QboReadableEntity): string => entity.toLowerCase();
