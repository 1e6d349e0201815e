import type { Body, StoredRecord } from '../emulated-entity';
import { businessValidation, invalidReference, objectNotFound, validationFault } from '../qbo-fault';
import type { RealmStore } from '../realm-store';
import { prorate, taxAt } from './tax-amounts';

export interface TransactionTax {
  /** The TxnTaxDetail QBO answers with (amounts in cents). */
  readonly detail: Body;
  readonly taxCents: number;
}

interface Rate {
  readonly id: string;
  readonly name: string;
  readonly percent: number;
}

const refValue = (ref: unknown): string | undefined => {
  const value = (ref as Body | undefined)?.value;
  return value === undefined || value === null ? undefined : String(value);
};

/** The line TaxCodeRef of a US company: "Valid Line TaxCodes for US should be TAX or NON" (Intuit error 6100). */
export function lineTaxCode(detail: Body, itemTaxable: boolean, store: RealmStore): 'TAX' | 'NON' {
  const given = refValue(detail.TaxCodeRef);
  if (given === undefined) return store.salesTax !== 'off' && itemTaxable ? 'TAX' : 'NON';
  if (given !== 'TAX' && given !== 'NON') {
    throw validationFault('6100', 'Invalid Line TaxCode in the request', `Invalid Line TaxCode in the request: Valid Line TaxCodes for US should be TAX or NON. Supplied value:${given}`, 'Line.SalesItemLineDetail.TaxCodeRef');
  }
  return given;
}

function ratesOf(store: RealmStore, code: StoredRecord): Rate[] {
  const details = ((code.body.SalesTaxRateList as Body | undefined)?.TaxRateDetail as Body[] | undefined) ?? [];
  return details.map((detail) => {
    const id = refValue(detail.TaxRateRef) as string;
    const rate = store.get('TaxRate', id);
    return { id, name: String(rate?.body.Name ?? ''), percent: Number(rate?.body.RateValue ?? 0) };
  });
}

function taxCodeFor(store: RealmStore, ref: unknown): StoredRecord {
  const id = refValue(ref) as string;
  const code = store.get('TaxCode', id);
  if (!code || code.body.TaxGroup !== true) throw invalidReference('TxnTaxDetail.TxnTaxCodeRef');
  if (code.body.Active === false) throw objectNotFound('TxnTaxDetail.TxnTaxCodeRef');
  return code;
}

/** Amounts the client put on its tax lines, by rate id; undefined when it sent none. */
function givenTaxLines(detail: Body | undefined, rates: readonly Rate[], code: StoredRecord): Map<string, number> | undefined {
  const lines = detail?.TaxLine;
  if (!Array.isArray(lines) || lines.length === 0) return undefined;
  const amounts = new Map<string, number>();
  for (const line of lines as Body[]) {
    const rateId = refValue((line.TaxLineDetail as Body | undefined)?.TaxRateRef);
    if (rateId === undefined || !rates.some((rate) => rate.id === rateId)) {
      throw businessValidation(`Tax rate ${rateId ?? '(none)'} is not part of tax code ${String(code.body.Name)}`, 'TxnTaxDetail.TaxLine');
    }
    const amount = line.Amount;
    if (typeof amount !== 'number' || amount < 0) throw businessValidation('A tax line amount must be zero or more', 'TxnTaxDetail.TaxLine.Amount');
    amounts.set(rateId, (amounts.get(rateId) ?? 0) + amount);
  }
  return amounts;
}

/** The tax lines of a code: computed from the taxable amount, or the client's amounts (override), or a total prorated. */
function taxLines(rates: readonly Rate[], taxable: number, given: Map<string, number> | undefined, total: number | undefined): Body[] {
  const amounts = given
    ? rates.map((rate) => given.get(rate.id) ?? 0)
    : total !== undefined
      ? prorate(total, rates.map((rate) => rate.percent))
      : rates.map((rate) => taxAt(taxable, rate.percent));
  return rates.map((rate, index) => ({
    Amount: amounts[index] as number,
    DetailType: 'TaxLineDetail',
    TaxLineDetail: { TaxRateRef: { value: rate.id, name: rate.name }, PercentBased: true, TaxPercent: rate.percent, NetAmountTaxable: taxable },
  }));
}

/**
 * The sales tax of an invoice, credit memo or refund receipt, as the company's tax mode decides it:
 * - off: nothing may be charged; TotalTax 0.
 * - automated (AST): AST picks the code and computes the tax; "whenever an explicit tax amount is sent … the AST engine
 *   honors the amount and prorates it across tax rates in the AST-assigned tax code" (Intuit blog, 2017-12-11); the
 *   override is TxnTaxCodeRef with TotalTax (Intuit, QuickBooks-V3-PHP-SDK#199); TotalTax alone is recomputed.
 * - manual: a taxable line needs TxnTaxCodeRef (stricter reading of "Make sure all your transactions have a … rate
 *   before you save"); the tax is computed per rate unless the client sends its tax lines or TotalTax; lines and total
 *   that do not add up are refused.
 */
export function transactionTax(store: RealmStore, input: unknown, taxableCents: number): TransactionTax {
  const detail = input === undefined || input === null ? undefined : (input as Body);
  if (detail !== undefined && (typeof detail !== 'object' || Array.isArray(detail))) {
    throw validationFault('2010', 'Request has invalid or unsupported property', 'TxnTaxDetail must be an object', 'TxnTaxDetail');
  }
  const totalGiven = typeof detail?.TotalTax === 'number' ? (detail.TotalTax as number) : undefined;
  if (totalGiven !== undefined && totalGiven < 0) throw businessValidation('TotalTax cannot be negative', 'TxnTaxDetail.TotalTax');
  const codeGiven = refValue(detail?.TxnTaxCodeRef);
  if (store.salesTax === 'off') {
    if (taxableCents > 0 || codeGiven !== undefined || (totalGiven ?? 0) > 0) {
      throw businessValidation('Sales tax is turned off for this company (Preferences.TaxPrefs.UsingSalesTax is false), so a transaction cannot charge it', 'TxnTaxDetail');
    }
    return { detail: { TotalTax: 0 }, taxCents: 0 };
  }
  if (store.salesTax === 'manual' && codeGiven === undefined) {
    if (taxableCents > 0 || (totalGiven ?? 0) > 0) {
      throw businessValidation('Make sure all your transactions have a sales tax rate before you save: a line is taxable but TxnTaxDetail.TxnTaxCodeRef is missing', 'TxnTaxDetail.TxnTaxCodeRef');
    }
    return { detail: { TotalTax: 0 }, taxCents: 0 };
  }
  // Under AST any existing code signals the override (AST assigns its own); a manual company needs a group code.
  if (codeGiven !== undefined && store.salesTax === 'automated' && !store.get('TaxCode', codeGiven)) throw invalidReference('TxnTaxDetail.TxnTaxCodeRef');
  const code = taxCodeFor(store, { value: store.salesTax === 'automated' ? store.defaultTaxCodeId : codeGiven });
  const rates = ratesOf(store, code);
  const overriding = store.salesTax === 'manual' || codeGiven !== undefined;
  const given = overriding ? givenTaxLines(detail, rates, code) : undefined;
  const total = overriding ? totalGiven : undefined;
  const lines = taxLines(rates, taxableCents, given, given ? undefined : total);
  const taxCents = lines.reduce((sum, line) => sum + (line.Amount as number), 0);
  if (given && total !== undefined && total !== taxCents) {
    throw businessValidation(`TotalTax ${total / 100} does not equal the sum of the tax lines ${taxCents / 100}`, 'TxnTaxDetail.TotalTax');
  }
  if (taxCents > 0 && taxableCents === 0) throw businessValidation('The transaction charges sales tax but none of its lines is taxable (TaxCodeRef TAX)', 'TxnTaxDetail.TotalTax');
  return { detail: { TxnTaxCodeRef: { value: code.id }, TotalTax: taxCents, TaxLine: lines }, taxCents };
}

/** The liability account each tax line's agency is owed in. */
export function taxLiabilityOf(store: RealmStore, rateId: string): string | undefined {
  const agency = refValue(store.get('TaxRate', rateId)?.body.AgencyRef);
  return agency === undefined ? undefined : store.taxLiabilities.get(agency);
}

/** A voided transaction keeps its tax code but charges nothing: every tax line and the total go to zero. */
export function voidedTaxDetail(detail: unknown): Body | undefined {
  if (detail === undefined || detail === null) return undefined;
  const lines = ((detail as Body).TaxLine as Body[] | undefined)?.map((line) => ({ ...line, Amount: 0 }));
  return { ...(detail as Body), TotalTax: 0, ...(lines ? { TaxLine: lines } : {}) };
}
