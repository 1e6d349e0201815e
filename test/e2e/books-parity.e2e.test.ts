import type { Knex } from 'knex';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import type { HostRecordKind } from '../../src/domain/host/host-records';
import { emulatorState, type EmulatorRecord } from '../support/emulator-state';
import { useHostStack } from '../support/host-stack';
import { today, unsettledRows } from '../support/workers/sync-tenant';

const tenant = '5141';

interface Books {
  customers: Array<{ id: string; openReceivableCents: number; openCreditCents: number; balanceCents: number }>;
  accounts: Array<{ id: string; balanceCents: number }>;
}

/**
 * Issue 14, books parity: each everyday money case checked the way a bookkeeper checks it — the customer's open
 * A/R, open credit and Customer.Balance, the deposit account's and the income account's balances — through the
 * emulator's books endpoint, against what the host shows. MariaDB, notify in the host transaction, the emulator over HTTP.
 */
describe('books parity end to end (MariaDB, the emulator over HTTP)', () => {
  const stack = useHostStack({ tenant, timeoutMs: 30_000 });
  let settings: { income_account_id: string; deposit_account_id: string };
  let itemId = '';

  beforeAll(async () => {
    settings = await stack.db.knex('qbo_settings').where({ tenant_id: tenant }).first();
    await hostChange(async (seed) => [['item', (itemId = await seed.item(tenant, { kind: 'pool_service', name: 'Pool visit', unitPriceCents: 5_000 }))]]);
  });

  const hostChange = async (write: (seed: ReferenceHostSeeder, trx: Knex.Transaction) => Promise<Array<[HostRecordKind, string]>>): Promise<void> => {
    await stack.db.knex.transaction(async (trx) => {
      const touched = await write(new ReferenceHostSeeder(trx), trx);
      await stack.host.plugin.notify(touched.map(([kind, id]) => ({ tenantId: tenant, kind, id })), { trx });
    });
    for (let pass = 0; pass < 8 && (await unsettledRows(stack.db.knex)) > 0; pass++) await stack.host.plugin.deliverPending();
    expect(await unsettledRows(stack.db.knex)).toBe(0);
    expect(await stack.db.knex('qbo_activity').where({ tenant_id: tenant, outcome: 'failure' }).select('message')).toEqual([]);
  };
  const qbo = async (entity: string): Promise<EmulatorRecord[]> => (await emulatorState(stack.emulator.url, stack.realmId))[entity] ?? [];
  const linkOf = async (kind: HostRecordKind, hostId: string): Promise<string> => (await stack.db.knex('qbo_links').where({ tenant_id: tenant, kind, host_id: hostId }).first()).qbo_id;
  const books = async (): Promise<Books> => (await fetch(`${stack.emulator.url}/__emulator/realms/${stack.realmId}/books`)).json() as never;
  const booksOf = async (hostCustomerId: string): Promise<{ openReceivableCents: number; openCreditCents: number; balanceCents: number }> => {
    const id = await linkOf('customer', hostCustomerId);
    const { openReceivableCents, openCreditCents, balanceCents } = (await books()).customers.find((c) => c.id === id)!;
    return { openReceivableCents, openCreditCents, balanceCents };
  };
  const account = async (id: string): Promise<number> => (await books()).accounts.find((a) => a.id === id)!.balanceCents;
  const money = async () => ({ deposit: await account(settings.deposit_account_id), income: await account(settings.income_account_id) });
  const record = async (entity: string, kind: HostRecordKind, hostId: string): Promise<EmulatorRecord> => {
    const id = await linkOf(kind, hostId);
    return (await qbo(entity)).find((r) => r.Id === id)!;
  };
  /** The host edits a paid invoice: its one line (and so its total) becomes `cents`. */
  const editInvoice = (invoiceId: string, cents: number) => async (_seed: ReferenceHostSeeder, trx: Knex.Transaction): Promise<Array<[HostRecordKind, string]>> => {
    await trx('invoice_lines').where({ invoice_id: invoiceId }).update({ quantity: 1, unit_price_cents: cents, amount_cents: cents });
    await trx('invoices').where({ id: invoiceId }).update({ total_cents: cents, updated_at: new Date() });
    return [['invoice', invoiceId]];
  };

  it('an overpayment ($400 on a $350 invoice) is one payment: 350 applied to the invoice, 50 left as the customer credit', async () => {
    const before = await money();
    let customerId = '';
    let invoiceId = '';
    let paymentId = '';
    await hostChange(async (seed) => {
      customerId = await seed.customer(tenant, { firstName: 'Oscar', lastName: 'Overpaid' });
      invoiceId = await seed.invoice(tenant, { customerId, number: 'OVER-1', issuedOn: today(), lines: [{ catalogItemId: itemId, quantity: 7, unitPriceCents: 5_000 }] });
      paymentId = await seed.payment(tenant, { customerId, invoiceId, amountCents: 40_000, receivedOn: today() });
      return [['customer', customerId], ['invoice', invoiceId], ['payment', paymentId]];
    });
    const payment = await record('Payment', 'payment', paymentId);
    expect(payment).toMatchObject({ TotalAmt: 400, UnappliedAmt: 50 });
    expect(payment['Line']).toEqual([expect.objectContaining({ Amount: 350, LinkedTxn: [{ TxnId: await linkOf('invoice', invoiceId), TxnType: 'Invoice' }] })]);
    expect(await record('Invoice', 'invoice', invoiceId)).toMatchObject({ TotalAmt: 350, Balance: 0 });
    // The host: invoice paid, $50 of credit.
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 5_000, balanceCents: -5_000 });
    const after = await money();
    expect({ deposit: after.deposit - before.deposit, income: after.income - before.income }).toEqual({ deposit: 40_000, income: 35_000 });
  });

  it('a paid invoice edited below its payment: the line is lowered first, the rest becomes credit; raised again, it is applied again', async () => {
    let customerId = '';
    let invoiceId = '';
    let paymentId = '';
    await hostChange(async (seed) => {
      customerId = await seed.customer(tenant, { firstName: 'Edith', lastName: 'Edited' });
      invoiceId = await seed.invoice(tenant, { customerId, number: 'EDIT-1', issuedOn: today(), lines: [{ catalogItemId: itemId, quantity: 6, unitPriceCents: 5_000 }] });
      paymentId = await seed.payment(tenant, { customerId, invoiceId, amountCents: 30_000, receivedOn: today() });
      return [['customer', customerId], ['invoice', invoiceId], ['payment', paymentId]];
    });
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 0, balanceCents: 0 });
    const before = await money();

    await hostChange(editInvoice(invoiceId, 15_000));
    expect(await record('Invoice', 'invoice', invoiceId)).toMatchObject({ TotalAmt: 150, Balance: 0 });
    expect(await record('Payment', 'payment', paymentId)).toMatchObject({ TotalAmt: 300, UnappliedAmt: 150 });
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 15_000, balanceCents: -15_000 });
    let after = await money();
    expect({ deposit: after.deposit - before.deposit, income: after.income - before.income }).toEqual({ deposit: 0, income: -15_000 });

    await hostChange(editInvoice(invoiceId, 40_000));
    expect(await record('Invoice', 'invoice', invoiceId)).toMatchObject({ TotalAmt: 400, Balance: 100 });
    expect(await record('Payment', 'payment', paymentId)).toMatchObject({ TotalAmt: 300, UnappliedAmt: 0 });
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 10_000, openCreditCents: 0, balanceCents: 10_000 });
    after = await money();
    expect({ deposit: after.deposit - before.deposit, income: after.income - before.income }).toEqual({ deposit: 0, income: 10_000 });
  });

  it('a paid invoice voided in the host: its payment is unapplied first, then the invoice is voided; the money stays as credit', async () => {
    let customerId = '';
    let invoiceId = '';
    let paymentId = '';
    await hostChange(async (seed) => {
      customerId = await seed.customer(tenant, { firstName: 'Vera', lastName: 'Voided' });
      invoiceId = await seed.invoice(tenant, { customerId, number: 'VOID-1', issuedOn: today(), lines: [{ catalogItemId: itemId, quantity: 2, unitPriceCents: 5_000 }] });
      paymentId = await seed.payment(tenant, { customerId, invoiceId, amountCents: 10_000, receivedOn: today() });
      return [['customer', customerId], ['invoice', invoiceId], ['payment', paymentId]];
    });
    const before = await money();
    await hostChange(async (_seed, trx) => (await trx('invoices').where({ id: invoiceId }).update({ status: 'void', updated_at: new Date() }), [['invoice', invoiceId]]));
    expect(await record('Invoice', 'invoice', invoiceId)).toMatchObject({ TotalAmt: 0, Balance: 0 });
    expect(await record('Payment', 'payment', paymentId)).toMatchObject({ TotalAmt: 100, UnappliedAmt: 100 });
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 10_000, balanceCents: -10_000 });
    const after = await money();
    expect({ deposit: after.deposit - before.deposit, income: after.income - before.income }).toEqual({ deposit: 0, income: -10_000 });
  });

  it('two payments on one invoice: the later one takes what is left; the earlier deleted, the later is applied in full', async () => {
    let customerId = '';
    let invoiceId = '';
    let first = '';
    let second = '';
    await hostChange(async (seed) => {
      customerId = await seed.customer(tenant, { firstName: 'Tess', lastName: 'Twice' });
      invoiceId = await seed.invoice(tenant, { customerId, number: 'TWO-1', issuedOn: today(), lines: [{ catalogItemId: itemId, quantity: 7, unitPriceCents: 5_000 }] });
      first = await seed.payment(tenant, { customerId, invoiceId, amountCents: 30_000, receivedOn: today() });
      second = await seed.payment(tenant, { customerId, invoiceId, amountCents: 10_000, receivedOn: today() });
      return [['customer', customerId], ['invoice', invoiceId], ['payment', first], ['payment', second]];
    });
    expect(await record('Payment', 'payment', second)).toMatchObject({ TotalAmt: 100, UnappliedAmt: 50 });
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 5_000, balanceCents: -5_000 });

    await hostChange(async (seed) => (await seed.deletePayment(first), [['payment', first]]));
    expect(await record('Payment', 'payment', second)).toMatchObject({ TotalAmt: 100, UnappliedAmt: 0 });
    expect(await record('Invoice', 'invoice', invoiceId)).toMatchObject({ Balance: 250 });
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 25_000, openCreditCents: 0, balanceCents: 25_000 });
  });

  it('a refund of an account credit ($20 of $50) uses the credit: open credit 30, the bank pays 20, income does not move', async () => {
    const before = await money();
    let customerId = '';
    let creditId = '';
    let refundId = '';
    await hostChange(async (seed) => {
      customerId = await seed.customer(tenant, { firstName: 'Cora', lastName: 'Credit' });
      creditId = await seed.payment(tenant, { customerId, invoiceId: null, amountCents: 5_000, receivedOn: today() });
      return [['customer', customerId], ['payment', creditId]];
    });
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 5_000, balanceCents: -5_000 });
    await hostChange(async (seed) => [['refund', (refundId = await seed.refund(tenant, { paymentId: creditId, amountCents: 2_000, refundedOn: today(), reason: 'Moved away' }))]]);
    expect(await record('Purchase', 'refund', refundId)).toMatchObject({ TotalAmt: 20, PaymentType: 'Cash', AccountRef: { value: settings.deposit_account_id } });
    expect(await record('Payment', 'payment', creditId)).toMatchObject({ TotalAmt: 50, UnappliedAmt: 30 });
    expect(await qbo('RefundReceipt')).toEqual([]);
    // The host: $30 of credit left.
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 3_000, balanceCents: -3_000 });
    const after = await money();
    expect({ deposit: after.deposit - before.deposit, income: after.income - before.income }).toEqual({ deposit: 3_000, income: 0 });

    // A second refund of the rest, then one more than is left: the last is refused with what to do, nothing moves.
    let last = '';
    await hostChange(async (seed) => [['refund', await seed.refund(tenant, { paymentId: creditId, amountCents: 3_000, refundedOn: today(), reason: null })]]);
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 0, balanceCents: 0 });
    await stack.db.knex.transaction(async (trx) => {
      last = await new ReferenceHostSeeder(trx).refund(tenant, { paymentId: creditId, amountCents: 100, refundedOn: today(), reason: null });
      await stack.host.plugin.notify([{ tenantId: tenant, kind: 'refund', id: last }], { trx });
    });
    for (let pass = 0; pass < 5 && (await unsettledRows(stack.db.knex)) > 0; pass++) await stack.host.plugin.deliverPending();
    const refused = await stack.db.knex('qbo_activity').where({ tenant_id: tenant, outcome: 'failure', kind: 'refund', host_id: last }).select('message');
    expect(refused.map((row) => row.message)).toEqual([expect.stringMatching(/more than the \$0\.00 left of the \$50\.00 credit it refunds; lower the refund/)]);
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 0, balanceCents: 0 });
    await stack.db.knex('qbo_activity').where({ tenant_id: tenant, kind: 'refund', host_id: last }).delete();
  });

  it('a credit refund removed in the host: the credit lets go of the expense first, then the expense is deleted; the credit is whole again', async () => {
    let customerId = '';
    let creditId = '';
    let refundId = '';
    await hostChange(async (seed) => {
      customerId = await seed.customer(tenant, { firstName: 'Ruth', lastName: 'Reverted' });
      creditId = await seed.payment(tenant, { customerId, invoiceId: null, amountCents: 6_000, receivedOn: today() });
      refundId = await seed.refund(tenant, { paymentId: creditId, amountCents: 1_500, refundedOn: today(), reason: null });
      return [['customer', customerId], ['payment', creditId], ['refund', refundId]];
    });
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 4_500, balanceCents: -4_500 });
    const expenseId = await linkOf('refund', refundId);
    const before = await money();
    await hostChange(async (_seed, trx) => (await trx('refunds').where({ id: refundId }).delete(), [['refund', refundId]]));
    expect((await qbo('Purchase')).find((p) => p.Id === expenseId)?.['status']).toBe('Deleted');
    expect(await record('Payment', 'payment', creditId)).toMatchObject({ TotalAmt: 60, UnappliedAmt: 60, Line: [] });
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 6_000, balanceCents: -6_000 });
    const after = await money();
    expect({ deposit: after.deposit - before.deposit, income: after.income - before.income }).toEqual({ deposit: 1_500, income: 0 });
  });

  it('a refund of an invoice payment reverses the sale: a RefundReceipt, income and the bank drop, the invoice stays paid', async () => {
    let customerId = '';
    let invoiceId = '';
    let paymentId = '';
    await hostChange(async (seed) => {
      customerId = await seed.customer(tenant, { firstName: 'Rita', lastName: 'Refunded' });
      invoiceId = await seed.invoice(tenant, { customerId, number: 'SALE-1', issuedOn: today(), lines: [{ catalogItemId: itemId, quantity: 2, unitPriceCents: 5_000 }] });
      paymentId = await seed.payment(tenant, { customerId, invoiceId, amountCents: 10_000, receivedOn: today() });
      return [['customer', customerId], ['invoice', invoiceId], ['payment', paymentId]];
    });
    const before = await money();
    await hostChange(async (seed) => [['refund', await seed.refund(tenant, { paymentId, amountCents: 4_000, refundedOn: today(), reason: 'Missed visit' })]]);
    expect(await record('Invoice', 'invoice', invoiceId)).toMatchObject({ Balance: 0 });
    expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 0, balanceCents: 0 });
    const after = await money();
    // The "Refund" item posts to the income account chosen in the settings: the sale is reversed there.
    expect({ deposit: after.deposit - before.deposit, income: after.income - before.income }).toEqual({ deposit: -4_000, income: -4_000 });
  });

  describe('a customer made inactive in the host while its money still moves', () => {
    const qboCustomer = async (hostId: string): Promise<EmulatorRecord> => record('Customer', 'customer', hostId);
    const customerLines = async (hostId: string): Promise<string[]> =>
      (await stack.db.knex('qbo_activity').where({ tenant_id: tenant, kind: 'customer', host_id: hostId }).whereIn('outcome', ['success', 'skipped']).orderBy('id').select('message')).map((row) => row.message as string);

    it('service cancelled with the last invoice unpaid: kept active in QBO, the payment arrives, then it is made inactive there', async () => {
      let customerId = '';
      let invoiceId = '';
      await hostChange(async (seed) => {
        customerId = await seed.customer(tenant, { firstName: 'Ivan', lastName: 'Inactive' });
        invoiceId = await seed.invoice(tenant, { customerId, number: 'LAST-1', issuedOn: today(), lines: [{ catalogItemId: itemId, quantity: 7, unitPriceCents: 5_000 }] });
        return [['customer', customerId], ['invoice', invoiceId]];
      });
      const before = await money();
      await hostChange(async (seed) => (await seed.updateCustomer(customerId, { isActive: false }), [['customer', customerId]]));
      expect(await qboCustomer(customerId)).toMatchObject({ Active: true });
      expect((await customerLines(customerId)).at(-1)).toBe(`Did not send customer "Ivan Inactive" to QuickBooks: it is inactive in the app but kept active in QuickBooks until its balance is settled (it still owes $350.00)`);

      let paymentId = '';
      await hostChange(async (seed) => [['payment', (paymentId = await seed.payment(tenant, { customerId, invoiceId, amountCents: 35_000, receivedOn: today() }))]]);
      expect(await record('Invoice', 'invoice', invoiceId)).toMatchObject({ TotalAmt: 350, Balance: 0 });
      expect(await record('Payment', 'payment', paymentId)).toMatchObject({ TotalAmt: 350, UnappliedAmt: 0 });
      // Settled: the payment's write brought the customer back, and QBO now has it inactive as the host does.
      expect(await qboCustomer(customerId)).toMatchObject({ Active: false });
      expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 0, balanceCents: 0 });
      const after = await money();
      expect({ deposit: after.deposit - before.deposit, income: after.income - before.income }).toEqual({ deposit: 35_000, income: 35_000 });
    });

    it('inactive in both, then a credit comes in: made active again first, the credit arrives; refunded in full, inactive again', async () => {
      let customerId = '';
      await hostChange(async (seed) => [['customer', (customerId = await seed.customer(tenant, { firstName: 'Greta', lastName: 'Gone', isActive: false }))]]);
      expect(await qboCustomer(customerId)).toMatchObject({ Active: false });
      const before = await money();
      let creditId = '';
      await hostChange(async (seed) => [['payment', (creditId = await seed.payment(tenant, { customerId, invoiceId: null, amountCents: 2_500, receivedOn: today() }))]]);
      expect(await qboCustomer(customerId)).toMatchObject({ Active: true });
      expect(await record('Payment', 'payment', creditId)).toMatchObject({ TotalAmt: 25, UnappliedAmt: 25 });
      expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 2_500, balanceCents: -2_500 });
      expect((await customerLines(customerId)).join('\n')).toMatch(/kept active in QuickBooks until its (balance|money there) is settled/);

      await hostChange(async (seed) => [['refund', await seed.refund(tenant, { paymentId: creditId, amountCents: 2_500, refundedOn: today(), reason: 'Closing the account' })]]);
      expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 0, balanceCents: 0 });
      expect(await qboCustomer(customerId)).toMatchObject({ Active: false });
      const after = await money();
      expect({ deposit: after.deposit - before.deposit, income: after.income - before.income }).toEqual({ deposit: 0, income: 0 });
    });
    it('inactive in both with its money settled, then its paid invoice is raised: made active again before the edit goes', async () => {
      let customerId = '';
      let invoiceId = '';
      await hostChange(async (seed) => {
        customerId = await seed.customer(tenant, { firstName: 'Edda', lastName: 'Settled' });
        invoiceId = await seed.invoice(tenant, { customerId, number: 'SET-1', issuedOn: today(), lines: [{ catalogItemId: itemId, quantity: 2, unitPriceCents: 5_000 }] });
        const paymentId = await seed.payment(tenant, { customerId, invoiceId, amountCents: 10_000, receivedOn: today() });
        return [['customer', customerId], ['invoice', invoiceId], ['payment', paymentId]];
      });
      await hostChange(async (seed) => (await seed.updateCustomer(customerId, { isActive: false }), [['customer', customerId]]));
      expect(await qboCustomer(customerId)).toMatchObject({ Active: false });
      await hostChange(editInvoice(invoiceId, 15_000));
      expect(await record('Invoice', 'invoice', invoiceId)).toMatchObject({ TotalAmt: 150, Balance: 50 });
      expect(await qboCustomer(customerId)).toMatchObject({ Active: true });
      expect(await booksOf(customerId)).toEqual({ openReceivableCents: 5_000, openCreditCents: 0, balanceCents: 5_000 });
    });
  });
  describe('an item made inactive in the host while an invoice naming it still moves (ADR 0077)', () => {
    const qboItem = async (hostId: string): Promise<EmulatorRecord> => record('Item', 'item', hostId);
    const itemLines = async (hostId: string): Promise<string[]> =>
      (await stack.db.knex('qbo_activity').where({ tenant_id: tenant, kind: 'item', host_id: hostId }).whereIn('outcome', ['success', 'skipped']).orderBy('id').select('message')).map((row) => row.message as string);
    const retire = (id: string) => async (_seed: ReferenceHostSeeder, trx: Knex.Transaction): Promise<void> => {
      await trx('catalog_items').where({ id }).update({ is_active: false, updated_at: new Date() });
    };

    it('retired in the same host change that pays its invoice: the invoice and payment reach QBO, then the item goes inactive there', async () => {
      let filterId = '';
      let customerId = '';
      let invoiceId = '';
      await hostChange(async (seed) => {
        filterId = await seed.item(tenant, { kind: 'product', name: 'Filter cartridge (old model)', unitPriceCents: 4_500 });
        customerId = await seed.customer(tenant, { firstName: 'Rita', lastName: 'Retired' });
        invoiceId = await seed.invoice(tenant, { customerId, number: 'RET-1', issuedOn: today(), lines: [{ catalogItemId: filterId, quantity: 2, unitPriceCents: 4_500 }] });
        return [['item', filterId], ['customer', customerId], ['invoice', invoiceId]];
      });
      const before = await money();
      let paymentId = '';
      // The item is listed first: a plugin that sends it inactive before the invoice meets QBO's refusal (610).
      await hostChange(async (seed, trx) => {
        await retire(filterId)(seed, trx);
        paymentId = await seed.payment(tenant, { customerId, invoiceId, amountCents: 9_000, receivedOn: today() });
        return [['item', filterId], ['payment', paymentId], ['invoice', invoiceId]];
      });
      expect(await record('Invoice', 'invoice', invoiceId)).toMatchObject({ TotalAmt: 90, Balance: 0 });
      expect(await record('Payment', 'payment', paymentId)).toMatchObject({ TotalAmt: 90, UnappliedAmt: 0 });
      // As the host has it: the item inactive, the customer owing nothing.
      expect(await qboItem(filterId)).toMatchObject({ Active: false });
      expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 0, balanceCents: 0 });
      const after = await money();
      expect({ deposit: after.deposit - before.deposit, income: after.income - before.income }).toEqual({ deposit: 9_000, income: 9_000 });
    });

    it('inactive in both, then an old invoice naming it is paid: made active again first, the invoice arrives, inactive again', async () => {
      let filterId = '';
      let customerId = '';
      let invoiceId = '';
      await hostChange(async (seed) => {
        filterId = await seed.item(tenant, { kind: 'product', name: 'Salt cell (discontinued)', unitPriceCents: 30_000 });
        customerId = await seed.customer(tenant, { firstName: 'Sal', lastName: 'Late' });
        invoiceId = await seed.invoice(tenant, { customerId, number: 'RET-2', issuedOn: today(), lines: [{ catalogItemId: filterId, quantity: 1, unitPriceCents: 30_000 }] });
        return [['item', filterId], ['customer', customerId], ['invoice', invoiceId]];
      });
      // Unpaid, the invoice is not in QBO: nothing keeps the item active there.
      await hostChange(async (seed, trx) => (await retire(filterId)(seed, trx), [['item', filterId]]));
      expect(await qboItem(filterId)).toMatchObject({ Active: false });

      let paymentId = '';
      await hostChange(async (seed) => [['payment', (paymentId = await seed.payment(tenant, { customerId, invoiceId, amountCents: 30_000, receivedOn: today() }))]]);
      expect(await record('Invoice', 'invoice', invoiceId)).toMatchObject({ TotalAmt: 300, Balance: 0 });
      expect(await record('Payment', 'payment', paymentId)).toMatchObject({ TotalAmt: 300, UnappliedAmt: 0 });
      expect(await qboItem(filterId)).toMatchObject({ Active: false });
      expect(await booksOf(customerId)).toEqual({ openReceivableCents: 0, openCreditCents: 0, balanceCents: 0 });
      // The activity log tells the item's story in words.
      expect((await itemLines(filterId)).slice(1)).toEqual([
        'Updated item "Salt cell (discontinued)" in QuickBooks: Status: active → inactive.',
        'Updated item "Salt cell (discontinued)" in QuickBooks: Status: inactive → active. Note: inactive in the app, kept active in QuickBooks until the invoices naming it are sent (invoice RET-2 is still to be sent).',
        'Updated item "Salt cell (discontinued)" in QuickBooks: Status: active → inactive.',
      ]);
    });
  });
});
