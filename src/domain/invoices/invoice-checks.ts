/**
 * `invoiceProblem(invoice)`: why an invoice cannot go to QBO with the right numbers, or null. Totals must be whole
 * cents, lines must add up to the total, each line's amount must be its quantity times its price (to the cent),
 * and an amount needs an item (QBO ignores amounts on description-only lines). The total is the lines plus the
 * sales tax, which must be charged on at least one taxable line (QBO refuses tax with none). `livePayments` and `isPaid` say
 * whether the invoice is eligible at all: only once a live payment is applied to it.
 */
import type { HostInvoice, HostPayment } from '../host/host-records';
import { dollars, isWholeCents, rejected, type Rejection } from '../sync/rejection';
import { cureFor } from '../sync/setting-cures';

const DOC_NUMBER_MAX = 21;

export const livePaymentsOn = (invoiceId: string, payments: readonly HostPayment[]): readonly HostPayment[] =>
  payments.filter((payment) => !payment.deleted && payment.invoiceId === invoiceId && payment.amountCents > 0);

export const isPaid = (invoice: HostInvoice, payments: readonly HostPayment[]): boolean => livePaymentsOn(invoice.id, payments).length > 0;

const rateOf = (invoice: HostInvoice): string => (invoice.taxRateName ? ` (${invoice.taxRateName})` : '');

/** A taxed invoice names the QBO tax code the admin chose; without one it waits, saying where to choose it. */
export const missingTaxCode = (invoice: HostInvoice, currency: string | null = null): Rejection =>
  rejected(
    'no_tax_code',
    `Invoice ${invoice.number} charges ${dollars(invoice.taxCents, currency)} of sales tax${rateOf(invoice)}, and QuickBooks needs the tax code it is filed under: ${cureFor('no_tax_code').words} (Choose accounts; when that list is empty, sales tax is off in QuickBooks: turn it on there first, under Taxes → Set up sales tax), and the invoice is then sent by itself. Until then it stays out of QuickBooks rather than arrive there with a different total.`,
  );

export const invoiceProblem = (invoice: HostInvoice, currency: string | null = null): Rejection | null => {
  const money = (cents: number): string => dollars(cents, currency);
  const label = `Invoice ${invoice.number}`;
  if (!isWholeCents(invoice.totalCents)) return rejected('not_whole_cents', `${label} has a total that is not a whole number of cents.`);
  if (invoice.totalCents < 0) return rejected('negative_amount', `${label} has a negative total (${money(invoice.totalCents)}).`);
  if (!isWholeCents(invoice.taxCents)) return rejected('not_whole_cents', `${label} has a sales tax that is not a whole number of cents.`);
  if (invoice.taxCents < 0) return rejected('negative_amount', `${label} has a negative sales tax (${money(invoice.taxCents)}).`);
  if (invoice.lines.length === 0) return rejected('no_lines', `${label} has no lines; QuickBooks needs at least one.`);
  if (invoice.number.trim().length > DOC_NUMBER_MAX) {
    return rejected('doc_number_too_long', `${label}: QuickBooks invoice numbers have at most ${DOC_NUMBER_MAX} characters.`);
  }
  let sum = 0;
  for (const line of invoice.lines) {
    const what = `${label}, line "${line.description}"`;
    if (!isWholeCents(line.amountCents) || !isWholeCents(line.unitPriceCents)) return rejected('not_whole_cents', `${what} has an amount that is not a whole number of cents.`);
    if (!Number.isFinite(line.quantity) || Math.abs(line.quantity * line.unitPriceCents - line.amountCents) > 0.5 + 1e-9) {
      return rejected('line_amount_mismatch', `${what}: ${line.quantity} × ${money(line.unitPriceCents)} is not ${money(line.amountCents)}.`);
    }
    if (line.catalogItemId === null && line.amountCents !== 0) {
      return rejected('line_without_item', `${what} has an amount but no catalog item; QuickBooks would ignore the amount.`);
    }
    sum += line.amountCents;
  }
  if (sum + invoice.taxCents !== invoice.totalCents) {
    const tax = invoice.taxCents === 0 ? '' : ` and its sales tax is ${money(invoice.taxCents)}`;
    return rejected('total_mismatch', `${label}: its lines add up to ${money(sum)}${tax} but its total is ${money(invoice.totalCents)}.`);
  }
  if (invoice.taxCents > 0 && !invoice.lines.some((line) => line.taxable && line.catalogItemId !== null)) {
    return rejected(
      'tax_without_taxable_line',
      `${label} charges ${money(invoice.taxCents)} of sales tax${rateOf(invoice)} but none of its lines is marked taxable; QuickBooks refuses tax on an invoice with no taxable line. Mark the taxed lines taxable in the app.`,
    );
  }
  return null;
};
