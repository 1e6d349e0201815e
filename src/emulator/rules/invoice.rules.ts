import { nonZero, receivablePostings } from '../books/transaction-postings';
import { businessValidation } from '../qbo-fault';
import { voidedTaxDetail } from '../tax/transaction-tax';
import { invoiceTerms } from './sales-document-defaults';
import { prepareAppliedSalesDocument } from './applied-sales-document';
import type { EntityRules } from './entity-rules';
import { subtotalOf, withSubTotalLine } from './sales-lines';
import { reindexDocNumber, voidedNote } from './transaction-fields';

export const INVOICE_RULES: EntityRules = {
  entity: 'Invoice',
  writable: new Set([
    'CustomerRef', 'Line', 'DocNumber', 'TxnDate', 'DueDate', 'PrivateNote', 'CustomerMemo', 'BillAddr', 'ShipAddr', 'BillEmail',
    'SalesTermRef', 'EmailStatus', 'PrintStatus', 'AllowOnlineCreditCardPayment', 'AllowOnlineACHPayment', 'ApplyTaxAfterDiscount',
    'CurrencyRef', 'TxnTaxDetail', 'ClassRef', 'DepartmentRef', 'GlobalTaxCalculation', 'TrackingNum', 'ShipDate', 'ShipMethodRef', 'CustomField',
  ]),
  computed: new Set(['TotalAmt', 'Balance', 'HomeBalance', 'HomeTotalAmt', 'LinkedTxn', 'Deposit']),
  creatable: true,
  deletable: true,
  prepare(input, context) {
    const { body, lines, docNumber, totalCents, appliedCents } = prepareAppliedSalesDocument('Invoice', input, context, 'The invoice total cannot be less than the payments applied to it');
    return { ...invoiceTerms(context.store, body), Line: lines, DocNumber: docNumber, TotalAmt: totalCents, Balance: totalCents - appliedCents };
  },
  commit(store, before, after) {
    reindexDocNumber(store, 'Invoice', before, after);
  },
  // A/R debited for the total, each line's income account credited (accrual basis, as QBO keeps its books).
  postings: (store, record) => nonZero(receivablePostings(store, record, 1)),
  // Choice: QBO would unlink the payments; refusing is stricter and the plugin deletes payments first anyway.
  checkRemoval(store, record) {
    if (store.appliedTo(record.id) > 0) throw businessValidation('This invoice has payments applied to it. Delete or unapply them first.', 'Id');
  },
  voided(record) {
    const lines = (record.body.Line as Record<string, unknown>[]).map((line) => ('Amount' in line ? { ...line, Amount: 0 } : line));
    return { ...record.body, Line: lines, TotalAmt: 0, Balance: 0, TxnTaxDetail: voidedTaxDetail(record.body.TxnTaxDetail), PrivateNote: voidedNote(record.body.PrivateNote) };
  },
  present(store, record, wire) {
    wire.Line = withSubTotalLine(wire.Line, subtotalOf(record));
    const payments = [...(store.applications.get(record.id)?.keys() ?? [])];
    if (payments.length > 0) wire.LinkedTxn = payments.map((id) => ({ TxnId: id, TxnType: 'Payment' }));
    else wire.LinkedTxn = [];
    wire.CurrencyRef ??= { value: 'USD', name: 'United States Dollar' };
  },
};
