import fc from 'fast-check';
import type { CatalogItemKind, HostCatalogItem, HostCustomer, HostInvoice, HostInvoiceLine, HostPayment, HostRefund } from '../../../src/domain/host/host-records';

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
  id: 'l-1', catalogItemId: 'i-2', description: 'Weekly pool service', quantity: 1, unitPriceCents: 12000, amountCents: 12000,
  ...overrides,
});

/** Weekly service plus two buckets of tablets: $120.00 + $179.98 = $299.98. */
export const anInvoice = (overrides: Partial<HostInvoice> = {}): HostInvoice => ({
  id: 'inv-1', customerId: '17', number: '1001', issuedOn: '2026-06-01', dueOn: '2026-06-15', status: 'sent', totalCents: 29998,
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

/** A valid invoice whose lines (each on an item `i-0` … `i-4`) add up to its total. */
export const invoiceArb: fc.Arbitrary<HostInvoice> = fc
  .record({
    id: fc.constant('inv-1'), customerId: fc.constant('17'), number: fc.stringMatching(/^[0-9]{1,8}$/), issuedOn: day, dueOn: fc.option(day),
    status: fc.constantFrom<'draft' | 'sent'>('draft', 'sent'),
    lines: fc.array(
      fc.record({ item: fc.integer({ min: 0, max: 4 }), quantity: fc.integer({ min: 1, max: 20 }), unitPriceCents: fc.integer({ min: 0, max: 500_000 }), description: text }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ lines, ...invoice }) => {
    const hostLines = lines.map((line, i) => ({
      id: `l-${i}`, catalogItemId: `i-${line.item}`, description: line.description, quantity: line.quantity,
      unitPriceCents: line.unitPriceCents, amountCents: line.quantity * line.unitPriceCents,
    }));
    return { ...invoice, lines: hostLines, totalCents: hostLines.reduce((sum, line) => sum + line.amountCents, 0) };
  });
