/// <reference types="jest" />
// Jest's globals type-check this file; the emitted typings do not carry the reference, so a host needs no
// @types/jest to compile against `qbo-sync/testing`, only Jest (with its default injected globals) to run it.
import { everyPaymentForInvoices, type HostDirectory } from '../application/ports/host-directory.port';
import type { HostWriter } from '../application/ports/host-writer.port';
import type { ContractClock } from './contract-clock';
import { uniqueTenant } from './contract-clock';
import type { HostCatalogItem, HostCustomer } from '../domain/host/host-records';
import type { HostSeed } from './host-seed';
import { requireJestGlobals } from './jest-globals';

export interface HostFixture {
  readonly directory: HostDirectory;
  readonly writer: HostWriter;
  /** Plays the host application writing its own tables; times come from `clock`. */
  readonly seed: HostSeed;
  readonly clock: ContractClock;
  /** Plays the host writing an item row the mapping cannot read (its name blanked). */
  readonly blankItemName: (tenantId: string, id: string) => Promise<void>;
  /** Plays the host writing an invoice row of `customerId` the mapping cannot read (an unknown status). */
  readonly breakInvoiceStatus: (tenantId: string, id: string, customerId: string) => Promise<void>;
}

/** What a host's tables can hold, when they hold less than the reference schema (DESIGN.md §4). */
export interface HostContractOptions {
  /** Whether the tables hold sales tax (an invoice's tax and rate name, taxed lines); default true. Without it every invoice reads as untaxed. */
  readonly salesTax?: boolean;
  /**
   * What the tables keep of a record the seed wrote, as the directory reads it back: fields the host does not have
   * read as null, one full-name column reads as the whole name. Default: every field as written.
   */
  readonly keeps?: {
    readonly customer?: (written: HostCustomer) => HostCustomer;
    readonly item?: (written: HostCatalogItem) => HostCatalogItem;
  };
}

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

/**
 * One suite for the host's read side and the import's write side: what the writer inserts, the directory reads.
 * Call it at the top level of a Jest test file; `makeFixture` runs before every test (a fresh clock, your adapters
 * over the database the test file prepared, and a seed writing your tables).
 */
export const describeHostDirectoryContract = (name: string, makeFixture: () => Promise<HostFixture>, host: HostContractOptions = {}): void => {
  requireJestGlobals('describeHostDirectoryContract');
  const keptCustomer = host.keeps?.customer ?? ((written: HostCustomer) => written);
  const keptItem = host.keeps?.item ?? ((written: HostCatalogItem) => written);
  const itWithTax = host.salesTax === false ? undefined : it;
  describe(`HostDirectory and HostWriter contract: ${name}`, () => {
    let f: HostFixture;
    let tenant: string;
    beforeEach(async () => {
      f = await makeFixture();
      tenant = uniqueTenant('host');
    });

    it('reads a customer with every field, only within its company', async () => {
      const id = await f.seed.customer(tenant, {
        firstName: 'Dana', lastName: 'Whitfield', companyName: 'Whitfield & Sons', displayAsCompany: true, email: 'dana@example.com',
        phone: '813-555-0101', street: '1 Bay St', city: 'Tampa', state: 'FL', zip: '33602', isActive: false,
      });
      expect(await f.directory.getCustomer(tenant, id)).toEqual(keptCustomer({
        id, firstName: 'Dana', lastName: 'Whitfield', companyName: 'Whitfield & Sons', displayAsCompany: true, email: 'dana@example.com',
        phone: '813-555-0101', street: '1 Bay St', city: 'Tampa', state: 'FL', zip: '33602', isActive: false,
      }));
      expect(await f.directory.getCustomer(uniqueTenant('other'), id)).toBeNull();
      expect(await f.directory.getCustomer(tenant, '987654321')).toBeNull();
    });

    it('reads catalog items of every kind with prices in cents', async () => {
      const kinds = ['product', 'dosage', 'pool_service', 'work_order_type'] as const;
      const ids = await Promise.all(kinds.map((kind, i) => f.seed.item(tenant, { kind, name: `Item ${kind}`, unitPriceCents: 1999 + i, sku: i ? null : 'SKU-1' })));
      expect(await f.directory.getItem(tenant, ids[0]!)).toEqual(keptItem({ id: ids[0]!, kind: 'product', name: 'Item product', description: null, unitPriceCents: 1999, sku: 'SKU-1', isActive: true }));
      // Seeded concurrently, so the ids (and the listing's order) follow whichever insert ran first: compare the kinds as a set.
      expect((await collect(f.directory.listItems(tenant))).map((item) => item.kind).sort()).toEqual([...kinds].sort());
    });

    it('reads an invoice with its lines, dates as YYYY-MM-DD and decimal quantities', async () => {
      const customerId = await f.seed.customer(tenant);
      const itemId = await f.seed.item(tenant, { name: 'Chlorine', unitPriceCents: 1250 });
      const id = await f.seed.invoice(tenant, {
        customerId, number: 'INV-1001', issuedOn: '2026-03-01', dueOn: '2026-03-31', status: 'sent',
        lines: [{ catalogItemId: itemId, description: 'Chlorine', quantity: 2.5, unitPriceCents: 1250 }, { description: 'Labor', unitPriceCents: 4000 }],
      });
      const invoice = await f.directory.getInvoice(tenant, id);
      expect(invoice).toMatchObject({ id, customerId, number: 'INV-1001', issuedOn: '2026-03-01', dueOn: '2026-03-31', status: 'sent', totalCents: 7125 });
      expect(invoice?.lines.map(({ id: _id, ...line }) => line)).toEqual([
        { catalogItemId: itemId, description: 'Chlorine', quantity: 2.5, unitPriceCents: 1250, amountCents: 3125, taxable: false },
        { catalogItemId: null, description: 'Labor', quantity: 1, unitPriceCents: 4000, amountCents: 4000, taxable: false },
      ]);
      expect(invoice).toMatchObject({ taxCents: 0, taxRateName: null });
      expect(await f.directory.getInvoice(uniqueTenant('other'), id)).toBeNull();
      expect(await f.directory.chargesSalesTax(tenant)).toBe(false);
    });

    itWithTax?.("reads an invoice's sales tax, its rate name and which lines are taxed; the total is the lines plus the tax", async () => {
      const customerId = await f.seed.customer(tenant);
      const chlorine = await f.seed.item(tenant, { name: 'Chlorine', unitPriceCents: 4_599 });
      const service = await f.seed.item(tenant, { kind: 'pool_service', name: 'Weekly service', unitPriceCents: 12_000 });
      const id = await f.seed.invoice(tenant, {
        customerId, number: 'INV-T1', issuedOn: '2026-03-02', taxRate: { name: 'Tucson 9.1%', percent: 9.1 },
        lines: [{ catalogItemId: chlorine, quantity: 2, unitPriceCents: 4_599, taxable: true }, { catalogItemId: service, unitPriceCents: 12_000 }],
      });
      const invoice = await f.directory.getInvoice(tenant, id);
      // 9.1 % of $91.98 is $8.37018, so $8.37.
      expect(invoice).toMatchObject({ taxCents: 837, taxRateName: 'Tucson 9.1%', totalCents: 9_198 + 12_000 + 837 });
      expect(invoice?.lines.map((line) => line.taxable)).toEqual([true, false]);
      expect(await f.directory.chargesSalesTax(tenant)).toBe(true);
      expect(await f.directory.chargesSalesTax(uniqueTenant('other'))).toBe(false);
    });

    it('reads a payout with its payments; the payout carrying a payment; a deleted payout reads as deleted and carries none', async () => {
      const customerId = await f.seed.customer(tenant);
      const payments = [];
      for (const cents of [10_000, 2_550, 7_325]) payments.push(await f.seed.payment(tenant, { customerId, amountCents: cents, receivedOn: '2026-04-01' }));
      const loose = await f.seed.payment(tenant, { customerId, amountCents: 999 });
      const id = await f.seed.payout(tenant, { paymentIds: payments, feeCents: 583, paidOn: '2026-04-03', reference: 'po_1NXq' });
      const read = await f.directory.read(tenant, 'payout', id);
      expect(read).toEqual({ kind: 'found', record: { id, paidOn: '2026-04-03', grossCents: 19_875, feeCents: 583, netCents: 19_292, reference: 'po_1NXq', paymentIds: payments, deleted: false } });
      expect(await f.directory.payoutOfPayment(tenant, payments[1]!)).toBe(id);
      expect(await f.directory.payoutOfPayment(tenant, loose)).toBeNull();
      expect(await f.directory.payoutOfPayment(uniqueTenant('other'), payments[1]!)).toBeNull();
      expect((await f.directory.read(uniqueTenant('other'), 'payout', id)).kind).toBe('missing');

      await f.seed.updatePayout(id, { paymentIds: payments.slice(0, 2) });
      expect(await f.directory.read(tenant, 'payout', id)).toMatchObject({ record: { grossCents: 12_550, netCents: 11_967, paymentIds: payments.slice(0, 2) } });
      expect(await f.directory.payoutOfPayment(tenant, payments[2]!)).toBeNull();

      f.clock.advance(1_000);
      const since = f.clock.now();
      await f.seed.deletePayout(id);
      expect(await f.directory.read(tenant, 'payout', id)).toMatchObject({ record: { deleted: true } });
      expect(await f.directory.payoutOfPayment(tenant, payments[0]!)).toBeNull();
      expect(await collect(f.directory.changedSince(tenant, 'payout', since))).toEqual([id]);
    });

    it('lists live payments of an invoice; a deleted payment reads as deleted', async () => {
      const customerId = await f.seed.customer(tenant);
      const invoiceId = await f.seed.invoice(tenant, { customerId, lines: [{ unitPriceCents: 10_000 }] });
      const kept = await f.seed.payment(tenant, { customerId, invoiceId, amountCents: 6_000, receivedOn: '2026-02-02', reference: 'chk 12' });
      const gone = await f.seed.payment(tenant, { customerId, invoiceId, amountCents: 4_000 });
      const credit = await f.seed.payment(tenant, { customerId, amountCents: 2_500 });
      await f.seed.deletePayment(gone);
      expect((await f.directory.paymentsForInvoice(tenant, invoiceId)).map((p) => p.id)).toEqual([kept]);
      expect(await f.directory.getPayment(tenant, kept)).toEqual({
        id: kept, customerId, invoiceId, amountCents: 6_000, method: 'check', receivedOn: '2026-02-02', reference: 'chk 12', deleted: false,
      });
      expect(await f.directory.getPayment(tenant, gone)).toMatchObject({ deleted: true });
      expect(await f.directory.getPayment(tenant, credit)).toMatchObject({ invoiceId: null, amountCents: 2_500 });
    });

    it('streams the live account credits (payments with no invoice) of the company in id order, across pages', async () => {
      const customerId = await f.seed.customer(tenant);
      const invoiceId = await f.seed.invoice(tenant, { customerId, lines: [{ unitPriceCents: 10_000 }] });
      const credits: string[] = [];
      for (let i = 0; i < 520; i++) {
        credits.push(await f.seed.payment(tenant, { customerId, amountCents: 100 + i, receivedOn: '2026-02-03', reference: i === 0 ? 'first' : null }));
        if (i % 100 === 0) await f.seed.payment(tenant, { customerId, invoiceId, amountCents: 5 });
      }
      const deleted = await f.seed.payment(tenant, { customerId, amountCents: 7 });
      await f.seed.deletePayment(deleted);
      await f.seed.payment(uniqueTenant('other'), { customerId, amountCents: 9 });
      const listed = await collect(f.directory.listAccountCredits(tenant));
      expect(listed.map((payment) => payment.id)).toEqual(credits);
      expect(listed[0]).toEqual({ id: credits[0], customerId, invoiceId: null, amountCents: 100, method: 'check', receivedOn: '2026-02-03', reference: 'first', deleted: false });
      expect(listed.every((payment) => payment.invoiceId === null && !payment.deleted)).toBe(true);
      expect(await collect(f.directory.listAccountCredits(uniqueTenant('none')))).toEqual([]);
    });

    it('lists every payment of an invoice, deleted ones included and marked, in id order', async () => {
      const customerId = await f.seed.customer(tenant);
      const invoiceId = await f.seed.invoice(tenant, { customerId, lines: [{ unitPriceCents: 10_000 }] });
      const first = await f.seed.payment(tenant, { customerId, invoiceId, amountCents: 6_000 });
      const gone = await f.seed.payment(tenant, { customerId, invoiceId, amountCents: 4_000 });
      await f.seed.payment(tenant, { customerId, amountCents: 2_500 });
      await f.seed.deletePayment(gone);
      const every = await f.directory.everyPaymentForInvoice(tenant, invoiceId);
      expect(every.map((p) => [p.id, p.amountCents, p.deleted])).toEqual([[first, 6_000, false], [gone, 4_000, true]]);
      expect(await f.directory.everyPaymentForInvoice(uniqueTenant('other'), invoiceId)).toEqual([]);
    });

    it('lists every payment of several invoices in one go as it lists each invoice\'s, an entry for every invoice asked (ADR 0078)', async () => {
      const customerId = await f.seed.customer(tenant);
      const [first, second, unpaid] = [
        await f.seed.invoice(tenant, { customerId, lines: [{ unitPriceCents: 10_000 }] }),
        await f.seed.invoice(tenant, { customerId, lines: [{ unitPriceCents: 8_000 }] }),
        await f.seed.invoice(tenant, { customerId, lines: [{ unitPriceCents: 3_000 }] }),
      ];
      await f.seed.payment(tenant, { customerId, invoiceId: first, amountCents: 6_000 });
      await f.seed.payment(tenant, { customerId, invoiceId: second, amountCents: 8_000 });
      const gone = await f.seed.payment(tenant, { customerId, invoiceId: first, amountCents: 4_000 });
      await f.seed.deletePayment(gone);
      await f.seed.payment(tenant, { customerId, amountCents: 2_500 });
      const lists = await everyPaymentForInvoices(f.directory, tenant, [second, first, unpaid, first]);
      expect(new Set(lists.keys())).toEqual(new Set([first, second, unpaid]));
      for (const invoiceId of [first, second, unpaid]) expect(lists.get(invoiceId)).toEqual(await f.directory.everyPaymentForInvoice(tenant, invoiceId));
      expect(lists.get(first)!.map((payment) => [payment.amountCents, payment.deleted])).toEqual([[6_000, false], [4_000, true]]);
      expect((await everyPaymentForInvoices(f.directory, uniqueTenant('other'), [first])).get(first)).toEqual([]);
    });

    it('lists the refunds of one payment in id order, only within the company', async () => {
      const customerId = await f.seed.customer(tenant);
      const paymentId = await f.seed.payment(tenant, { customerId, amountCents: 5_000 });
      const otherPayment = await f.seed.payment(tenant, { customerId, amountCents: 5_000 });
      const first = await f.seed.refund(tenant, { paymentId, amountCents: 1_000, refundedOn: '2026-04-01', reason: 'Moved away' });
      await f.seed.refund(tenant, { paymentId: otherPayment, amountCents: 300 });
      const second = await f.seed.refund(tenant, { paymentId, amountCents: 500 });
      expect(await f.directory.refundsOfPayment(tenant, paymentId)).toEqual([
        { id: first, paymentId, amountCents: 1_000, refundedOn: '2026-04-01', reason: 'Moved away' },
        { id: second, paymentId, amountCents: 500, refundedOn: '2026-01-25', reason: null },
      ]);
      expect(await f.directory.refundsOfPayment(uniqueTenant('other'), paymentId)).toEqual([]);
    });

    it("reads a customer's money: its invoices with lines, payments with deleted ones, their refunds", async () => {
      const customerId = await f.seed.customer(tenant);
      const neighbour = await f.seed.customer(tenant);
      const invoiceId = await f.seed.invoice(tenant, { customerId, number: 'INV-7', lines: [{ description: 'Visit', unitPriceCents: 35_000 }] });
      const voided = await f.seed.invoice(tenant, { customerId, status: 'void', lines: [{ unitPriceCents: 100 }] });
      await f.seed.invoice(tenant, { customerId: neighbour, lines: [{ unitPriceCents: 999 }] });
      const over = await f.seed.payment(tenant, { customerId, invoiceId, amountCents: 40_000 });
      const credit = await f.seed.payment(tenant, { customerId, amountCents: 5_000 });
      const gone = await f.seed.payment(tenant, { customerId, amountCents: 700 });
      await f.seed.deletePayment(gone);
      const theirs = await f.seed.payment(tenant, { customerId: neighbour, amountCents: 100 });
      const refund = await f.seed.refund(tenant, { paymentId: credit, amountCents: 2_000 });
      await f.seed.refund(tenant, { paymentId: theirs, amountCents: 100 });
      const money = await f.directory.moneyOfCustomer(tenant, customerId);
      expect(money.customerId).toBe(customerId);
      expect(money.invoices.map((i) => [i.id, i.totalCents, i.status])).toEqual([[invoiceId, 35_000, 'sent'], [voided, 100, 'void']]);
      expect(money.invoices[0]!.lines.map((line) => line.description)).toEqual(['Visit']);
      expect(money.payments.map((p) => [p.id, p.invoiceId, p.amountCents, p.deleted])).toEqual([[over, invoiceId, 40_000, false], [credit, null, 5_000, false], [gone, null, 700, true]]);
      expect(money.refunds).toEqual([{ id: refund, paymentId: credit, amountCents: 2_000, refundedOn: '2026-01-25', reason: null }]);
      expect(money.unreadable).toEqual([]);
      expect(await f.directory.moneyOfCustomer(uniqueTenant('other'), customerId)).toEqual({ customerId, invoices: [], payments: [], refunds: [], unreadable: [] });
    });

    it('reads the money naming an item: the invoices with a line on it, and their payments with deleted ones', async () => {
      const customerId = await f.seed.customer(tenant);
      const itemId = await f.seed.item(tenant, { name: 'Filter cartridge', unitPriceCents: 4_000 });
      const other = await f.seed.item(tenant, { name: 'Chlorine', unitPriceCents: 1_000 });
      const naming = await f.seed.invoice(tenant, { customerId, lines: [{ catalogItemId: other, unitPriceCents: 1_000 }, { catalogItemId: itemId, unitPriceCents: 4_000 }] });
      const voided = await f.seed.invoice(tenant, { customerId, status: 'void', lines: [{ catalogItemId: itemId, unitPriceCents: 4_000 }] });
      await f.seed.invoice(tenant, { customerId, lines: [{ catalogItemId: other, unitPriceCents: 1_000 }, { description: 'Labor', unitPriceCents: 2_000 }] });
      const paid = await f.seed.payment(tenant, { customerId, invoiceId: naming, amountCents: 5_000 });
      const gone = await f.seed.payment(tenant, { customerId, invoiceId: naming, amountCents: 100 });
      await f.seed.deletePayment(gone);
      await f.seed.payment(tenant, { customerId, amountCents: 700 });
      const money = await f.directory.moneyNamingItem(tenant, itemId);
      expect(money.itemId).toBe(itemId);
      expect(money.invoices.map((i) => [i.id, i.status])).toEqual([[naming, 'sent'], [voided, 'void']]);
      expect(money.invoices[0]!.lines.map((line) => line.catalogItemId)).toEqual([other, itemId]);
      expect(money.payments.map((p) => [p.id, p.invoiceId, p.deleted])).toEqual([[paid, naming, false], [gone, naming, true]]);
      expect(money.unreadable).toEqual([]);
      expect(await f.directory.moneyNamingItem(uniqueTenant('other'), itemId)).toEqual({ itemId, invoices: [], payments: [], unreadable: [] });
    });

    it("names a money row it cannot read instead of leaving it out of a customer's money silently", async () => {
      const customerId = await f.seed.customer(tenant);
      const good = await f.seed.invoice(tenant, { customerId, lines: [{ unitPriceCents: 1_000 }] });
      const broken = await f.seed.invoice(tenant, { customerId, lines: [{ unitPriceCents: 2_000 }] });
      await f.breakInvoiceStatus(tenant, broken, customerId);
      const money = await f.directory.moneyOfCustomer(tenant, customerId);
      expect(money.invoices.map((i) => i.id)).toEqual([good]);
      expect(money.unreadable).toEqual([expect.stringMatching(new RegExp(`^invoice ${broken}: unknown invoice status`))]);
    });

    it('reads a refund', async () => {
      const customerId = await f.seed.customer(tenant);
      const paymentId = await f.seed.payment(tenant, { customerId, amountCents: 5_000 });
      const id = await f.seed.refund(tenant, { paymentId, amountCents: 1_500, refundedOn: '2026-04-04', reason: 'Overcharged' });
      expect(await f.directory.getRefund(tenant, id)).toEqual({ id, paymentId, amountCents: 1_500, refundedOn: '2026-04-04', reason: 'Overcharged' });
    });

    it('streams every customer of the company in id order, across pages', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 1_105; i++) ids.push(await f.seed.customer(tenant, { firstName: `C${i}` }));
      await f.seed.customer(uniqueTenant('other'));
      const listed = await collect(f.directory.listCustomers(tenant));
      expect(listed.map((c) => c.id)).toEqual(ids);
    });

    it('finds records changed at or after a time', async () => {
      const before = await f.seed.customer(tenant, { firstName: 'Old' });
      const edited = await f.seed.customer(tenant, { firstName: 'Edited' });
      const since = f.clock.advance(60_000);
      await f.seed.updateCustomer(edited, { lastName: 'Renamed' });
      const fresh = await f.seed.customer(tenant, { firstName: 'New' });
      const customerId = await f.seed.customer(uniqueTenant('other'));
      const payment = await f.seed.payment(tenant, { customerId, amountCents: 1 });
      expect(await collect(f.directory.changedSince(tenant, 'customer', since))).toEqual([edited, fresh]);
      expect(await collect(f.directory.changedSince(tenant, 'customer', since + 1))).toEqual([]);
      expect(await collect(f.directory.changedSince(tenant, 'payment', since))).toEqual([payment]);
      expect(await collect(f.directory.changedSince(tenant, 'customer', 0))).toContain(before);
    });

    it('reads one or many records as found or missing, only within the company', async () => {
      const customerId = await f.seed.customer(tenant, { firstName: 'Ann' });
      const itemId = await f.seed.item(tenant, { name: 'Salt', unitPriceCents: 700 });
      const other = await f.seed.customer(uniqueTenant('other'));
      expect(await f.directory.read(tenant, 'customer', customerId)).toEqual({ kind: 'found', record: await f.directory.getCustomer(tenant, customerId) });
      expect(await f.directory.read(tenant, 'customer', other)).toEqual({ kind: 'missing' });
      expect(await f.directory.read(tenant, 'item', '987654321')).toEqual({ kind: 'missing' });
      const many = await f.directory.readMany(tenant, 'customer', [customerId, other, '987654321']);
      expect([...many.keys()].sort()).toEqual([customerId, other, '987654321'].sort());
      expect(many.get(customerId)).toEqual({ kind: 'found', record: await f.directory.getCustomer(tenant, customerId) });
      expect(many.get(customerId)).toMatchObject({ record: { id: customerId } });
      expect(many.get(other)).toEqual({ kind: 'missing' });
      expect((await f.directory.readMany(tenant, 'item', [itemId])).get(itemId)).toMatchObject({ kind: 'found', record: { name: 'Salt', unitPriceCents: 700 } });
      expect((await f.directory.readMany(tenant, 'item', [])).size).toBe(0);
    });

    it('reads many invoices with their own lines, payments and refunds in one go', async () => {
      const customerId = await f.seed.customer(tenant);
      const first = await f.seed.invoice(tenant, { customerId, lines: [{ description: 'A', unitPriceCents: 100 }, { description: 'B', unitPriceCents: 200 }] });
      const second = await f.seed.invoice(tenant, { customerId, lines: [{ description: 'C', unitPriceCents: 300 }] });
      const invoices = await f.directory.readMany(tenant, 'invoice', [first, second]);
      const lines = (id: string) => { const read = invoices.get(id); return read?.kind === 'found' ? read.record.lines.map((line) => line.description) : read; };
      expect([lines(first), lines(second)]).toEqual([['A', 'B'], ['C']]);
      const paymentId = await f.seed.payment(tenant, { customerId, invoiceId: first, amountCents: 300 });
      const refundId = await f.seed.refund(tenant, { paymentId, amountCents: 100 });
      expect((await f.directory.readMany(tenant, 'payment', [paymentId])).get(paymentId)).toMatchObject({ kind: 'found', record: { invoiceId: first, amountCents: 300 } });
      expect(await f.directory.read(tenant, 'refund', refundId)).toMatchObject({ kind: 'found', record: { paymentId, amountCents: 100 } });
    });

    it('tells a row it cannot read from a missing one, with the reason', async () => {
      const good = await f.seed.item(tenant, { name: 'Salt', unitPriceCents: 700 });
      const broken = await f.seed.item(tenant, { name: 'Soon blank', unitPriceCents: 700 });
      await f.blankItemName(tenant, broken);
      expect(await f.directory.read(tenant, 'item', broken)).toEqual({ kind: 'unreadable', reason: expect.stringContaining('no name') });
      expect(await f.directory.read(uniqueTenant('other'), 'item', broken)).toEqual({ kind: 'missing' });
      const many = await f.directory.readMany(tenant, 'item', [good, broken]);
      expect([many.get(good)?.kind, many.get(broken)?.kind]).toEqual(['found', 'unreadable']);
      // The older reads keep their shape: an unreadable row is left out (and logged by the adapter).
      expect(await f.directory.getItem(tenant, broken)).toBeNull();
      expect((await collect(f.directory.listItems(tenant))).map((item) => item.id)).toEqual([good]);
    });

    it('imports customers and items: new ids in order, readable at once, changed now', async () => {
      const since = f.clock.now();
      const customers = await f.writer.insertCustomers(tenant, [
        { firstName: 'Ann', lastName: 'Lee', companyName: null, displayAsCompany: false, email: 'ann@example.com', phone: null, street: null, city: null, state: null, zip: null, isActive: true },
        { firstName: '', lastName: '', companyName: 'Palm Co', displayAsCompany: true, email: null, phone: null, street: null, city: null, state: null, zip: null, isActive: false },
      ]);
      expect(customers).toHaveLength(2);
      expect(await f.directory.getCustomer(tenant, customers[1]!)).toMatchObject({ companyName: 'Palm Co', displayAsCompany: true, isActive: false });
      const items = await f.writer.insertItems(tenant, [{ kind: 'pool_service', name: 'Weekly service', description: 'Imported', unitPriceCents: 8_500, sku: null, isActive: true }]);
      expect(await f.directory.getItem(tenant, items[0]!)).toEqual(keptItem({ id: items[0]!, kind: 'pool_service', name: 'Weekly service', description: 'Imported', unitPriceCents: 8_500, sku: null, isActive: true }));
      expect(await collect(f.directory.changedSince(tenant, 'customer', since))).toEqual([...customers]);
      expect(await f.writer.insertCustomers(tenant, [])).toEqual([]);
    });
  });
};
