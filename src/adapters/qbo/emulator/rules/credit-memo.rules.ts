import { businessValidation, requiredParam } from '../qbo-fault';
import type { EntityRules } from './entity-rules';
import { prepareSalesLines, withSubTotalLine } from './sales-lines';
import { prepareDocNumber, prepareHeader, reindexDocNumber } from './transaction-fields';

export const CREDIT_MEMO_RULES: EntityRules = {
  entity: 'CreditMemo',
  writable: new Set(['CustomerRef', 'Line', 'DocNumber', 'TxnDate', 'PrivateNote', 'CustomerMemo', 'BillAddr', 'BillEmail', 'CurrencyRef', 'ClassRef', 'DepartmentRef', 'TxnTaxDetail', 'PrintStatus', 'EmailStatus']),
  computed: new Set(['TotalAmt', 'Balance', 'RemainingCredit', 'HomeBalance']),
  creatable: true,
  deletable: true,
  prepare(input, context) {
    const body = prepareHeader(input, context, true);
    const { lines, totalCents } = prepareSalesLines(context.store, body);
    if (lines.length === 0) throw requiredParam('Line');
    const applied = context.previous ? context.store.appliedTo(context.previous.id) : 0;
    if (totalCents < applied) throw businessValidation('The credit memo total cannot be less than the credit already used', 'Line');
    return { ...body, Line: lines, DocNumber: prepareDocNumber('CreditMemo', body, context), TotalAmt: totalCents, RemainingCredit: totalCents - applied, Balance: totalCents - applied };
  },
  commit(store, before, after) {
    reindexDocNumber(store, 'CreditMemo', before, after);
  },
  checkRemoval(store, record) {
    if (store.appliedTo(record.id) > 0) throw businessValidation('This credit memo is used by a payment. Remove it from the payment first.', 'Id');
  },
  present(_store, _record, wire) {
    wire.Line = withSubTotalLine(wire.Line, wire.TotalAmt);
  },
};
