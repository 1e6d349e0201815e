import type { InMemoryHostDirectory } from '../adapters/memory/in-memory-host.directory';
import type { HostCustomer, HostPayout } from '../domain/host/host-records';
import { invoiceTax, type CustomerSeed, type HostSeed, type InvoiceSeed, type ItemSeed, type PaymentSeed, type PayoutSeed, type RefundSeed } from './host-seed';

/** The reference seeder's behaviour (same defaults) over the in-memory host. */
export class InMemoryHostSeed implements HostSeed {
  private readonly tenants = new Map<string, string>();

  constructor(
    private readonly host: InMemoryHostDirectory,
    private readonly now: () => number,
  ) {}

  async customer(companyId: string, seed: CustomerSeed = {}): Promise<string> {
    const id = this.host.nextId();
    this.tenants.set(`customer:${id}`, companyId);
    this.host.putCustomer(companyId, { ...customerDefaults, ...seed, id }, this.now());
    return id;
  }

  async updateCustomer(id: string, changes: CustomerSeed): Promise<void> {
    const tenant = this.tenants.get(`customer:${id}`)!;
    const current = (await this.host.getCustomer(tenant, id))!;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    this.host.putCustomer(tenant, { ...current, ...defined }, this.now());
  }

  async item(companyId: string, seed: ItemSeed): Promise<string> {
    const id = this.host.nextId();
    const item = { kind: 'product' as const, description: null, unitPriceCents: 0, sku: null, isActive: true, ...seed, id };
    this.host.putItem(companyId, item, this.now());
    return id;
  }

  async invoice(companyId: string, seed: InvoiceSeed): Promise<string> {
    const id = this.host.nextId();
    const lines = seed.lines.map((line) => {
      const quantity = line.quantity ?? 1;
      return {
        id: this.host.nextId(),
        catalogItemId: line.catalogItemId ?? null,
        description: line.description ?? 'Service',
        quantity,
        unitPriceCents: line.unitPriceCents,
        amountCents: Math.round(quantity * line.unitPriceCents),
        taxable: line.taxable ?? false,
      };
    });
    const taxCents = invoiceTax(lines, seed.taxRate);
    this.host.putInvoice(
      companyId,
      {
        id,
        customerId: seed.customerId,
        number: seed.number ?? `INV-${this.now()}`,
        issuedOn: seed.issuedOn ?? '2026-01-15',
        dueOn: seed.dueOn ?? null,
        status: seed.status ?? 'sent',
        totalCents: lines.reduce((sum, line) => sum + line.amountCents, 0) + taxCents,
        taxCents,
        taxRateName: taxCents > 0 ? (seed.taxRate?.name ?? null) : null,
        lines,
      },
      this.now(),
    );
    return id;
  }

  async payment(companyId: string, seed: PaymentSeed): Promise<string> {
    const id = this.host.nextId();
    this.tenants.set(`payment:${id}`, companyId);
    this.host.putPayment(
      companyId,
      {
        id,
        customerId: seed.customerId,
        invoiceId: seed.invoiceId ?? null,
        amountCents: seed.amountCents,
        method: seed.method ?? 'check',
        receivedOn: seed.receivedOn ?? '2026-01-20',
        reference: seed.reference ?? null,
        deleted: false,
      },
      this.now(),
    );
    return id;
  }

  async deletePayment(id: string): Promise<void> {
    const tenant = this.tenants.get(`payment:${id}`)!;
    const current = (await this.host.getPayment(tenant, id))!;
    this.host.putPayment(tenant, { ...current, deleted: true }, this.now());
  }

  async payout(companyId: string, seed: PayoutSeed): Promise<string> {
    const id = this.host.nextId();
    this.tenants.set(`payout:${id}`, companyId);
    const gross = await this.gross(companyId, seed.paymentIds);
    this.host.putPayout(
      companyId,
      { id, paidOn: seed.paidOn ?? '2026-01-22', grossCents: gross, feeCents: seed.feeCents, netCents: gross - seed.feeCents, reference: seed.reference ?? null, paymentIds: [...seed.paymentIds], deleted: false },
      this.now(),
    );
    return id;
  }

  async updatePayout(id: string, changes: { readonly paymentIds?: readonly string[]; readonly feeCents?: number }): Promise<void> {
    const tenant = this.tenants.get(`payout:${id}`)!;
    const current = (await this.host.read(tenant, 'payout', id)) as { kind: 'found'; record: HostPayout };
    const paymentIds = [...(changes.paymentIds ?? current.record.paymentIds)];
    const fee = changes.feeCents ?? current.record.feeCents;
    const gross = await this.gross(tenant, paymentIds);
    this.host.putPayout(tenant, { ...current.record, paymentIds, grossCents: gross, feeCents: fee, netCents: gross - fee }, this.now());
  }

  async deletePayout(id: string): Promise<void> {
    const tenant = this.tenants.get(`payout:${id}`)!;
    const current = (await this.host.read(tenant, 'payout', id)) as { kind: 'found'; record: HostPayout };
    this.host.putPayout(tenant, { ...current.record, deleted: true }, this.now());
  }

  private async gross(companyId: string, paymentIds: readonly string[]): Promise<number> {
    let sum = 0;
    for (const id of paymentIds) sum += (await this.host.getPayment(companyId, id))?.amountCents ?? 0;
    return sum;
  }

  async refund(companyId: string, seed: RefundSeed): Promise<string> {
    const id = this.host.nextId();
    this.host.putRefund(
      companyId,
      { id, paymentId: seed.paymentId, amountCents: seed.amountCents, refundedOn: seed.refundedOn ?? '2026-01-25', reason: seed.reason ?? null },
      this.now(),
    );
    return id;
  }
}

const customerDefaults: Omit<HostCustomer, 'id'> = {
  firstName: 'Maria',
  lastName: 'Lopez',
  companyName: null,
  displayAsCompany: false,
  email: null,
  phone: null,
  street: null,
  city: null,
  state: null,
  zip: null,
  isActive: true,
};
