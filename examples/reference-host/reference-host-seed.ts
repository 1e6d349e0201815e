import type { Knex } from 'knex';
import { invoiceTax, type CustomerSeed, type HostSeed, type InvoiceSeed, type ItemSeed, type PaymentSeed, type PayoutSeed, type RefundSeed } from '../../src/testing/host-seed';

// The seed shapes live in the package's testing entry (hosts seed their own tables with them); re-exported for the demo and tests.
export { invoiceTax, type CustomerSeed, type HostSeed, type InvoiceLineSeed, type InvoiceSeed, type ItemSeed, type PaymentSeed, type PayoutSeed, type RefundSeed, type TaxRateSeed } from '../../src/testing/host-seed';

/**
 * Writes the reference host's tables the way the host application would: for the demo and the tests. Pass the
 * host's transaction as `db` to write and notify atomically. Every write sets `updated_at` from `now`.
 */
export class ReferenceHostSeeder implements HostSeed {
  constructor(
    private readonly db: Knex | Knex.Transaction,
    private readonly now: () => number = Date.now,
  ) {}

  /** The same seeder inside a host transaction. */
  within(trx: Knex.Transaction): ReferenceHostSeeder {
    return new ReferenceHostSeeder(trx, this.now);
  }

  async customer(companyId: string, seed: CustomerSeed = {}): Promise<string> {
    const at = this.at();
    return this.insert('customers', { company_id: companyId, ...customerColumns({ firstName: 'Maria', lastName: 'Lopez', ...seed }), created_at: at, updated_at: at });
  }

  async updateCustomer(id: string, changes: CustomerSeed): Promise<void> {
    await this.db('customers').where({ id }).update({ ...customerColumns(changes), updated_at: this.at() });
  }

  async item(companyId: string, seed: ItemSeed): Promise<string> {
    return this.insert('catalog_items', {
      company_id: companyId,
      kind: seed.kind ?? 'product',
      name: seed.name,
      description: seed.description ?? null,
      unit_price_cents: seed.unitPriceCents ?? 0,
      sku: seed.sku ?? null,
      is_active: seed.isActive ?? true,
      updated_at: this.at(),
    });
  }

  /** The invoice and its lines; amounts are quantity × unit price rounded to the cent, the total their sum plus the tax. */
  async invoice(companyId: string, seed: InvoiceSeed): Promise<string> {
    const lines = seed.lines.map((line) => {
      const quantity = line.quantity ?? 1;
      return { ...line, quantity, amountCents: Math.round(quantity * line.unitPriceCents) };
    });
    const taxCents = invoiceTax(lines, seed.taxRate);
    const id = await this.insert('invoices', {
      company_id: companyId,
      customer_id: seed.customerId,
      number: seed.number ?? `INV-${this.now()}`,
      issued_on: seed.issuedOn ?? '2026-01-15',
      due_on: seed.dueOn ?? null,
      status: seed.status ?? 'sent',
      total_cents: lines.reduce((sum, line) => sum + line.amountCents, 0) + taxCents,
      tax_cents: taxCents,
      tax_rate_name: taxCents > 0 ? (seed.taxRate?.name ?? null) : null,
      updated_at: this.at(),
    });
    for (const line of lines) {
      await this.insert('invoice_lines', {
        invoice_id: id,
        catalog_item_id: line.catalogItemId ?? null,
        description: line.description ?? 'Service',
        quantity: line.quantity,
        unit_price_cents: line.unitPriceCents,
        amount_cents: line.amountCents,
        taxable: line.taxable ?? false,
      });
    }
    return id;
  }

  async payment(companyId: string, seed: PaymentSeed): Promise<string> {
    return this.insert('payments', {
      company_id: companyId,
      customer_id: seed.customerId,
      invoice_id: seed.invoiceId ?? null,
      amount_cents: seed.amountCents,
      method: seed.method ?? 'check',
      received_on: seed.receivedOn ?? '2026-01-20',
      reference: seed.reference ?? null,
      deleted_at: null,
      updated_at: this.at(),
    });
  }

  /** The host deletes payments softly: the row stays with `deleted_at` set. */
  async deletePayment(id: string): Promise<void> {
    const at = this.at();
    await this.db('payments').where({ id }).update({ deleted_at: at, updated_at: at });
  }

  /** A processor payout of `paymentIds`: gross their sum, net the gross less the fee. */
  async payout(companyId: string, seed: PayoutSeed): Promise<string> {
    const amounts = await this.paymentAmounts(seed.paymentIds);
    const gross = amounts.reduce((sum, cents) => sum + cents, 0);
    const id = await this.insert('payouts', {
      company_id: companyId,
      paid_on: seed.paidOn ?? '2026-01-22',
      gross_cents: gross,
      fee_cents: seed.feeCents,
      net_cents: gross - seed.feeCents,
      reference: seed.reference ?? null,
      deleted_at: null,
      updated_at: this.at(),
    });
    for (const paymentId of seed.paymentIds) await this.db('payout_payments').insert({ payout_id: id, payment_id: paymentId });
    return id;
  }

  /** The payout now carries `paymentIds` (gross and net follow), with `feeCents` when given. */
  async updatePayout(id: string, changes: { readonly paymentIds?: readonly string[]; readonly feeCents?: number }): Promise<void> {
    const current = await this.db('payouts').where({ id }).first();
    const paymentIds = changes.paymentIds ?? (await this.db('payout_payments').where({ payout_id: id }).pluck('payment_id')).map(String);
    const fee = changes.feeCents ?? Number(current.fee_cents);
    const gross = (await this.paymentAmounts(paymentIds)).reduce((sum, cents) => sum + cents, 0);
    await this.db('payout_payments').where({ payout_id: id }).delete();
    for (const paymentId of paymentIds) await this.db('payout_payments').insert({ payout_id: id, payment_id: paymentId });
    await this.db('payouts').where({ id }).update({ gross_cents: gross, fee_cents: fee, net_cents: gross - fee, updated_at: this.at() });
  }

  /** The host deletes payouts softly, as it does payments. */
  async deletePayout(id: string): Promise<void> {
    const at = this.at();
    await this.db('payouts').where({ id }).update({ deleted_at: at, updated_at: at });
  }

  async refund(companyId: string, seed: RefundSeed): Promise<string> {
    return this.insert('refunds', {
      company_id: companyId,
      payment_id: seed.paymentId,
      amount_cents: seed.amountCents,
      refunded_on: seed.refundedOn ?? '2026-01-25',
      reason: seed.reason ?? null,
      updated_at: this.at(),
    });
  }

  private async paymentAmounts(ids: readonly string[]): Promise<number[]> {
    const rows: Array<{ id: unknown; amount_cents: unknown }> = ids.length === 0 ? [] : await this.db('payments').whereIn('id', [...ids]).select('id', 'amount_cents');
    return ids.map((id) => Number(rows.find((row) => String(row.id) === id)?.amount_cents ?? 0));
  }

  private at(): Date {
    return new Date(this.now());
  }

  private async insert(table: string, row: Record<string, unknown>): Promise<string> {
    const [id] = await this.db(table).insert(row);
    return String(id);
  }
}

const customerColumns = (seed: CustomerSeed): Record<string, unknown> => {
  const columns: Record<string, unknown> = {
    first_name: seed.firstName,
    last_name: seed.lastName,
    company_name: seed.companyName,
    display_as_company: seed.displayAsCompany,
    email: seed.email,
    phone: seed.phone,
    street: seed.street,
    city: seed.city,
    state: seed.state,
    zip: seed.zip,
    is_active: seed.isActive,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
};
