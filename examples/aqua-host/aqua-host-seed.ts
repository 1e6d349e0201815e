import type { Knex } from 'knex';
import { centsToDecimalDollars, decimalDollarsToCents } from '../../src/plugin';
import { ContractClock, invoiceTax, type CustomerSeed, type HostContractOptions, type HostFixture, type HostSeed, type InvoiceSeed, type ItemSeed, type PaymentSeed, type PayoutSeed, type RefundSeed } from '../../src/testing';
import { aquaCategoryOfKind } from './aqua-host-rows';
import { aquaUuid } from './aqua-ids';
import { AquaHostDirectory } from './aqua-host.directory';
import { AquaHostWriter } from './aqua-host.writer';

const stateOfStatus = { draft: 'draft', sent: 'open', void: 'cancelled' } as const;

/** The name the aqua app keeps in its one name column: a business's company name, or the person's whole name. */
export const aquaFullName = (seed: CustomerSeed): string =>
  seed.displayAsCompany ? (seed.companyName ?? '') : `${seed.firstName ?? 'Maria'} ${seed.lastName ?? 'Lopez'}`.trim();

/** What the aqua tables hold of a record, for the contract suite: one name column, no address, no SKU, no sales tax. */
export const aquaHostKeeps: HostContractOptions = {
  salesTax: false,
  keeps: {
    customer: (written) => ({
      ...written,
      firstName: written.displayAsCompany ? '' : `${written.firstName} ${written.lastName}`.trim(),
      lastName: '',
      companyName: written.displayAsCompany ? written.companyName : null,
      street: null, city: null, state: null, zip: null,
    }),
    item: (written) => ({ ...written, sku: null }),
  },
};

/**
 * The contract suite's fixture for the aqua adapter over `knex` (its tables made): a fresh clock, the adapter, this
 * seeder, and the two ways to write a row the adapter cannot read. This repository's contract test and the outside
 * host of the packed-package test both use it.
 */
export const aquaContractFixture = (knex: Knex): HostFixture => {
  const clock = new ContractClock();
  return {
    directory: new AquaHostDirectory(knex),
    writer: new AquaHostWriter(knex, () => clock.now()),
    seed: new AquaHostSeeder(knex, () => clock.now()),
    clock,
    blankItemName: async (_tenantId, id) => {
      await knex('aqua_catalog').where({ uuid: id }).update({ title: '  ' });
    },
    breakInvoiceStatus: async (_tenantId, id) => {
      await knex('aqua_bills').where({ uuid: id }).update({ state: 'lost' });
    },
  };
};

/**
 * Writes the aqua app's tables as the aqua app would (the contract's `HostSeed`, the walkthrough's data): what the
 * tables cannot hold (addresses, SKU, sales tax) is not written. Ids are time-ordered UUIDs; every write sets
 * `changed_at` from `now`.
 */
export class AquaHostSeeder implements HostSeed {
  constructor(
    private readonly knex: Knex,
    private readonly now: () => number = Date.now,
  ) {}

  async customer(companyId: string, seed: CustomerSeed = {}): Promise<string> {
    const uuid = aquaUuid();
    await this.knex('aqua_clients').insert({
      uuid, org_uuid: companyId, full_name: aquaFullName(seed), is_business: seed.displayAsCompany ? 'Y' : 'N', email: seed.email ?? null, mobile: seed.phone ?? null,
      status: seed.isActive === false ? 'inactive' : 'active', changed_at: this.at(),
    });
    return uuid;
  }

  async updateCustomer(id: string, changes: CustomerSeed): Promise<void> {
    const row = (await this.knex('aqua_clients').where({ uuid: id }).first()) as { full_name: string; is_business: string };
    const business = changes.displayAsCompany ?? row.is_business === 'Y';
    const named = changes.firstName !== undefined || changes.lastName !== undefined || changes.companyName !== undefined;
    const [first, ...rest] = row.full_name.split(' ');
    const fullName = named ? aquaFullName({ firstName: changes.firstName ?? first, lastName: changes.lastName ?? rest.join(' '), companyName: changes.companyName ?? row.full_name, displayAsCompany: business }) : row.full_name;
    await this.knex('aqua_clients').where({ uuid: id }).update({
      full_name: fullName,
      is_business: business ? 'Y' : 'N',
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.phone !== undefined ? { mobile: changes.phone } : {}),
      ...(changes.isActive !== undefined ? { status: changes.isActive ? 'active' : 'inactive' } : {}),
      changed_at: this.at(),
    });
  }

  async item(companyId: string, seed: ItemSeed): Promise<string> {
    const uuid = aquaUuid();
    await this.knex('aqua_catalog').insert({
      uuid, org_uuid: companyId, category: aquaCategoryOfKind(seed.kind ?? 'product'), title: seed.name, notes: seed.description ?? null,
      price: centsToDecimalDollars(seed.unitPriceCents ?? 0), status: seed.isActive === false ? 'inactive' : 'active', changed_at: this.at(),
    });
    return uuid;
  }

  async invoice(companyId: string, seed: InvoiceSeed): Promise<string> {
    if (seed.taxRate !== undefined && invoiceTax(seed.lines.map((line) => ({ amountCents: line.unitPriceCents, taxable: line.taxable })), seed.taxRate) > 0) {
      throw new Error('The aqua app charges no sales tax: it has no column to hold it.');
    }
    const uuid = aquaUuid();
    const lines = seed.lines.map((line) => {
      const quantity = line.quantity ?? 1;
      return { ...line, quantity, amountCents: Math.round(quantity * line.unitPriceCents) };
    });
    await this.knex('aqua_bills').insert({
      uuid, org_uuid: companyId, client_uuid: seed.customerId, bill_no: seed.number ?? `B-${this.now()}`, billed_on: seed.issuedOn ?? '2026-01-15', due_on: seed.dueOn ?? null,
      state: stateOfStatus[seed.status ?? 'sent'], total: centsToDecimalDollars(lines.reduce((sum, line) => sum + line.amountCents, 0)), changed_at: this.at(),
    });
    for (const line of lines) {
      await this.knex('aqua_bill_lines').insert({
        uuid: aquaUuid(), bill_uuid: uuid, catalog_uuid: line.catalogItemId ?? null, label: line.description ?? 'Service', qty: String(line.quantity),
        rate: centsToDecimalDollars(line.unitPriceCents), line_total: centsToDecimalDollars(line.amountCents),
      });
    }
    return uuid;
  }

  /** The bill is paid in full: the aqua app moves it to `paid` (the plugin reads it as sent; its payments say the rest). */
  async markPaid(id: string): Promise<void> {
    await this.knex('aqua_bills').where({ uuid: id }).update({ state: 'paid', changed_at: this.at() });
  }

  async payment(companyId: string, seed: PaymentSeed): Promise<string> {
    const uuid = aquaUuid();
    const invoiceId = seed.invoiceId ?? null;
    await this.knex('aqua_ledger').insert({
      uuid, org_uuid: companyId, entry_type: invoiceId === null ? 'credit' : 'payment', client_uuid: seed.customerId, bill_uuid: invoiceId,
      amount: centsToDecimalDollars(seed.amountCents), tender: seed.method ?? 'check', posted_on: seed.receivedOn ?? '2026-01-20', memo: seed.reference ?? null, changed_at: this.at(),
    });
    return uuid;
  }

  async deletePayment(id: string): Promise<void> {
    const at = this.at();
    await this.knex('aqua_ledger').where({ uuid: id }).update({ voided_at: at, changed_at: at });
  }

  async refund(companyId: string, seed: RefundSeed): Promise<string> {
    const uuid = aquaUuid();
    const paid = (await this.knex('aqua_ledger').where({ uuid: seed.paymentId }).first('client_uuid')) as { client_uuid: string | null } | undefined;
    await this.knex('aqua_ledger').insert({
      uuid, org_uuid: companyId, entry_type: 'refund', client_uuid: paid?.client_uuid ?? null, refund_of: seed.paymentId, amount: centsToDecimalDollars(seed.amountCents),
      posted_on: seed.refundedOn ?? '2026-01-25', memo: seed.reason ?? null, changed_at: this.at(),
    });
    return uuid;
  }

  async payout(companyId: string, seed: PayoutSeed): Promise<string> {
    const uuid = aquaUuid();
    const gross = await this.gross(seed.paymentIds);
    await this.knex('aqua_payouts').insert({
      uuid, org_uuid: companyId, settled_on: seed.paidOn ?? '2026-01-22', gross: centsToDecimalDollars(gross), fee: centsToDecimalDollars(seed.feeCents),
      net: centsToDecimalDollars(gross - seed.feeCents), batch_ref: seed.reference ?? null, changed_at: this.at(),
    });
    for (const paymentId of seed.paymentIds) await this.knex('aqua_payout_entries').insert({ payout_uuid: uuid, ledger_uuid: paymentId });
    return uuid;
  }

  async updatePayout(id: string, changes: { readonly paymentIds?: readonly string[]; readonly feeCents?: number }): Promise<void> {
    const row = (await this.knex('aqua_payouts').where({ uuid: id }).first('fee')) as { fee: string | number };
    const fee = changes.feeCents ?? decimalDollarsToCents(row.fee)!;
    if (changes.paymentIds !== undefined) {
      await this.knex('aqua_payout_entries').where({ payout_uuid: id }).delete();
      for (const paymentId of changes.paymentIds) await this.knex('aqua_payout_entries').insert({ payout_uuid: id, ledger_uuid: paymentId });
    }
    const entries = (await this.knex('aqua_payout_entries').where({ payout_uuid: id }).select('ledger_uuid')) as Array<{ ledger_uuid: string }>;
    const gross = await this.gross(entries.map((entry) => entry.ledger_uuid));
    await this.knex('aqua_payouts').where({ uuid: id }).update({ gross: centsToDecimalDollars(gross), fee: centsToDecimalDollars(fee), net: centsToDecimalDollars(gross - fee), changed_at: this.at() });
  }

  async deletePayout(id: string): Promise<void> {
    const at = this.at();
    await this.knex('aqua_payouts').where({ uuid: id }).update({ voided_at: at, changed_at: at });
  }

  private async gross(paymentIds: readonly string[]): Promise<number> {
    if (paymentIds.length === 0) return 0;
    const rows = (await this.knex('aqua_ledger').whereIn('uuid', paymentIds).select('amount')) as Array<{ amount: string | number }>;
    return rows.reduce((sum, row) => sum + decimalDollarsToCents(row.amount)!, 0);
  }

  private at(): Date {
    return new Date(this.now());
  }
}
