import { nonZero, receivablePostings } from '../books/transaction-postings';
import { businessValidation } from '../qbo-fault';
import { prepareAppliedSalesDocument } from './applied-sales-document';
import type { EntityRules } from './entity-rules';
import { subtotalOf, withSubTotalLine } from './sales-lines';
import { reindexDocNumber } from './transaction-fields';

export const CREDIT_MEMO_RULES: EntityRules = {
  entity: 'CreditMemo',
  writable: new Set(['CustomerRef', 'Line', 'DocNumber', 'TxnDate', 'PrivateNote', 'CustomerMemo', 'BillAddr', 'BillEmail', 'CurrencyRef', 'ClassRef', 'DepartmentRef', 'TxnTaxDetail', 'PrintStatus', 'EmailStatus']),
  computed: new Set(['TotalAmt', 'Balance', 'RemainingCredit', 'HomeBalance']),
  creatable: true,
  deletable: true,
  prepare(input, context) {
    const { body, lines, docNumber, totalCents, appliedCents } = prepareAppliedSalesDocument('CreditMemo', input, context, 'The credit memo total cannot be less than the credit already used');
    const remaining = totalCents - appliedCents;
    return { ...body, Line: lines, DocNumber: docNumber, TotalAmt: totalCents, RemainingCredit: remaining, Balance: remaining };
  },
  commit(store, before, after) {
    reindexDocNumber(store, 'CreditMemo', before, after);
  },
  // The reverse of an invoice: income debited, the customer's receivable credited (an open credit until applied).
  postings: (store, record) => nonZero(receivablePostings(store, record, -1)),
  checkRemoval(store, record) {
    if (store.appliedTo(record.id) > 0) throw businessValidation('This credit memo is used by a payment. Remove it from the payment first.', 'Id');
  },
  present(_store, record, wire) {
    wire.Line = withSubTotalLine(wire.Line, subtotalOf(record));
  },
};
