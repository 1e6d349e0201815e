import type { Body, StoredRecord } from '../emulated-entity';
import { businessValidation, invalidEnumeration, requiredParam, validationFault } from '../qbo-fault';
import { centsToDecimal } from '../money';
import type { RealmStore } from '../realm-store';
import { lineTaxCode } from '../tax/transaction-tax';
import { readString, refTo, resolveRef } from './field-checks';

export interface PreparedLines {
  readonly lines: Body[];
  readonly totalCents: number;
  readonly itemLineCount: number;
  /** The amount of the lines marked TAX. */
  readonly taxableCents: number;
}

const DETAIL_TYPES = new Set(['SalesItemLineDetail', 'DescriptionOnly', 'SubTotalLineDetail']);

/**
 * Validates sales lines (invoice, refund receipt, credit memo): item references exist and are active,
 * Amount agrees with Qty × UnitPrice, and returns the lines QBO would store with their total in cents.
 * SubTotal lines are QBO's own and are dropped on input.
 */
export function prepareSalesLines(store: RealmStore, body: Body): PreparedLines {
  const input = body.Line;
  if (input === undefined || input === null) throw requiredParam('Line');
  if (!Array.isArray(input)) throw validationFault('2010', 'Request has invalid or unsupported property', 'Line must be a list', 'Line');
  const lines: Body[] = [];
  let totalCents = 0;
  let itemLineCount = 0;
  let taxableCents = 0;
  for (const raw of input as unknown[]) {
    if (raw === null || typeof raw !== 'object') throw validationFault('2010', 'Request has invalid or unsupported property', 'Each Line must be an object', 'Line');
    const line = { ...(raw as Body) };
    const detailType = readString(line, 'DetailType', { required: true, max: 50 }, 'Line.DetailType') as string;
    if (!DETAIL_TYPES.has(detailType)) throw invalidEnumeration('Line.DetailType', detailType);
    if (detailType === 'SubTotalLineDetail') continue;
    readString(line, 'Description', { max: 4000 }, 'Line.Description');
    if (detailType === 'SalesItemLineDetail') {
      const detail = line.SalesItemLineDetail;
      if (detail === null || typeof detail !== 'object') throw requiredParam('Line.SalesItemLineDetail');
      const item = resolveRef(store, detail as Body, 'ItemRef', ['Item'], true, 'Line.SalesItemLineDetail.ItemRef');
      const amount = line.Amount;
      if (typeof amount !== 'number') throw requiredParam('Line.Amount');
      const { Qty: qty, UnitPrice: unitPrice } = detail as Body;
      // QBO refuses an Amount that is not Qty × UnitPrice; one cent of slack absorbs rounding-mode differences.
      if (typeof qty === 'number' && typeof unitPrice === 'number' && Math.abs(Math.round(qty * unitPrice) - amount) > 1) {
        throw validationFault('6070', 'A business validation error has occurred while processing your request', `Business Validation Error: Amount is not equal to UnitPrice * Qty. Supplied value:${amount / 100}`, 'Line.Amount');
      }
      if (amount < 0) throw businessValidation('A line amount cannot be negative', 'Line.Amount');
      const income = (item as StoredRecord).body.IncomeAccountRef as Body | undefined;
      if (!income) throw businessValidation('A category is not a product or service and cannot be sold on a line', 'Line.SalesItemLineDetail.ItemRef');
      // QBO answers each line with the income account its item posts to (ItemAccountRef); the books post there.
      const taxCode = lineTaxCode(detail as Body, (item as StoredRecord).body.Taxable === true, store);
      if (taxCode === 'TAX') taxableCents += amount;
      line.SalesItemLineDetail = { ...(detail as Body), ItemRef: refTo((item as StoredRecord).id, item?.body.Name), ItemAccountRef: income, TaxCodeRef: { value: taxCode } };
      totalCents += amount;
      itemLineCount += 1;
    } else {
      delete line.Amount;
    }
    line.Id = String(lines.length + 1);
    line.LineNum = lines.length + 1;
    lines.push(line);
  }
  return { lines, totalCents, itemLineCount, taxableCents };
}

/** The lines before tax, as the subtotal line shows them (decimal). */
export const subtotalOf = (record: StoredRecord): number =>
  centsToDecimal((record.body.TotalAmt as number) - (((record.body.TxnTaxDetail as Body | undefined)?.TotalTax as number | undefined) ?? 0));

/** QBO appends a subtotal line to every sales transaction it returns. */
export function withSubTotalLine(lines: unknown, totalDecimal: unknown): unknown[] {
  const list = Array.isArray(lines) ? lines : [];
  return [...list, { Amount: totalDecimal, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }];
}
