import type { QboGateway } from '../../src/application/ports/qbo-gateway.port';
import { privateNoteMemo } from '../../src/domain/sync/private-note';
import type { QboCustomerFields, QboDraft, QboReadableEntity, QboRecordOf, QboRef, QboSalesTaxMode } from '../../src/domain/qbo/qbo-records';

/** One tenant's view of a QBO company, whichever adapter stands behind it. */
export interface QboGatewayTenant {
  readonly tenantId: string;
  readonly gateway: QboGateway;
  /** A vendor or employee typed into QBO by a person: it holds its name against customers too. */
  seedPerson(entity: 'Vendor' | 'Employee', displayName: string): Promise<void>;
}

let seq = 0;
export const unique = (label: string) => `${label} ${(seq += 1)}`;
export const requestId = () => `rq-${(seq += 1)}-${Math.random().toString(36).slice(2, 10)}`;

export const customer = (displayName: string, extra: Partial<QboCustomerFields> = {}): QboDraft => ({
  entity: 'Customer',
  fields: { displayName, givenName: null, familyName: null, companyName: null, email: null, phone: null, billAddr: null, active: true, ...extra },
});

export const valueOf = <T>(result: { ok: true; value: T } | { ok: false; error: { kind: string; message: string } }): T => {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
};

export const all = async <E extends QboReadableEntity>(gateway: QboGateway, tenantId: string, entity: E): Promise<QboRecordOf<E>[]> => {
  const rows: QboRecordOf<E>[] = [];
  for await (const row of gateway.list(tenantId, entity)) rows.push(row);
  return rows;
};

export const accountsOf = async ({ gateway, tenantId }: QboGatewayTenant) => {
  const accounts = await all(gateway, tenantId, 'Account');
  const income = accounts.find((account) => account.fields.accountType === 'Income');
  const bank = accounts.find((account) => account.fields.accountType === 'Bank');
  if (!income || !bank) throw new Error('the company has no Income or Bank account');
  return { incomeId: income.ref.id, bankId: bank.ref.id };
};

export const newItem = async ({ gateway, tenantId }: QboGatewayTenant, incomeId: string, name = unique('Chlorine')): Promise<QboRef> =>
  valueOf(
    await gateway.create(
      tenantId,
      { entity: 'Item', fields: { name, type: 'NonInventory', description: 'Tabs', unitPriceCents: 1999, sku: null, active: true, incomeAccountId: incomeId } },
      requestId(),
    ),
  );

export const invoiceDraft = (customerId: string, itemId: string, marker: string, docNumber: string | null = null): QboDraft => ({
  entity: 'Invoice',
  fields: {
    customerId,
    docNumber,
    txnDate: '2026-03-01',
    dueDate: '2026-03-31',
    privateNote: marker,
    lines: [
      { itemId, description: 'Chlorine', quantity: 3, unitPriceCents: 335, amountCents: 1005 },
      { itemId: null, description: 'Gate code 1234', quantity: 0, unitPriceCents: 0, amountCents: 0 },
    ],
  },
});

const kinds = (results: readonly { ok: boolean; error?: { kind: string } }[]) => results.map((result) => (result.ok ? 'ok' : result.error?.kind));

/**
 * What every QboGateway promises the plugin (DESIGN.md §2): run against the HTTP gateway + emulator and the in-memory one.
 * `makeTenant(salesTax, homeCurrency)` opens a new company that charges sales tax as said (off when not said), in the
 * home currency said (USD when not said).
 */
export function describeQboGatewayContract(name: string, makeTenant: (salesTax?: QboSalesTaxMode, homeCurrency?: string) => Promise<QboGatewayTenant>): void {
  describe(`QboGateway contract: ${name}`, () => {
    let tenant: QboGatewayTenant;
    let gateway: QboGateway;
    let tenantId: string;
    beforeEach(async () => {
      tenant = await makeTenant();
      ({ gateway, tenantId } = tenant);
    });

    describe('customers', () => {
      it('creates, reads back, finds by name (any case, inactive too) and updates sparsely with the SyncToken', async () => {
        const name = unique("Maria O'Lopez");
        const draft = customer(name, { givenName: 'Maria', email: 'maria@example.com', billAddr: { line1: '1 Pool Way', city: 'Austin', region: 'TX', postalCode: '78701' } });
        const ref = valueOf(await gateway.create(tenantId, draft, requestId()));
        // QBO's own answer says so: delivery then needs no check of who owns the record.
        expect(ref).toEqual({ id: expect.stringMatching(/^\d+$/), syncToken: expect.stringMatching(/^\d+$/), answered: true });
        const read = valueOf(await gateway.get(tenantId, 'Customer', ref.id));
        expect(read.ref).toEqual({ id: ref.id, syncToken: ref.syncToken });
        expect(read.fields).toMatchObject({ displayName: name, givenName: 'Maria', email: 'maria@example.com', billAddr: { line1: '1 Pool Way', city: 'Austin', region: 'TX', postalCode: '78701' }, active: true });

        const updated = valueOf(await gateway.update(tenantId, ref, { entity: 'Customer', fields: { active: false, phone: '555-0100' } }, requestId()));
        expect(updated.id).toBe(ref.id);
        expect(Number(updated.syncToken)).toBeGreaterThan(Number(ref.syncToken));
        const found = valueOf(await gateway.findByName(tenantId, 'Customer', name.toUpperCase()));
        expect(found?.ref).toEqual(updated);
        expect(found?.fields).toMatchObject({ active: false, phone: '555-0100', givenName: 'Maria' });
        expect(valueOf(await gateway.findByName(tenantId, 'Customer', unique('Nobody')))).toBeNull();
      });

      it('reports a duplicate name in plain words, a stale SyncToken and an unknown id as typed errors', async () => {
        const name = unique('Maria Lopez');
        const ref = valueOf(await gateway.create(tenantId, customer(name), requestId()));
        const duplicate = await gateway.create(tenantId, customer(name), requestId());
        expect(duplicate).toMatchObject({ ok: false, error: { kind: 'DuplicateName', code: '6240', message: `QuickBooks says the name '${name}' is already used by another customer, vendor or employee.` } });

        valueOf(await gateway.update(tenantId, ref, { entity: 'Customer', fields: { email: 'a@b.co' } }, requestId()));
        expect(await gateway.update(tenantId, ref, { entity: 'Customer', fields: { email: 'c@d.co' } }, requestId())).toMatchObject({ ok: false, error: { kind: 'StaleObject', code: '5010' } });
        expect(await gateway.get(tenantId, 'Customer', '999999')).toMatchObject({ ok: false, error: { kind: 'NotFound' } });
        expect(await gateway.update(tenantId, { id: '999999', syncToken: '0' }, { entity: 'Customer', fields: { email: 'c@d.co' } }, requestId())).toMatchObject({ ok: false, error: { kind: 'NotFound' } });
      });

      it('holds a name against customers, vendors and employees alike, any case, inactive included; items keep their own names', async () => {
        const vendor = unique('Acme Pools');
        const employee = unique('Jo Smith');
        await tenant.seedPerson('Vendor', vendor);
        await tenant.seedPerson('Employee', employee);
        expect(await gateway.create(tenantId, customer(vendor.toLowerCase()), requestId())).toMatchObject({ ok: false, error: { kind: 'DuplicateName' } });
        expect(await gateway.create(tenantId, customer(`  ${employee.toUpperCase()} `), requestId())).toMatchObject({ ok: false, error: { kind: 'DuplicateName' } });
        expect(valueOf(await gateway.findByName(tenantId, 'Vendor', vendor))?.fields.displayName).toBe(vendor);
        expect(valueOf(await gateway.findByName(tenantId, 'Customer', vendor))).toBeNull();

        const inactive = unique('Gone Away');
        const ref = valueOf(await gateway.create(tenantId, customer(inactive, { active: false }), requestId()));
        expect(await gateway.create(tenantId, customer(inactive), requestId())).toMatchObject({ ok: false, error: { kind: 'DuplicateName' } });
        const renamed = unique('Elsewhere');
        expect(await gateway.update(tenantId, ref, { entity: 'Customer', fields: { displayName: vendor } }, requestId())).toMatchObject({ ok: false, error: { kind: 'DuplicateName' } });
        valueOf(await gateway.update(tenantId, ref, { entity: 'Customer', fields: { displayName: renamed } }, requestId()));

        const { incomeId } = await accountsOf(tenant);
        await newItem(tenant, incomeId, renamed);
        const twin = await gateway.create(tenantId, { entity: 'Item', fields: { name: renamed.toUpperCase(), type: 'Service', description: null, unitPriceCents: 1, sku: null, active: true, incomeAccountId: incomeId } }, requestId());
        expect(twin).toMatchObject({ ok: false, error: { kind: 'DuplicateName', message: `QuickBooks says the name '${renamed.toUpperCase()}' is already used by another product or service.` } });
      });

      it('answers a repeated requestid with its first answer and writes nothing a second time', async () => {
        const id = requestId();
        const name = unique('Once Only');
        const first = valueOf(await gateway.create(tenantId, customer(name), id));
        expect(valueOf(await gateway.create(tenantId, customer(name), id))).toEqual(first);
        const update = requestId();
        const updated = valueOf(await gateway.update(tenantId, first, { entity: 'Customer', fields: { email: 'once@example.com' } }, update));
        expect(valueOf(await gateway.update(tenantId, first, { entity: 'Customer', fields: { email: 'once@example.com' } }, update))).toEqual(updated);
        expect((await all(gateway, tenantId, 'Customer')).filter((row) => row.fields.displayName === name).map((row) => row.ref)).toEqual([updated]);
      });

      it('lists every customer, inactive included', async () => {
        const names = [unique('Active'), unique('Inactive')];
        valueOf(await gateway.create(tenantId, customer(names[0]!), requestId()));
        const second = valueOf(await gateway.create(tenantId, customer(names[1]!), requestId()));
        valueOf(await gateway.update(tenantId, second, { entity: 'Customer', fields: { active: false } }, requestId()));
        const listed = (await all(gateway, tenantId, 'Customer')).map((row) => [row.fields.displayName, row.fields.active]);
        expect(listed).toEqual(expect.arrayContaining([[names[0], true], [names[1], false]]));
      });

      it('answers the company name', async () => {
        expect(valueOf(await gateway.companyName(tenantId))).toEqual(expect.any(String));
      });
    });

    describe('items', () => {
      it('creates with the income account, reads it back and updates the price only', async () => {
        const { incomeId } = await accountsOf(tenant);
        const name = unique('Chlorine');
        const ref = await newItem(tenant, incomeId, name);
        valueOf(await gateway.update(tenantId, ref, { entity: 'Item', fields: { unitPriceCents: 2505 } }, requestId()));
        const read = valueOf(await gateway.findByName(tenantId, 'Item', name));
        expect(read?.fields).toMatchObject({ name, type: 'NonInventory', unitPriceCents: 2505, incomeAccountId: incomeId, description: 'Tabs' });
      });

      it('reports an unknown income account as an invalid reference', async () => {
        const result = await gateway.create(
          tenantId,
          { entity: 'Item', fields: { name: unique('Bad'), type: 'Service', description: null, unitPriceCents: 100, sku: null, active: true, incomeAccountId: '987654' } },
          requestId(),
        );
        expect(result).toMatchObject({ ok: false, error: { kind: 'InvalidReference' } });
      });
    });

    describe('transactions', () => {
      it('invoice, applied payment, payment deletion, account credit, void and refund, in cents', async () => {
        const { incomeId, bankId } = await accountsOf(tenant);
        const customerRef = valueOf(await gateway.create(tenantId, customer(unique('Payer')), requestId()));
        const itemRef = await newItem(tenant, incomeId);
        const invoiceRef = valueOf(await gateway.create(tenantId, invoiceDraft(customerRef.id, itemRef.id, `qbo-sync:t:invoice:${unique('i')}`), requestId()));
        const invoice = valueOf(await gateway.get(tenantId, 'Invoice', invoiceRef.id));
        expect([invoice.totalCents, invoice.balanceCents, invoice.fields.lines.length, invoice.voided]).toEqual([1005, 1005, 2, false]);

        const payment = { customerId: customerRef.id, totalCents: 1005, txnDate: '2026-03-02', depositAccountId: bankId, paymentRefNum: null, privateNote: `qbo-sync:t:payment:${unique('p')}` };
        const paymentRef = valueOf(await gateway.create(tenantId, { entity: 'Payment', fields: { ...payment, invoiceId: invoiceRef.id } }, requestId()));
        expect(valueOf(await gateway.get(tenantId, 'Invoice', invoiceRef.id)).balanceCents).toBe(0);
        expect(valueOf(await gateway.findByMarker(tenantId, 'Payment', payment.privateNote))?.ref.id).toBe(paymentRef.id);
        // The marker is matched whole: a newer payment whose marker only begins with this one's (payment 23 beside
        // payment 2) is not it, and a marker no memo carries whole finds nothing.
        valueOf(await gateway.create(tenantId, { entity: 'Payment', fields: { ...payment, invoiceId: null, privateNote: `${payment.privateNote}3 (a longer id)` } }, requestId()));
        expect(valueOf(await gateway.findByMarker(tenantId, 'Payment', payment.privateNote))?.ref.id).toBe(paymentRef.id);
        expect(valueOf(await gateway.findByMarker(tenantId, 'Payment', payment.privateNote.slice(0, -1)))).toBeNull();
        // A memo in words (ADR 0092) ends with the marker: found by it, read back as written, and the memo of the newer
        // payment whose marker only begins with it is still not it.
        const wordedMarker = `qbo-sync:t:payment:${unique('w')}`;
        const memo = privateNoteMemo('Account credit received 2026-03-02', 'Blue Lagoon Office', wordedMarker);
        const wordedRef = valueOf(await gateway.create(tenantId, { entity: 'Payment', fields: { ...payment, invoiceId: null, privateNote: memo } }, requestId()));
        valueOf(await gateway.create(tenantId, { entity: 'Payment', fields: { ...payment, invoiceId: null, privateNote: privateNoteMemo('Account credit received 2026-03-02', 'Blue Lagoon Office', `${wordedMarker}3`) } }, requestId()));
        expect(valueOf(await gateway.findByMarker(tenantId, 'Payment', wordedMarker))?.ref.id).toBe(wordedRef.id);
        expect(valueOf(await gateway.get(tenantId, 'Payment', wordedRef.id)).fields.privateNote).toBe(memo);

        valueOf(await gateway.delete(tenantId, 'Payment', paymentRef, requestId()));
        expect(valueOf(await gateway.get(tenantId, 'Invoice', invoiceRef.id)).balanceCents).toBe(1005);
        expect(await gateway.get(tenantId, 'Payment', paymentRef.id)).toMatchObject({ ok: false, error: { kind: 'NotFound' } });

        const creditRef = valueOf(await gateway.create(tenantId, { entity: 'Payment', fields: { ...payment, totalCents: 2500, invoiceId: null, privateNote: 'credit' } }, requestId()));
        const credit = valueOf(await gateway.get(tenantId, 'Payment', creditRef.id));
        expect([credit.fields.invoiceId, credit.unappliedCents]).toEqual([null, 2500]);
        valueOf(await gateway.void(tenantId, 'Payment', creditRef, requestId()));
        expect(valueOf(await gateway.get(tenantId, 'Payment', creditRef.id)).fields.totalCents).toBe(0);

        const refundRef = valueOf(
          await gateway.create(
            tenantId,
            { entity: 'RefundReceipt', fields: { customerId: customerRef.id, txnDate: '2026-03-04', depositAccountId: bankId, refundItemId: itemRef.id, amountCents: 42000, privateNote: 'refund' } },
            requestId(),
          ),
        );
        expect(valueOf(await gateway.get(tenantId, 'RefundReceipt', refundRef.id)).fields).toMatchObject({ amountCents: 42000, refundItemId: itemRef.id, depositAccountId: bankId });
      });

      it('keeps the balance of a partly paid invoice, refuses paying more than is open, and voids an unpaid invoice to zero', async () => {
        const { incomeId, bankId } = await accountsOf(tenant);
        const customerRef = valueOf(await gateway.create(tenantId, customer(unique('Partial')), requestId()));
        const itemRef = await newItem(tenant, incomeId);
        const invoiceRef = valueOf(await gateway.create(tenantId, invoiceDraft(customerRef.id, itemRef.id, unique('qbo-sync:t:invoice')), requestId()));
        const payment = { customerId: customerRef.id, txnDate: '2026-03-02', depositAccountId: bankId, paymentRefNum: null, invoiceId: invoiceRef.id };
        valueOf(await gateway.create(tenantId, { entity: 'Payment', fields: { ...payment, totalCents: 500, privateNote: unique('p') } }, requestId()));
        expect(valueOf(await gateway.get(tenantId, 'Invoice', invoiceRef.id))).toMatchObject({ totalCents: 1005, balanceCents: 505 });
        expect(await gateway.create(tenantId, { entity: 'Payment', fields: { ...payment, totalCents: 506, privateNote: unique('p') } }, requestId())).toMatchObject({ ok: false, error: { kind: 'BusinessValidation' } });

        const unpaidRef = valueOf(await gateway.create(tenantId, invoiceDraft(customerRef.id, itemRef.id, 'to void'), requestId()));
        const voidedRef = valueOf(await gateway.void(tenantId, 'Invoice', unpaidRef, requestId()));
        expect(Number(voidedRef.syncToken)).toBeGreaterThan(Number(unpaidRef.syncToken));
        expect(valueOf(await gateway.get(tenantId, 'Invoice', unpaidRef.id))).toMatchObject({ totalCents: 0, balanceCents: 0, voided: true });
        expect(await gateway.void(tenantId, 'Invoice', unpaidRef, requestId())).toMatchObject({ ok: false, error: { kind: 'StaleObject' } });
      });

      it('books parity: an overpayment applies its share and leaves the rest unapplied; a credit refund expense is linked by the credit', async () => {
        const { incomeId, bankId } = await accountsOf(tenant);
        const receivable = (await all(gateway, tenantId, 'Account')).find((account) => account.fields.accountType === 'Accounts Receivable')!;
        const customerRef = valueOf(await gateway.create(tenantId, customer(unique('Over')), requestId()));
        const itemRef = await newItem(tenant, incomeId);
        const invoiceRef = valueOf(await gateway.create(tenantId, invoiceDraft(customerRef.id, itemRef.id, unique('qbo-sync:t:invoice')), requestId()));
        const payment = { customerId: customerRef.id, txnDate: '2026-03-02', depositAccountId: bankId, paymentRefNum: null };
        const overRef = valueOf(await gateway.create(tenantId, { entity: 'Payment', fields: { ...payment, invoiceId: invoiceRef.id, totalCents: 1500, appliedCents: 1005, privateNote: unique('p') } }, requestId()));
        expect(valueOf(await gateway.get(tenantId, 'Invoice', invoiceRef.id)).balanceCents).toBe(0);
        const over = valueOf(await gateway.get(tenantId, 'Payment', overRef.id));
        expect([over.fields.invoiceId, over.fields.appliedCents, over.unappliedCents]).toEqual([invoiceRef.id, 1005, 495]);
        // Lowered to 505 applied (an invoice edit below it would need this first), then back to whole: lines replaced each time.
        const lowered = valueOf(await gateway.update(tenantId, overRef, { entity: 'Payment', fields: { invoiceId: invoiceRef.id, totalCents: 1500, appliedCents: 505 } }, requestId()));
        expect(valueOf(await gateway.get(tenantId, 'Invoice', invoiceRef.id)).balanceCents).toBe(500);
        valueOf(await gateway.update(tenantId, lowered, { entity: 'Payment', fields: { invoiceId: invoiceRef.id, totalCents: 1000 } }, requestId()));
        expect(valueOf(await gateway.get(tenantId, 'Payment', overRef.id)).unappliedCents).toBe(0);

        const creditRef = valueOf(await gateway.create(tenantId, { entity: 'Payment', fields: { ...payment, invoiceId: null, totalCents: 5000, privateNote: unique('credit') } }, requestId()));
        const expense = { customerId: customerRef.id, txnDate: '2026-03-05', paidFromAccountId: bankId, receivableAccountId: receivable.ref.id, amountCents: 2000, privateNote: unique('qbo-sync:t:refund') };
        const expenseRef = valueOf(await gateway.create(tenantId, { entity: 'Purchase', fields: expense }, requestId()));
        expect(valueOf(await gateway.get(tenantId, 'Purchase', expenseRef.id)).fields).toEqual(expense);
        expect(valueOf(await gateway.findByMarker(tenantId, 'Purchase', expense.privateNote))?.ref.id).toBe(expenseRef.id);
        const linked = valueOf(await gateway.update(tenantId, creditRef, { entity: 'Payment', fields: { invoiceId: null, totalCents: 5000, refundLinks: [{ purchaseId: expenseRef.id, amountCents: 2000 }] } }, requestId()));
        const credit = valueOf(await gateway.get(tenantId, 'Payment', creditRef.id));
        expect([credit.fields.refundLinks, credit.unappliedCents]).toEqual([[{ purchaseId: expenseRef.id, amountCents: 2000 }], 3000]);
        // A linked expense cannot be deleted until the credit lets go of it.
        const linkedExpense = valueOf(await gateway.get(tenantId, 'Purchase', expenseRef.id)).ref;
        expect(await gateway.delete(tenantId, 'Purchase', linkedExpense, requestId())).toMatchObject({ ok: false, error: { kind: 'BusinessValidation' } });
        valueOf(await gateway.update(tenantId, linked, { entity: 'Payment', fields: { invoiceId: null, totalCents: 5000 } }, requestId()));
        const current = valueOf(await gateway.get(tenantId, 'Purchase', expenseRef.id)).ref;
        valueOf(await gateway.delete(tenantId, 'Purchase', current, requestId()));
        expect(valueOf(await gateway.get(tenantId, 'Payment', creditRef.id)).unappliedCents).toBe(5000);
      });

      it('maps invalid references, missing lines and duplicate document numbers to their kinds', async () => {
        const { incomeId } = await accountsOf(tenant);
        const customerRef = valueOf(await gateway.create(tenantId, customer(unique('Doc')), requestId()));
        const itemRef = await newItem(tenant, incomeId);
        expect(await gateway.create(tenantId, invoiceDraft(customerRef.id, '888888', 'm1'), requestId())).toMatchObject({ ok: false, error: { kind: 'InvalidReference' } });
        const noLines = invoiceDraft(customerRef.id, itemRef.id, 'm2');
        expect(await gateway.create(tenantId, { entity: 'Invoice', fields: { ...(noLines.fields as any), lines: [] } }, requestId())).toMatchObject({ ok: false, error: { kind: 'RequiredField' } });
        valueOf(await gateway.create(tenantId, invoiceDraft(customerRef.id, itemRef.id, 'm3', 'INV-7'), requestId()));
        expect(await gateway.create(tenantId, invoiceDraft(customerRef.id, itemRef.id, 'm4', 'INV-7'), requestId())).toMatchObject({ ok: false, error: { kind: 'DuplicateDocNumber' } });
      });
    });

    describe('home currency (issue 18)', () => {
      it('reads the company\'s home currency as an ISO 4217 code: USD for a new US company, CAD for a Canadian one', async () => {
        expect(valueOf(await gateway.homeCurrency(tenantId))).toBe('USD');
        const canadian = await makeTenant(undefined, 'CAD');
        expect(valueOf(await canadian.gateway.homeCurrency(canadian.tenantId))).toBe('CAD');
      });
    });

    describe('sales tax and deposits (issue 15)', () => {
      it('says how the company charges sales tax, and lists its tax codes: TAX and NON, and with sales tax a code that groups rates', async () => {
        expect(valueOf(await gateway.salesTaxMode(tenantId))).toBe('off');
        for (const mode of ['manual', 'automated'] as const) {
          const taxed = await makeTenant(mode);
          expect(valueOf(await taxed.gateway.salesTaxMode(taxed.tenantId))).toBe(mode);
          const codes = await all(taxed.gateway, taxed.tenantId, 'TaxCode');
          expect(codes.filter((code) => !code.fields.taxGroup).map((code) => code.fields.name).sort()).toEqual(['NON', 'TAX']);
          const group = codes.find((code) => code.fields.taxGroup && code.fields.active)!;
          expect(valueOf(await taxed.gateway.get(taxed.tenantId, 'TaxCode', group.ref.id)).fields).toMatchObject({ name: group.fields.name, taxGroup: true });
        }
      });

      it('a taxed invoice carries the tax sent with its code: QBO\'s total is the lines plus that tax; tax on no taxable line is refused', async () => {
        const taxed = await makeTenant('manual');
        const { incomeId } = await accountsOf(taxed);
        const code = (await all(taxed.gateway, taxed.tenantId, 'TaxCode')).find((each) => each.fields.taxGroup)!;
        const customerRef = valueOf(await taxed.gateway.create(taxed.tenantId, customer(unique('Taxed')), requestId()));
        const itemRef = await newItem(taxed, incomeId);
        const draft = invoiceDraft(customerRef.id, itemRef.id, `qbo-sync:t:invoice:${unique('tax')}`);
        if (draft.entity !== 'Invoice') throw new Error('an invoice draft');
        const lines = draft.fields.lines.map((line) => (line.itemId === null ? line : { ...line, taxable: true }));
        const ref = valueOf(await taxed.gateway.create(taxed.tenantId, { entity: 'Invoice', fields: { ...draft.fields, lines, taxCents: 91, taxCodeId: code.ref.id } }, requestId()));
        const invoice = valueOf(await taxed.gateway.get(taxed.tenantId, 'Invoice', ref.id));
        expect([invoice.totalCents, invoice.balanceCents, invoice.fields.taxCents, invoice.fields.taxCodeId]).toEqual([1005 + 91, 1005 + 91, 91, code.ref.id]);
        expect(invoice.fields.lines.filter((line) => line.itemId !== null).map((line) => line.taxable)).toEqual([true]);
        const noTaxable = await taxed.gateway.create(taxed.tenantId, { entity: 'Invoice', fields: { ...draft.fields, taxCents: 91, taxCodeId: code.ref.id, privateNote: 'no taxable line' } }, requestId());
        expect(noTaxable.ok).toBe(false);
        const untaxed = valueOf(await taxed.gateway.create(taxed.tenantId, { entity: 'Invoice', fields: { ...draft.fields, privateNote: 'untaxed' } }, requestId()));
        const read = valueOf(await taxed.gateway.get(taxed.tenantId, 'Invoice', untaxed.id));
        expect([read.totalCents, read.fields.taxCents]).toEqual([1005, undefined]);
      });

      it('a deposit of payments waiting in Undeposited Funds less a fee: total = net, found by its marker, its payments held (6540) until it lets them go', async () => {
        const accounts = await all(gateway, tenantId, 'Account');
        const undeposited = accounts.find((account) => account.fields.accountSubType === 'UndepositedFunds')!;
        const { incomeId, bankId } = await accountsOf(tenant);
        const customerRef = valueOf(await gateway.create(tenantId, customer(unique('Card Payer')), requestId()));
        const paymentOf = async (totalCents: number) =>
          valueOf(await gateway.create(tenantId, { entity: 'Payment', fields: { customerId: customerRef.id, totalCents, txnDate: '2026-03-02', depositAccountId: undeposited.ref.id, invoiceId: null, paymentRefNum: null, privateNote: unique('p') } }, requestId()));
        const [first, second] = [await paymentOf(10_000), await paymentOf(5_550)];
        const marker = `qbo-sync:t:payout:${unique('po')}`;
        const fields = { txnDate: '2026-03-05', payments: [{ paymentId: first.id, amountCents: 10_000 }, { paymentId: second.id, amountCents: 5_550 }], feeCents: 512, privateNote: marker, depositAccountId: bankId, feeAccountId: incomeId };
        const ref = valueOf(await gateway.create(tenantId, { entity: 'Deposit', fields }, requestId()));
        const deposit = valueOf(await gateway.get(tenantId, 'Deposit', ref.id));
        expect(deposit).toMatchObject({ totalCents: 15_038, fields: { payments: fields.payments, feeCents: 512, depositAccountId: bankId, feeAccountId: incomeId } });
        expect(valueOf(await gateway.findByMarker(tenantId, 'Deposit', marker))?.ref.id).toBe(ref.id);

        expect(await gateway.delete(tenantId, 'Payment', second, requestId())).toMatchObject({ ok: false, error: { code: '6540' } });
        const twice = await gateway.create(tenantId, { entity: 'Deposit', fields: { ...fields, privateNote: 'again' } }, requestId());
        expect(twice.ok).toBe(false);

        const updated = valueOf(await gateway.update(tenantId, deposit.ref, { entity: 'Deposit', fields: { payments: [fields.payments[0]!], feeCents: 512, feeAccountId: incomeId } }, requestId()));
        expect(valueOf(await gateway.get(tenantId, 'Deposit', ref.id)).totalCents).toBe(9_488);
        valueOf(await gateway.delete(tenantId, 'Payment', second, requestId()));
        valueOf(await gateway.delete(tenantId, 'Deposit', updated, requestId()));
        expect(await gateway.get(tenantId, 'Deposit', ref.id)).toMatchObject({ ok: false, error: { kind: 'NotFound' } });
        valueOf(await gateway.delete(tenantId, 'Payment', first, requestId()));
      });
    });

    describe('batch', () => {
      it('answers each operation in request order, faults included', async () => {
        const existing = unique('Taken');
        const ref = valueOf(await gateway.create(tenantId, customer(existing), requestId()));
        const created = unique('Batch A');
        const results = await gateway.batch(tenantId, [
          { operation: 'create', draft: customer(created), requestId: requestId() },
          { operation: 'create', draft: customer(existing), requestId: requestId() },
          { operation: 'update', ref, changes: { entity: 'Customer', fields: { email: 'x@y.co' } }, requestId: requestId() },
          { operation: 'update', ref, changes: { entity: 'Customer', fields: { email: 'z@y.co' } }, requestId: requestId() },
        ]);
        expect(kinds(results)).toEqual(['ok', 'DuplicateName', 'ok', 'StaleObject']);
        expect(valueOf(await gateway.findByName(tenantId, 'Customer', created))?.ref).toEqual(valueOf(results[0]!));
        expect(await gateway.batch(tenantId, [])).toEqual([]);
      });

      it('refuses more than 30 operations', async () => {
        const operations = Array.from({ length: 31 }, () => ({ operation: 'create' as const, draft: customer(unique('X')), requestId: requestId() }));
        await expect(gateway.batch(tenantId, operations)).rejects.toThrow('at most 30');
      });
    });
  });
}
