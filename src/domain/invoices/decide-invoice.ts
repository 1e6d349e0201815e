/**
 * `decideInvoice(tenantId, invoice, context, link)`: an invoice goes to QBO only once a live payment is applied to
 * it (DESIGN.md §3 invariant 5). Once there it stays: edits update it, a host void voids it, a payment deleted
 * later leaves it due again. It needs its customer and the items of its lines in QBO first.
 *
 * Sales tax is sent as billed (docs/accounting/sales-tax-and-payouts.md): taxable lines TAX, the others NON, and the
 * host's tax as TxnTaxDetail { TxnTaxCodeRef: the chosen code, TotalTax } — the documented override under automated
 * sales tax, the code's rates with the host's total in a manual company — so QBO's total is the host's to the cent.
 * The code is sent with the tax, never fingerprinted: changing the setting does not rewrite past invoices.
 */
import type { HostInvoice, HostPayment } from '../host/host-records';
import type { QboInvoiceFields } from '../qbo/qbo-records';
import { decideWrite, voidDecision } from '../sync/decide-write';
import { dedupe, type NeededRecord, unmetReferences } from '../sync/dependencies';
import type { Link } from '../sync/link';
import { DEFAULT_HOST_APP_NAME, privateNoteMarker, privateNoteMemo } from '../sync/private-note';
import type { SyncDecision, SyncDependency } from '../sync/sync-decision';
import { invoiceProblem, isPaid, missingTaxCode } from './invoice-checks';

export interface InvoiceContext {
  /** Payments of the invoice (deleted ones are ignored). */
  readonly payments: readonly HostPayment[];
  readonly customerLink: Link | null;
  /** Links of the catalog items its lines use, by host item id. */
  readonly itemLinks: ReadonlyMap<string, Link>;
  /** Records it refers to that the host does not have (a deleted customer or item). */
  readonly missing?: readonly SyncDependency[];
  /** The QBO tax code chosen in the settings (TxnTaxCodeRef of a taxed invoice); null or absent: none chosen. */
  readonly taxCodeId?: string | null;
  /** What the host app is called in the memos written to QBO (the `hostAppName` option); absent: a neutral name. */
  readonly hostAppName?: string;
  /** The QBO company's home currency, for money in messages (absent or null: US dollars). */
  readonly currency?: string | null;
}

export const decideInvoice = (tenantId: string, invoice: HostInvoice | null, context: InvoiceContext, link: Link | null): SyncDecision => {
  if (invoice === null) return { kind: 'nothing', reason: 'The invoice no longer exists in the host; what QBO has stays.' };
  if (link?.retired) return { kind: 'nothing', reason: `Invoice ${invoice.number} is already void in QBO.` };
  if (invoice.status === 'void') {
    return link === null ? { kind: 'nothing', reason: `Invoice ${invoice.number} is void and never reached QBO.` } : voidDecision(tenantId, link, 'Invoice');
  }
  if (link === null && !isPaid(invoice, context.payments)) {
    return { kind: 'nothing', reason: `Invoice ${invoice.number} is unpaid; it goes to QBO with its first payment.` };
  }
  const problem = invoiceProblem(invoice, context.currency ?? null);
  if (problem !== null) return problem;
  const taxed = invoice.taxCents > 0;
  const taxCodeId = context.taxCodeId ?? null;
  if (taxed && taxCodeId === null) return missingTaxCode(invoice, context.currency ?? null);
  const needed: readonly NeededRecord[] = dedupe([
    { dependency: { kind: 'customer', hostId: invoice.customerId }, link: context.customerLink, label: `customer ${invoice.customerId}` },
    ...invoice.lines.flatMap((line) =>
      line.catalogItemId === null
        ? []
        : [{ dependency: { kind: 'item' as const, hostId: line.catalogItemId }, link: context.itemLinks.get(line.catalogItemId), label: `item ${line.catalogItemId} ("${line.description}")` }],
    ),
  ]);
  const unmet = unmetReferences(needed, context.missing, `Invoice ${invoice.number}`);
  if (unmet !== null) return unmet;
  const fields: QboInvoiceFields = {
    customerId: context.customerLink?.qboId ?? '',
    docNumber: invoice.number.trim() === '' ? null : invoice.number.trim(),
    txnDate: invoice.issuedOn,
    dueDate: invoice.dueOn,
    lines: invoice.lines.map((line) => ({
      itemId: line.catalogItemId === null ? null : (context.itemLinks.get(line.catalogItemId)?.qboId ?? null),
      description: line.description,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      amountCents: line.amountCents,
      // Absent rather than false: invoices sent before tax was sent keep their fingerprints.
      ...(taxed && line.taxable && line.catalogItemId !== null ? { taxable: true } : {}),
    })),
    privateNote: privateNoteMarker(tenantId, 'invoice', invoice.id),
    // 0 only for an invoice whose tax was sent before and is now gone, so QBO's TotalTax goes back to 0.
    ...(taxed ? { taxCents: invoice.taxCents } : typeof link?.pushed?.['taxCents'] === 'number' && link.pushed['taxCents'] > 0 ? { taxCents: 0 } : {}),
  };
  const tax = taxed && taxCodeId !== null ? { taxCodeId } : {};
  const named = invoice.number.trim() === '' ? `Invoice of ${invoice.issuedOn}` : `Invoice ${invoice.number.trim()}`;
  // The memo in words is written once: a bookkeeper's additions in QBO are kept (ADR 0092).
  const memo = privateNoteMemo(named, context.hostAppName ?? DEFAULT_HOST_APP_NAME, fields.privateNote);
  const decision = decideWrite(
    {
      tenantId,
      kind: 'invoice',
      hostId: invoice.id,
      entity: 'Invoice',
      hostOwned: fields,
      setOnCreate: { ...tax, privateNote: memo },
      dependencies: needed.map((record) => record.dependency),
      upToDate: `QBO already has this version of invoice ${invoice.number}.`,
    },
    link,
  );
  return withTaxTogether(decision, fields, tax);
};

/**
 * QBO replaces an invoice's lines at once and, under automated sales tax, recomputes the tax of lines sent without it:
 * when the lines or the tax change, both go, with the code.
 */
const withTaxTogether = (decision: SyncDecision, fields: QboInvoiceFields, tax: { taxCodeId?: string }): SyncDecision => {
  if (decision.kind !== 'update' || decision.changes.entity !== 'Invoice' || fields.taxCents === undefined) return decision;
  const changed = decision.changes.fields;
  if (changed.lines === undefined && changed.taxCents === undefined) return decision;
  return { ...decision, changes: { entity: 'Invoice', fields: { ...changed, lines: fields.lines, taxCents: fields.taxCents, ...tax } } };
};
