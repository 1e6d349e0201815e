import fc from 'fast-check';
import type { CatalogItemKind, HostCatalogItem, HostCustomer, HostInvoice, HostInvoiceLine, HostPayment, HostPayout, HostRefund } from '../../../src/domain/host/host-records';

/** Pool-service host records with sensible defaults; each builder has an arbitrary of the same shape. */
export const aCustomer = (overrides: Partial<HostCustomer> = {}): HostCustomer => ({
  id: '17', firstName: 'Maria', lastName: 'Lopez', companyName: null, displayAsCompany: false,
  email: 'maria@example.com', phone: '(813) 555-0100', street: '12 Palm Way', city: 'Tampa', state: 'FL', zip: '33601', isActive: true,
  ...overrides,
});

export const anItem = (overrides: Partial<HostCatalogItem> = {}): HostCatalogItem => ({
  id: 'i-1', kind: 'product', name: 'Chlorine tablets 3in', description: '25 lb bucket', unitPriceCents: 8999, sku: 'CHL-3IN', isActive: true,
  ...overrides,
});

export const aLine = (overrides: Partial<HostInvoiceLine> = {}): HostInvoiceLine => ({
  id: 'l-1', catalogItemId: 'i-2', description: 'Weekly pool service', quantity: 1, unitPriceCents: 12000, amountCents: 12000, taxable: false,
  ...overrides,
});

/** Weekly service plus two buckets of tablets: $120.00 + $179.98 = $299.98. */
export const anInvoice = (overrides: Partial<HostInvoice> = {}): HostInvoice => ({
  id: 'inv-1', customerId: '17', number: '1001', issuedOn: '2026-06-01', dueOn: '2026-06-15', status: 'sent', totalCents: 29998, taxCents: 0, taxRateName: null,
  lines: [aLine(), aLine({ id: 'l-2', catalogItemId: 'i-1', description: 'Chlorine tablets 3in', quantity: 2, unitPriceCents: 8999, amountCents: 17998 })],
  ...overrides,
});

export const aPayment = (overrides: Partial<HostPayment> = {}): HostPayment => ({
  id: 'p-1', customerId: '17', invoiceId: 'inv-1', amountCents: 29998, method: 'card', receivedOn: '2026-06-03', reference: 'VISA-4242', deleted: false,
  ...overrides,
});

export const aRefund = (overrides: Partial<HostRefund> = {}): HostRefund => ({
  id: 'r-1', paymentId: 'p-1', amountCents: 5000, refundedOn: '2026-06-10', reason: 'Green-to-clean not needed', ...overrides,
});

const text = fc.string({ maxLength: 16 });
const id = fc.stringMatching(/^[a-z0-9]{1,6}$/);
const cents = fc.integer({ min: 0, max: 10_000_000 });
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-06-${String(d).padStart(2, '0')}`);

export const customerArb: fc.Arbitrary<HostCustomer> = fc.record({
  id, firstName: text, lastName: text, companyName: fc.option(text), displayAsCompany: fc.boolean(), email: fc.option(text),
  phone: fc.option(text), street: fc.option(text), city: fc.option(text), state: fc.option(text), zip: fc.option(text), isActive: fc.boolean(),
});

export const itemArb: fc.Arbitrary<HostCatalogItem> = fc.record({
  id, kind: fc.constantFrom<CatalogItemKind>('product', 'dosage', 'pool_service', 'work_order_type'), name: text,
  description: fc.option(text), unitPriceCents: cents, sku: fc.option(text), isActive: fc.boolean(),
});

/** A valid untaxed invoice whose lines (each on an item `i-0` … `i-4`) add up to its total; `taxedInvoiceArb` adds tax. */
export const invoiceArb: fc.Arbitrary<HostInvoice> = fc
  .record({
    id: fc.constant('inv-1'), customerId: fc.constant('17'), number: fc.stringMatching(/^[0-9]{1,8}$/), issuedOn: day, dueOn: fc.option(day),
    status: fc.constantFrom<'draft' | 'sent'>('draft', 'sent'),
    lines: fc.array(
      fc.record({ item: fc.integer({ min: 0, max: 4 }), quantity: fc.integer({ min: 1, max: 20 }), unitPriceCents: fc.integer({ min: 0, max: 500_000 }), description: text, taxable: fc.boolean() }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ lines, ...invoice }) => withTax({ ...invoice, lines: lines.map(({ item, ...line }) => ({ ...line, catalogItemId: `i-${item}` })) }, undefined));

/** A valid invoice that charges sales tax (on at least one taxable line) at a rate of 0.1 % to 15 %. */
export const taxedInvoiceArb: fc.Arbitrary<HostInvoice> = fc
  .tuple(invoiceArb, fc.integer({ min: 1, max: 150 }), fc.integer({ min: 1, max: 500_000 }))
  .map(([invoice, permille, price]) => {
    const lines = [...invoice.lines, { catalogItemId: 'i-0', description: 'Chlorine', quantity: 1, unitPriceCents: price, taxable: true }];
    return withTax({ ...invoice, lines: lines.map((line) => ({ catalogItemId: line.catalogItemId ?? 'i-0', description: line.description, quantity: line.quantity, unitPriceCents: line.unitPriceCents, taxable: line.taxable })) }, permille);
  });

type LineDraft = { catalogItemId: string; description: string; quantity: number; unitPriceCents: number; taxable: boolean };
type InvoiceDraft = Omit<HostInvoice, 'lines' | 'totalCents' | 'taxCents' | 'taxRateName'> & { lines: readonly LineDraft[] };

/** Line amounts, the tax on the taxable ones (at least a cent when taxed) and the total they make. */
function withTax({ lines, ...invoice }: InvoiceDraft, taxPermille: number | undefined): HostInvoice {
  {
    const hostLines = lines.map((line, i) => ({
      id: `l-${i}`, catalogItemId: line.catalogItemId, description: line.description, quantity: line.quantity,
      unitPriceCents: line.unitPriceCents, amountCents: line.quantity * line.unitPriceCents, taxable: line.taxable,
    }));
    const taxable = hostLines.filter((line) => line.taxable).reduce((sum, line) => sum + line.amountCents, 0);
    const taxCents = taxPermille === undefined ? 0 : Math.max(1, Math.round((taxable * taxPermille) / 1000));
    const totalCents = hostLines.reduce((sum, line) => sum + line.amountCents, 0) + taxCents;
    return { ...invoice, lines: hostLines, totalCents, taxCents, taxRateName: taxCents > 0 ? `Rate ${taxPermille}‰` : null };
  }
}

export const aPayout = (overrides: Partial<HostPayout> = {}): HostPayout => ({
  id: 'po-1', paidOn: '2026-06-05', grossCents: 29998, feeCents: 899, netCents: 29099, reference: 'STRIPE-po_1', paymentIds: ['p-1'], deleted: false,
  ...overrides,
});
