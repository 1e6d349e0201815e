import type { Body } from '../emulated-entity';
import { businessValidation, requiredParam } from '../qbo-fault';
import type { WriteContext } from './entity-rules';
import { prepareSalesLines } from './sales-lines';
import { prepareDocNumber, prepareHeader } from './transaction-fields';

export interface PreparedSalesDocument {
  readonly body: Body;
  readonly lines: Body[];
  readonly docNumber: string;
  readonly totalCents: number;
  /** Cents that payments already take from this document; an edit may not bring the total below it. */
  readonly appliedCents: number;
}

/**
 * An invoice or credit memo as QBO stores it: a customer header, at least one sales line, a DocNumber, and a total
 * that an edit cannot bring below what payments already apply to the document.
 */
export function prepareAppliedSalesDocument(
  entity: 'Invoice' | 'CreditMemo',
  input: Body,
  context: WriteContext,
  belowAppliedMessage: string,
): PreparedSalesDocument {
  const body = prepareHeader(input, context, true);
  const { lines, totalCents } = prepareSalesLines(context.store, body);
  if (lines.length === 0) throw requiredParam('Line');
  const appliedCents = context.previous ? context.store.appliedTo(context.previous.id) : 0;
  if (totalCents < appliedCents) throw businessValidation(belowAppliedMessage, 'Line');
  return { body, lines, docNumber: prepareDocNumber(entity, body, context), totalCents, appliedCents };
}
