import fc from 'fast-check';
import { decideInvoice } from '../../../src/domain/invoices/decide-invoice';
import type { InvoiceContext } from '../../../src/domain/invoices/decide-invoice';
import type { Link } from '../../../src/domain/sync/link';
// Amounts leave the domain in cents; the QBO adapter's own conversion is the one that must round-trip them.
import { amountToCents, centsToAmount } from '../../../src/adapters/qbo/qbo-money';
import { aLine, anInvoice, aPayment, invoiceArb, taxedInvoiceArb } from '../../support/domain/host-records.builder';
import { aLink, applied } from '../../support/domain/link.builder';

const itemLinks: ReadonlyMap<string, Link> = new Map(
  ['i-0', 'i-1', 'i-2', 'i-3', 'i-4'].map((id, n) => [id, aLink('item', id, 'Item', `${20 + n}`)]),
);
const paid: InvoiceContext = { payments: [aPayment()], customerLink: aLink('customer', '17', 'Customer', '58'), itemLinks };
const unpaid: InvoiceContext = { ...paid, payments: [] };

describe('decideInvoice', () => {
  it('keeps an unpaid invoice out of QBO', () => {
    expect(decideInvoice('pool-co', anInvoice(), unpaid, null)).toMatchObject({ kind: 'nothing', reason: 'Invoice 1001 is unpaid; it goes to QBO with its first payment.' });
    expect(decideInvoice('pool-co', anInvoice(), { ...paid, payments: [aPayment({ deleted: true })] }, null).kind).toBe('nothing');
  });

  it('creates a paid invoice with the QBO ids of its customer and items, and the marker', () => {
    const decision = decideInvoice('pool-co', anInvoice(), paid, null);
    expect(decision).toMatchObject({
      kind: 'create',
      draft: {
        entity: 'Invoice',
        fields: {
          customerId: '58', docNumber: '1001', txnDate: '2026-06-01', dueDate: '2026-06-15', privateNote: 'Invoice 1001, from the business app. Sync reference: qbo-sync:pool-co:invoice:inv-1',
          lines: [
            { itemId: '22', description: 'Weekly pool service', quantity: 1, unitPriceCents: 12000, amountCents: 12000 },
            { itemId: '21', description: 'Chlorine tablets 3in', quantity: 2, unitPriceCents: 8999, amountCents: 17998 },
          ],
        },
      },
      dependencies: [{ kind: 'customer', hostId: '17' }, { kind: 'item', hostId: 'i-2' }, { kind: 'item', hostId: 'i-1' }],
    });
  });

  it('waits for the customer and items that have no QBO link yet', () => {
    const decision = decideInvoice('pool-co', anInvoice(), { ...paid, customerLink: null, itemLinks: new Map([['i-2', aLink('item', 'i-2', 'Item', '22')]]) }, null);
    expect(decision).toEqual({ kind: 'awaiting', dependencies: [{ kind: 'customer', hostId: '17' }, { kind: 'item', hostId: 'i-1' }] });
  });

  it.each([
    ['total_mismatch', anInvoice({ totalCents: 30000 })],
    ['negative_amount', anInvoice({ totalCents: -5 })],
    ['not_whole_cents', anInvoice({ totalCents: 299.98 })],
    ['line_amount_mismatch', anInvoice({ lines: [aLine({ quantity: 2 })], totalCents: 12000 })],
    ['line_without_item', anInvoice({ lines: [aLine({ catalogItemId: null })], totalCents: 12000 })],
    ['no_lines', anInvoice({ lines: [], totalCents: 0 })],
    ['doc_number_too_long', anInvoice({ number: 'WO-2026-000000000001234' })],
    ['total_mismatch', anInvoice({ taxCents: 1500, totalCents: 29998 })],
    ['negative_amount', anInvoice({ taxCents: -100, totalCents: 29898 })],
    ['not_whole_cents', anInvoice({ taxCents: 14.5, totalCents: 30012.5 })],
  ])('rejects with %s instead of sending a wrong number', (code, invoice) => {
    const decision = decideInvoice('pool-co', invoice, paid, null);
    expect(decision).toMatchObject({ kind: 'rejected', code });
    if (decision.kind === 'rejected') expect(decision.reason).toMatch(/^Invoice /);
  });

  it('rejects an invoice whose customer the host no longer has', () => {
    expect(decideInvoice('pool-co', anInvoice(), { ...paid, customerLink: null, missing: [{ kind: 'customer', hostId: '17' }] }, null))
      .toMatchObject({ kind: 'rejected', code: 'missing_customer', reason: 'Invoice 1001 refers to customer 17, which no longer exists in the app.' });
  });

  it('stays in QBO once there: updates edits even when its payment is deleted, voids a host void', () => {
    const link = applied('invoice', 'inv-1', decideInvoice('pool-co', anInvoice(), paid, null), null);
    const edited = anInvoice({ dueOn: '2026-06-30' });
    expect(decideInvoice('pool-co', edited, unpaid, link)).toMatchObject({ kind: 'update', changes: { fields: { dueDate: '2026-06-30' } } });
    const voided = decideInvoice('pool-co', anInvoice({ status: 'void' }), unpaid, link);
    expect(voided).toMatchObject({ kind: 'void', entity: 'Invoice', ref: { id: '900', syncToken: '0' } });
    expect(decideInvoice('pool-co', anInvoice({ status: 'void' }), unpaid, applied('invoice', 'inv-1', voided, link)).kind).toBe('nothing');
    expect(decideInvoice('pool-co', null, unpaid, link).kind).toBe('nothing');
  });

  it('never writes an unpaid invoice to QBO', () => {
    fc.assert(fc.property(invoiceArb, fc.array(fc.boolean(), { maxLength: 3 }), (invoice, deletedFlags) => {
      const payments = deletedFlags.map((deleted, n) => aPayment({ id: `p-${n}`, deleted }));
      const decision = decideInvoice('t', invoice, { ...paid, payments }, null);
      if (deletedFlags.every((deleted) => deleted)) expect(decision.kind).toBe('nothing');
      else expect(decision.kind).toBe('create');
    }));
  });

  it('decides nothing once what was decided has been applied', () => {
    fc.assert(fc.property(invoiceArb, invoiceArb, (before, after) => {
      const link = applied('invoice', 'inv-1', decideInvoice('t', before, paid, null), null);
      const second = decideInvoice('t', after, paid, link);
      const settled = second.kind === 'update' ? applied('invoice', 'inv-1', second, link) : link;
      expect(decideInvoice('t', after, paid, settled).kind).toBe('nothing');
    }));
  });

  it('keeps totals in cents exact: QBO line amounts add up to the host total, and survive the trip to QBO amounts', () => {
    fc.assert(fc.property(invoiceArb, (invoice) => {
      const decision = decideInvoice('t', invoice, paid, null);
      if (decision.kind !== 'create' || decision.draft.entity !== 'Invoice') throw new Error(`expected a create, got ${decision.kind}`);
      const lines = decision.draft.fields.lines;
      expect(lines.reduce((sum, line) => sum + line.amountCents, 0)).toBe(invoice.totalCents);
      for (const line of lines) expect(amountToCents(centsToAmount(line.amountCents))).toBe(line.amountCents);
    }));
    fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
      expect(amountToCents(centsToAmount(cents))).toBe(cents);
    }), { numRuns: 5000 });
  });

  const chemicalsTaxed = anInvoice().lines.map((line) => ({ ...line, taxable: line.description.startsWith('Chlorine') }));

  it('sends the sales tax as billed: taxable lines TAX, the host\'s TotalTax under the chosen code, QBO\'s total the host\'s to the cent', () => {
    const taxed = anInvoice({ taxCents: 1619, taxRateName: 'Tampa 6.5%+1.5%', totalCents: 29998 + 1619, lines: chemicalsTaxed });
    expect(decideInvoice('pool-co', taxed, paid, null)).toEqual({
      kind: 'rejected',
      code: 'no_tax_code',
      reason: 'Invoice 1001 charges $16.19 of sales tax (Tampa 6.5%+1.5%), and QuickBooks needs the tax code it is filed under: choose the tax code for taxed invoices in the QuickBooks settings (Choose accounts; when that list is empty, sales tax is off in QuickBooks: turn it on there first, under Taxes → Set up sales tax), and the invoice is then sent by itself. Until then it stays out of QuickBooks rather than arrive there with a different total.',
    });
    expect(decideInvoice('pool-co', anInvoice({ taxCents: 1619, totalCents: 29998 }), paid, null)).toMatchObject({
      code: 'total_mismatch', reason: 'Invoice 1001: its lines add up to $299.98 and its sales tax is $16.19 but its total is $299.98.',
    });
    const untaxedLines = anInvoice({ taxCents: 100, totalCents: 29998 + 100, lines: anInvoice().lines.map((line) => ({ ...line, taxable: false })) });
    expect(decideInvoice('pool-co', untaxedLines, { ...paid, taxCodeId: '3' }, null)).toMatchObject({ kind: 'rejected', code: 'tax_without_taxable_line' });
    fc.assert(fc.property(taxedInvoiceArb, (invoice) => {
      const decision = decideInvoice('t', invoice, { ...paid, taxCodeId: '3' }, null);
      if (decision.kind !== 'create' || decision.draft.entity !== 'Invoice') throw new Error(`expected a create, got ${decision.kind}`);
      const { lines, taxCents, taxCodeId } = decision.draft.fields;
      expect([taxCents, taxCodeId]).toEqual([invoice.taxCents, '3']);
      expect(lines.reduce((sum, line) => sum + line.amountCents, 0) + (taxCents ?? 0)).toBe(invoice.totalCents);
      expect(lines.map((line) => line.taxable === true)).toEqual(invoice.lines.map((line) => line.taxable));
      // The code is not fingerprinted: choosing another one later rewrites nothing.
      expect(decideInvoice('t', invoice, { ...paid, taxCodeId: '4' }, null)).toMatchObject({ fingerprint: decision.fingerprint });
    }));
  });

  it('leaves untaxed invoices as they were sent before tax was sent (no tax field, same fingerprint), all lines NON', () => {
    fc.assert(fc.property(invoiceArb, (invoice) => {
      const decision = decideInvoice('t', invoice, { ...paid, taxCodeId: '3' }, null);
      if (decision.kind !== 'create' || decision.draft.entity !== 'Invoice') throw new Error(`expected a create, got ${decision.kind}`);
      expect(decision.draft.fields).not.toHaveProperty('taxCents');
      expect(decision.draft.fields).not.toHaveProperty('taxCodeId');
      expect(decision.draft.fields.lines.every((line) => !('taxable' in line))).toBe(true);
    }));
  });

  it('sends lines, tax and code together when either changes, and TotalTax 0 once the host no longer charges tax', () => {
    const taxed = anInvoice({ taxCents: 1619, totalCents: 29998 + 1619, lines: chemicalsTaxed });
    const created = decideInvoice('pool-co', taxed, { ...paid, taxCodeId: '3' }, null);
    if (created.kind !== 'create') throw new Error('expected a create');
    const link = applied('invoice', 'inv-1', created, null);
    expect(decideInvoice('pool-co', taxed, { ...paid, taxCodeId: '3' }, link).kind).toBe('nothing');
    const retaxed = decideInvoice('pool-co', anInvoice({ taxCents: 1700, totalCents: 29998 + 1700, lines: chemicalsTaxed }), { ...paid, taxCodeId: '3' }, link);
    expect(retaxed).toMatchObject({ kind: 'update', changes: { entity: 'Invoice', fields: { taxCents: 1700, taxCodeId: '3', lines: expect.any(Array) } } });
    const untaxed = decideInvoice('pool-co', anInvoice({ lines: chemicalsTaxed }), { ...paid, taxCodeId: '3' }, link);
    expect(untaxed).toMatchObject({ kind: 'update', changes: { fields: { taxCents: 0, lines: expect.any(Array) } } });
    if (untaxed.kind !== 'update') throw new Error('expected an update');
    expect(untaxed.changes.fields).not.toHaveProperty('taxCodeId');
  });
});
