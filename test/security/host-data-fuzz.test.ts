import fc from 'fast-check';
import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import type { HostChange } from '../../src/plugin';
import { createSqliteDatabase } from '../support/database';
import { emulatorState } from '../support/emulator-state';
import { useHostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';
import { connectTenant } from './support/two-tenants';

const tenant = '8101';
const today = new Date().toISOString().slice(0, 10);

/** Text a host really holds: separators QBO forbids, 600 characters, emoji, empty, RTL, whitespace, markup. */
const hostText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('Smith: John', 'Tab\there', 'line\nbreak', 'x'.repeat(600), '🏊‍♀️ Pool Co 🏊', '', '   ', 'مسبح الخليج', '\u202Eeman', '<b>bold</b>', 'O\'Brien & "Sons"', 'Ünïcödé Café', '%s%n', '\u0000nul'),
);
const cents = fc.oneof(fc.constantFrom(0, 1, -1, 99, 2_147_483_647, 999_999_999_999, -500), fc.integer({ min: 0, max: 1_000_000 }));

interface Plan {
  readonly customers: ReadonlyArray<{ first: string; last: string; company: string | null; asCompany: boolean; active: boolean; email: string | null }>;
  readonly items: ReadonlyArray<{ kind: 'product' | 'dosage' | 'pool_service' | 'work_order_type'; name: string; price: number; sku: string | null }>;
  readonly invoices: ReadonlyArray<{ customer: number; lines: ReadonlyArray<{ item: number; quantity: number; price: number }>; status: 'draft' | 'sent' | 'void' }>;
  readonly payments: ReadonlyArray<{ customer: number; invoice: number | null; amount: number }>;
  readonly refunds: ReadonlyArray<{ payment: number; amount: number }>;
  /** Signals for records that do not exist. */
  readonly ghosts: ReadonlyArray<{ kind: HostChange['kind']; id: number }>;
}

/** Indexes past the end of what was made are dangling references on purpose. */
const ref = fc.integer({ min: 0, max: 6 });
const plan: fc.Arbitrary<Plan> = fc.record({
  customers: fc.array(fc.record({ first: hostText, last: hostText, company: fc.option(hostText), asCompany: fc.boolean(), active: fc.boolean(), email: fc.option(hostText) }), { maxLength: 4 }),
  // Blank item names included: such a row cannot be read, and its change must end as a failure with the reason.
  items: fc.array(fc.record({ kind: fc.constantFrom('product', 'dosage', 'pool_service', 'work_order_type'), name: hostText, price: cents, sku: fc.option(hostText) }), { maxLength: 3 }),
  invoices: fc.array(fc.record({ customer: ref, lines: fc.array(fc.record({ item: ref, quantity: fc.constantFrom(0, 1, 2.5, -1, 1e6, 0.0001), price: cents }), { maxLength: 3 }), status: fc.constantFrom('draft', 'sent', 'void') }), { maxLength: 2 }),
  payments: fc.array(fc.record({ customer: ref, invoice: fc.option(ref), amount: cents }), { maxLength: 2 }),
  refunds: fc.array(fc.record({ payment: ref, amount: cents }), { maxLength: 2 }),
  ghosts: fc.array(fc.record({ kind: fc.constantFrom<HostChange['kind']>('customer', 'item', 'invoice', 'payment', 'refund'), id: fc.integer({ min: 900_000, max: 999_999 }) }), { maxLength: 2 }),
});

const qboEntities = ['Customer', 'Item', 'Invoice', 'Payment', 'RefundReceipt', 'CreditMemo'];

/**
 * Random host records pushed through the real sync (SQLite, which keeps 600-character names, + the emulator):
 * each ends as a QBO record that QBO accepted and a link to it, or as a failed activity row with a reason, or
 * as a change still waiting with its error — never a crash of the worker, never a QBO record without its link.
 */
describe('hostile host data through the sync (fast-check, SQLite + emulator)', () => {
  const stack = useHostStack({ database: createSqliteDatabase, delivery: { maxAttempts: 2, baseBackoffMs: 1, maxBackoffMs: 1 } });
  let realmId: string;

  beforeAll(async () => {
    ({ realmId } = await connectTenant(stack.host, stack.emulator.url, tenant, 'Hostile Data Pools'));
    const accounts = await request(stack.host.app).get(`${mountPath}/accounts`).set('x-company-id', tenant).expect(200);
    await request(stack.host.app).put(`${mountPath}/settings`).set('x-company-id', tenant)
      .send({ incomeAccountId: accounts.body.income[0].id, depositAccountId: accounts.body.deposit[0].id }).expect(200);
  });

  const seed = async (p: Plan): Promise<HostChange[]> => {
    const seeder = new ReferenceHostSeeder(stack.db.knex);
    const made: Record<string, string[]> = { customer: [], item: [], invoice: [], payment: [], refund: [] };
    const pick = (kind: string, index: number) => made[kind]![index] ?? String(800_000 + index);
    for (const c of p.customers) made.customer!.push(await seeder.customer(tenant, { firstName: c.first, lastName: c.last, companyName: c.company, displayAsCompany: c.asCompany, isActive: c.active, email: c.email }));
    for (const i of p.items) made.item!.push(await seeder.item(tenant, { kind: i.kind, name: i.name, unitPriceCents: i.price, sku: i.sku }));
    for (const inv of p.invoices) {
      made.invoice!.push(await seeder.invoice(tenant, { customerId: pick('customer', inv.customer), issuedOn: today, status: inv.status, lines: inv.lines.map((l) => ({ catalogItemId: pick('item', l.item), quantity: l.quantity, unitPriceCents: l.price })) }));
    }
    for (const pay of p.payments) made.payment!.push(await seeder.payment(tenant, { customerId: pick('customer', pay.customer), invoiceId: pay.invoice === null ? null : pick('invoice', pay.invoice), amountCents: pay.amount, receivedOn: today }));
    for (const r of p.refunds) made.refund!.push(await seeder.refund(tenant, { paymentId: pick('payment', r.payment), amountCents: r.amount, refundedOn: today }));
    const changes: HostChange[] = Object.entries(made).flatMap(([kind, ids]) => ids.map((id) => ({ tenantId: tenant, kind: kind as HostChange['kind'], id })));
    return [...changes, ...p.ghosts.map((g) => ({ tenantId: tenant, kind: g.kind, id: g.id }))];
  };

  /** Rows whose retry is due are taken again; a few passes settle everything this plan can settle. */
  const drain = async (): Promise<void> => {
    for (let pass = 0; pass < 6; pass += 1) {
      const settled = await stack.host.plugin.deliverPending();
      if (settled === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  const hostRecordExists = async (kind: string, id: string): Promise<boolean> => {
    const table = { customer: 'customers', item: 'catalog_items', invoice: 'invoices', payment: 'payments', refund: 'refunds' }[kind]!;
    return (await stack.db.knex(table).where({ id }).first()) !== undefined;
  };

  const outcomes = { linked: 0, failed: 0, waiting: 0, nothing: 0 };

  it('ends every record as a valid QBO record with its link, a failure with a reason, or a change still waiting', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const changes = await seed(p);
        if (changes.length > 0) await stack.host.plugin.notify(changes);
        await drain(); // Must not throw: a hostile record may fail, the worker may not.
        const state = await emulatorState(stack.emulator.url, realmId);
        const qboIds = new Set(qboEntities.flatMap((entity) => (state[entity] ?? []).map((r) => `${entity}:${r.Id}`)));
        for (const change of changes) {
          const hostId = String(change.id);
          const link = await stack.db.knex('qbo_links').where({ tenant_id: tenant, kind: change.kind, host_id: hostId }).first();
          const failure = await stack.db.knex('qbo_activity').where({ tenant_id: tenant, kind: change.kind, host_id: hostId }).whereIn('outcome', ['failure', 'skipped']).first();
          const row = await stack.db.knex('qbo_outbox').where({ tenant_id: tenant, kind: change.kind, host_id: hostId }).orderBy('id', 'desc').first();
          const what = `${change.kind} ${hostId} (outbox ${row?.state ?? 'none'})`;
          if (link) {
            expect({ what, inQbo: qboIds.has(`${link.qbo_entity}:${link.qbo_id}`) }).toEqual({ what, inQbo: true });
            outcomes.linked += 1;
          } else if (failure) {
            expect({ what, reason: typeof failure.message === 'string' && failure.message.length > 10 }).toEqual({ what, reason: true });
            outcomes.failed += 1;
          } else if (row && row.state !== 'done') {
            expect({ what, waiting: ['pending', 'failed', 'in_flight'].includes(row.state) }).toEqual({ what, waiting: true });
            outcomes.waiting += 1;
          } else {
            // Sent nothing and said nothing: only right when there is nothing to send (a signal for a missing
            // record, or an invoice, payment or refund that does not reach QBO on its own).
            const exists = await hostRecordExists(change.kind, hostId);
            expect({ what, nothingToSend: !exists || ['invoice', 'payment', 'refund'].includes(change.kind) }).toEqual({ what, nothingToSend: true });
            outcomes.nothing += 1;
          }
        }
        // No half-written state: every QBO record the sync made is linked from exactly one host record.
        const links = await stack.db.knex('qbo_links').where({ tenant_id: tenant }).select('qbo_entity', 'qbo_id');
        const linked = links.map((l: { qbo_entity: string; qbo_id: string }) => `${l.qbo_entity}:${l.qbo_id}`);
        expect(new Set(linked).size).toBe(linked.length);
        const unlinked = [...qboIds].filter((id) => !linked.includes(id) && !id.startsWith('Item:') === true && !id.startsWith('CreditMemo:'));
        expect(unlinked).toEqual([]);
      }),
      { numRuns: 25 },
    );
    // The hostile data must really have gone both ways: some records made it to QBO, some were refused with a reason.
    expect(outcomes.linked).toBeGreaterThan(5);
    expect(outcomes.failed).toBeGreaterThan(5);
  }, 240_000);
});
