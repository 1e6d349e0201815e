import type { Body } from '../emulated-entity';
import { businessValidation, requiredParam } from '../qbo-fault';
import type { WriteContext } from './entity-rules';
import { prepareSalesLines } from './sales-lines';
import { prepareDocNumber, prepareHeader } from './transaction-fields';
import { transactionTax } from '../tax/transaction-tax';
import { salesDocumentDefaults } from './sales-document-defaults';

export interface PreparedSalesDocument {
  readonly body: Body;
  readonly lines: Body[];
  readonly docNumber: string;
  readonly totalCents: number;
  /** Cents that payments already take from this document; an edit may not bring the total below it. */
  readonly appliedCents: number;
}

/**
 * An invoice or credit memo as QBO stores it: a customer header, at least one sales line, its sales tax, a DocNumber,
 * and a total (lines plus tax) that an edit cannot bring below what payments already apply to the document.
 */
export function prepareAppliedSalesDocument(
  entity: 'Invoice' | 'CreditMemo',
  input: Body,
  context: WriteContext,
  belowAppliedMessage: string,
): PreparedSalesDocument {
  const header = prepareHeader(input, context, true);
  const { lines, totalCents: linesCents, taxableCents } = prepareSalesLines(context.store, header);
  if (lines.length === 0) throw requiredParam('Line');
  const tax = transactionTax(context.store, header.TxnTaxDetail, taxableCents);
  const body: Body = salesDocumentDefaults(context.store, { ...header, TxnTaxDetail: tax.detail }, context.previous);
  const totalCents = linesCents + tax.taxCents;
  const appliedCents = context.previous ? context.store.appliedTo(context.previous.id) : 0;
  if (totalCents < appliedCents) throw businessValidation(belowAppliedMessage, 'Line');
  return { body, lines, docNumber: prepareDocNumber(entity, body, context), totalCents, appliedCents };
}
