import { credit, nonZero, salesLinePostings, taxPostings, totalOf } from '../books/transaction-postings';
import { transactionTax } from '../tax/transaction-tax';
import { salesDocumentDefaults } from './sales-document-defaults';
import type { Body } from '../emulated-entity';
import { requiredParam } from '../qbo-fault';
import type { EntityRules } from './entity-rules';
import { prepareSalesLines, subtotalOf, withSubTotalLine } from './sales-lines';
import { prepareDepositAccount, prepareDocNumber, prepareHeader, reindexDocNumber } from './transaction-fields';

export const REFUND_RECEIPT_RULES: EntityRules = {
  entity: 'RefundReceipt',
  writable: new Set([
    'CustomerRef', 'Line', 'DepositToAccountRef', 'TxnDate', 'DocNumber', 'PrivateNote', 'PaymentMethodRef', 'PaymentRefNum', 'CustomerMemo',
    'BillAddr', 'ShipAddr', 'BillEmail', 'CurrencyRef', 'PrintStatus', 'ClassRef', 'DepartmentRef', 'CheckPayment', 'CreditCardPayment',
    'PaymentType', 'ApplyTaxAfterDiscount', 'TxnTaxDetail', 'GlobalTaxCalculation',
  ]),
  computed: new Set(['TotalAmt', 'Balance', 'HomeTotalAmt', 'HomeBalance', 'CustomerMemo2']),
  creatable: true,
  deletable: true,
  prepare(input, context) {
    const header = prepareHeader(input, context, false);
    const { lines, totalCents: linesCents, itemLineCount, taxableCents } = prepareSalesLines(context.store, header);
    if (itemLineCount === 0) throw requiredParam('Line.SalesItemLineDetail');
    const tax = transactionTax(context.store, header.TxnTaxDetail, taxableCents);
    const body: Body = salesDocumentDefaults(context.store, { ...header, TxnTaxDetail: tax.detail }, context.previous);
    const totalCents = linesCents + tax.taxCents;
    return {
      ...body,
      Line: lines,
      DepositToAccountRef: prepareDepositAccount(context.store, body, undefined),
      DocNumber: prepareDocNumber('RefundReceipt', body, context),
      TotalAmt: totalCents,
      Balance: 0,
      PrintStatus: body.PrintStatus ?? 'NeedToPrint',
      PaymentRefNum: body.PaymentRefNum ?? 'To Print',
    };
  },
  commit(store, before, after) {
    reindexDocNumber(store, 'RefundReceipt', before, after);
  },
  // A sale given back: the money leaves the account it is refunded from, the items' income is debited; no A/R involved.
  postings: (store, record) => nonZero([credit((record.body.DepositToAccountRef as Body).value as string, totalOf(record)), ...salesLinePostings(record, -1), ...taxPostings(store, record, -1)]),
  present(_store, record, wire) {
    wire.Line = withSubTotalLine(wire.Line, subtotalOf(record));
    // Intuit's RefundReceipt sample answers with a CustomerMemo2 of null.
    wire.CustomerMemo2 ??= null;
  },
};
