/**
 * The host application of the chaos run: ordinary traffic on the reference schema for every tenant (customers,
 * items, paid invoices, partial and over-payments, account credits, refunds, edits, deleted payments), each change
 * written and signalled in one host transaction, as a host does. A write that fails (the database is down) is
 * given up, like a request the host answered with an error; nothing else is remembered outside the database.
 * Env: CHAOS_DB_URL, CHAOS_QBO_URL, CHAOS_TENANTS (comma-separated), CHAOS_SEED, CHAOS_PACE_MS.
 */
import knexFactory, { type Knex } from 'knex';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { createQboSyncPlugin, type QboSyncPlugin } from '../../src/plugin';
import { chaosPluginOptions } from './chaos-options';
import { between, pick, seededRandom } from './random';

type Kind = 'customer' | 'item' | 'invoice' | 'payment' | 'refund';
type Change = { readonly kind: Kind; readonly id: string };

const today = (): string => new Date().toISOString().slice(0, 10);
const ITEM_KINDS = ['product', 'dosage', 'pool_service', 'work_order_type'] as const;
const FIRST = ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun'];
const LAST = ['Reyes', 'Okafor', 'Lindqvist', 'Tanaka', 'Moreau', 'Kowalski', 'Haddad', 'Silva'];

class Traffic {
  private serial = 0;
  constructor(private readonly knex: Knex, private readonly plugin: QboSyncPlugin, private readonly random: () => number, private readonly stamp: string) {}

  /** One host change in one transaction with its signals. */
  private async change(write: (seed: ReferenceHostSeeder, trx: Knex.Transaction) => Promise<Change[]>): Promise<string> {
    return this.knex.transaction(async (trx) => {
      const changes = await write(new ReferenceHostSeeder(trx), trx);
      for (const change of changes) await this.plugin.notify({ tenantId: this.tenant, kind: change.kind, id: change.id }, { trx });
      return changes.map((change) => change.kind).join('+');
    });
  }

  private tenant = '';
  private name(): string {
    this.serial += 1;
    return `${this.stamp}${this.serial}`;
  }

  async step(tenant: string): Promise<string> {
    this.tenant = tenant;
    const r = this.random();
    const customers = async (trx: Knex.Transaction) => (await trx('customers').where({ company_id: tenant, is_active: true }).pluck('id')).map(String);
    const items = async (trx: Knex.Transaction) => trx('catalog_items').where({ company_id: tenant, is_active: true }).select('id', 'unit_price_cents');
    if (r < 0.14) {
      return this.change(async (seed) => {
        const company = this.random() < 0.3;
        const suffix = this.name();
        const id = await seed.customer(tenant, company
          ? { companyName: `Pools ${suffix} LLC`, displayAsCompany: true, firstName: 'Owner', lastName: suffix }
          : { firstName: pick(this.random, FIRST)!, lastName: `${pick(this.random, LAST)!} ${suffix}`, email: `c${suffix}@example.test` });
        return [{ kind: 'customer', id }];
      });
    }
    if (r < 0.24) {
      return this.change(async (seed, trx) => {
        const id = pick(this.random, await customers(trx));
        if (!id) return [];
        await seed.updateCustomer(id, { firstName: `${pick(this.random, FIRST)!} ${this.name()}`, phone: `555-${between(this.random, 1000, 9999)}` });
        return [{ kind: 'customer', id }];
      });
    }
    if (r < 0.27) {
      // Only a customer with no money in the host: QBO refuses to make a customer with a balance inactive.
      return this.change(async (seed, trx) => {
        const idle = await trx('customers').where({ company_id: tenant, is_active: true })
          .whereNotExists(trx('invoices').whereRaw('invoices.customer_id = customers.id'))
          .whereNotExists(trx('payments').whereRaw('payments.customer_id = customers.id')).pluck('id');
        const id = pick(this.random, idle.map(String));
        if (!id) return [];
        await seed.updateCustomer(id, { isActive: false });
        return [{ kind: 'customer', id }];
      });
    }
    if (r < 0.35) {
      return this.change(async (seed) => {
        const id = await seed.item(tenant, { kind: pick(this.random, ITEM_KINDS)!, name: `Item ${this.name()}`, unitPriceCents: between(this.random, 100, 50_000), sku: `SKU-${this.serial}` });
        return [{ kind: 'item', id }];
      });
    }
    if (r < 0.42) {
      return this.change(async (_seed, trx) => {
        const item = pick(this.random, await items(trx));
        if (!item) return [];
        const changes = this.random() < 0.5 ? { unit_price_cents: between(this.random, 100, 50_000) } : { name: `Item ${this.name()} renamed` };
        await trx('catalog_items').where({ id: item.id }).update({ ...changes, updated_at: new Date() });
        return [{ kind: 'item', id: String(item.id) }];
      });
    }
    if (r < 0.70) {
      // A paid invoice: in full (most), in two halves, or overpaid (the rest is the customer's credit).
      return this.change(async (seed, trx) => {
        const customerId = pick(this.random, await customers(trx));
        const catalog = await items(trx);
        if (!customerId || catalog.length === 0) return [];
        const lines = Array.from({ length: between(this.random, 1, 3) }, () => {
          const item = pick(this.random, catalog)!;
          return { catalogItemId: String(item.id), description: 'Pool visit', quantity: between(this.random, 1, 3), unitPriceCents: Number(item.unit_price_cents) };
        });
        const invoiceId = await seed.invoice(tenant, { customerId, number: `C-${this.name()}`, issuedOn: today(), lines });
        const total = Number((await trx('invoices').where({ id: invoiceId }).first()).total_cents);
        const how = this.random();
        const amounts = how < 0.7 ? [total] : how < 0.85 ? [Math.floor(total / 2), total - Math.floor(total / 2)] : [total];
        const changes: Change[] = [{ kind: 'invoice', id: invoiceId }];
        for (const amountCents of amounts) changes.push({ kind: 'payment', id: await seed.payment(tenant, { customerId, invoiceId, amountCents, receivedOn: today(), method: 'card' }) });
        // An overpayment: the host records what is more than the invoice as the customer's account credit.
        if (how >= 0.85) changes.push({ kind: 'payment', id: await seed.payment(tenant, { customerId, amountCents: between(this.random, 100, 5_000), receivedOn: today(), method: 'card', reference: `over ${invoiceId}` }) });
        return changes;
      });
    }
    if (r < 0.75) {
      // An unpaid invoice: it must never reach QBO.
      return this.change(async (seed, trx) => {
        const customerId = pick(this.random, await customers(trx));
        const item = pick(this.random, await items(trx));
        if (!customerId || !item) return [];
        const id = await seed.invoice(tenant, { customerId, number: `U-${this.name()}`, issuedOn: today(), lines: [{ catalogItemId: String(item.id), description: 'Unpaid visit', unitPriceCents: Number(item.unit_price_cents) }] });
        return [{ kind: 'invoice', id }];
      });
    }
    if (r < 0.83) {
      return this.change(async (seed, trx) => {
        const customerId = pick(this.random, await customers(trx));
        if (!customerId) return [];
        return [{ kind: 'payment', id: await seed.payment(tenant, { customerId, amountCents: between(this.random, 500, 20_000), receivedOn: today(), method: 'check' }) }];
      });
    }
    if (r < 0.91) {
      // A refund of part of what a payment has left to refund.
      return this.change(async (seed, trx) => {
        const rows = await trx('payments').where({ company_id: tenant }).whereNull('deleted_at').select('id', 'amount_cents');
        const payment = pick(this.random, rows);
        if (!payment) return [];
        const refunded = Number((await trx('refunds').where({ payment_id: payment.id }).sum({ n: 'amount_cents' }))[0]?.n ?? 0);
        const left = Number(payment.amount_cents) - refunded;
        if (left < 100) return [];
        return [{ kind: 'refund', id: await seed.refund(tenant, { paymentId: String(payment.id), amountCents: between(this.random, 100, Math.min(left, 10_000)), refundedOn: today(), reason: 'chaos' }) }];
      });
    }
    // A deleted payment that leaves the books comparable: an account credit, or one of an invoice's two payments,
    // never one with refunds.
    return this.change(async (seed, trx) => {
      const candidates = await trx('payments as p').where({ 'p.company_id': tenant }).whereNull('p.deleted_at')
        .whereNotExists(trx('refunds').whereRaw('refunds.payment_id = p.id'))
        .where((q) => q.whereNull('p.invoice_id').orWhereExists(trx('payments as o').whereRaw('o.invoice_id = p.invoice_id and o.id <> p.id').whereNull('o.deleted_at')))
        .pluck('p.id');
      const id = pick(this.random, candidates.map(String));
      if (!id) return [];
      await seed.deletePayment(id);
      return [{ kind: 'payment', id }];
    });
  }
}

const main = async (): Promise<void> => {
  const knex = knexFactory({ client: 'mysql2', connection: process.env['CHAOS_DB_URL']!, pool: { min: 0, max: 4, acquireTimeoutMillis: 3_000 } });
  const plugin = await createQboSyncPlugin(chaosPluginOptions(knex, process.env['CHAOS_QBO_URL']!));
  const tenants = process.env['CHAOS_TENANTS']!.split(',');
  const random = seededRandom(Number(process.env['CHAOS_SEED'] ?? 1) * 7919);
  const paceMs = Number(process.env['CHAOS_PACE_MS'] ?? 250);
  const traffic = new Traffic(knex, plugin, random, `s${process.env['CHAOS_SEED']}x`);
  let stopping = false;
  process.once('SIGTERM', () => (stopping = true));
  process.stdout.write('writer-ready\n');
  const counts: Record<string, number> = {};
  let failed = 0;
  while (!stopping) {
    const tenant = pick(random, tenants)!;
    try {
      const what = await traffic.step(tenant);
      if (what) counts[what] = (counts[what] ?? 0) + 1;
    } catch {
      failed += 1; // the database is down: the host answered this request with an error
    }
    await new Promise((resolve) => setTimeout(resolve, paceMs));
  }
  process.stdout.write(`writer-done ${JSON.stringify({ changes: counts, failedWrites: failed })}\n`);
  await knex.destroy();
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`chaos writer failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
