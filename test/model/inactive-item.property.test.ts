import fc from 'fast-check';
import type { HostCatalogItem, HostInvoice } from '../../src/domain/host/host-records';
import { emulatorState } from '../support/emulator-state';
import { useModelEmulator } from './model-emulator';
import { createHarness, tenantId, type Harness } from './delivery-harness';

// ADR 0077, found in the delivery model (seed -1132070637 path 240): an invoice naming an item the host made inactive
// was refused by QBO (610) once the item had gone inactive there first. Property: "invoice naming item X paid, X made
// inactive", the host's changes and the worker's rounds interleaved in any order (some changes left for the sweep),
// always ends with the invoice and its payment in QBO, nothing failed, X inactive in QBO as in the host, and the
// customer's books in QBO equal to the host's. An unpaid invoice naming X too (it never goes to QBO) must not keep
// X active. The real delivery engine, in-memory stores, the emulator over HTTP, one fresh company per run.
const runs = Number(process.env['INACTIVE_ITEM_RUNS'] ?? 40);

const emulator = useModelEmulator();

type HostEvent = 'invoice' | 'pay' | 'deactivate' | 'unpaidInvoice';

interface Story {
  /** The host's changes in the order they happen; the invoice is always made before it is paid. */
  readonly events: readonly HostEvent[];
  /** Worker rounds after each change (0: the next change comes before any delivery). */
  readonly roundsAfter: readonly number[];
  /** Changes the host commits without signalling them: the sweep finds them. */
  readonly silent: readonly boolean[];
}

const storyArb: fc.Arbitrary<Story> = fc
  .record({
    deactivateAt: fc.nat(2),
    unpaidAt: fc.option(fc.nat(3), { nil: undefined }),
    roundsAfter: fc.array(fc.nat(2), { minLength: 4, maxLength: 4 }),
    silent: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  })
  .map(({ deactivateAt, unpaidAt, roundsAfter, silent }) => {
    const events: HostEvent[] = ['invoice', 'pay'];
    events.splice(deactivateAt, 0, 'deactivate');
    if (unpaidAt !== undefined) events.splice(unpaidAt, 0, 'unpaidInvoice');
    return { events, roundsAfter, silent };
  });

const item: HostCatalogItem = { id: '2', kind: 'pool_service', name: 'Filter clean', description: null, unitPriceCents: 12_500, sku: null, isActive: true };

const invoiceNaming = (h: Harness, id: string, quantity: number): HostInvoice => ({
  id, customerId: '1', number: `INV-${id}`, issuedOn: new Date(h.clock.now()).toISOString().slice(0, 10), dueOn: null, status: 'sent',
  totalCents: 12_500 * quantity, taxCents: 0, taxRateName: null,
  lines: [{ id: `${id}-1`, catalogItemId: item.id, description: 'Filter clean', quantity, unitPriceCents: 12_500, amountCents: 12_500 * quantity, taxable: false }],
});

/** Rounds (time moving past leases and backoffs) until the outbox is empty, after a sweep finds unsignalled changes. */
const settle = async (h: Harness): Promise<void> => {
  h.clock.time += h.policy.leaseMs + 1;
  await h.sweep.execute();
  for (let round = 0; round < 100 && (await h.outbox.stats(tenantId, h.clock.now())).pending > 0; round += 1) {
    h.clock.time += h.policy.leaseMs + 1;
    await h.round('worker-final');
  }
};

it(`an invoice naming an item made inactive reaches QBO, and the item ends inactive there (${runs} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(storyArb, async (story) => {
      const h = await createHarness(emulator.url, emulator.call);
      const change = async (kind: 'customer' | 'item' | 'invoice' | 'payment', hostId: string, silent: boolean): Promise<void> => {
        if (silent) return;
        const result = await h.notify.execute([{ tenantId, kind, hostId }]);
        if (!result.ok) throw new Error(result.error.message);
      };
      h.host.putCustomer(tenantId, { id: '1', firstName: 'Petra', lastName: 'Pool', companyName: null, displayAsCompany: false, email: null, phone: null, street: null, city: null, state: null, zip: null, isActive: true }, h.clock.now());
      h.host.putItem(tenantId, item, h.clock.now());
      await change('customer', '1', false);
      await change('item', item.id, false);
      await settle(h);

      for (const [i, event] of story.events.entries()) {
        const silent = story.silent[i] ?? false;
        h.clock.time += 1_000;
        if (event === 'invoice') {
          h.host.putInvoice(tenantId, invoiceNaming(h, '10', 2), h.clock.now());
          await change('invoice', '10', silent);
        } else if (event === 'unpaidInvoice') {
          h.host.putInvoice(tenantId, invoiceNaming(h, '11', 1), h.clock.now());
          await change('invoice', '11', silent);
        } else if (event === 'pay') {
          h.host.putPayment(tenantId, { id: '20', customerId: '1', invoiceId: '10', amountCents: 25_000, method: 'card', receivedOn: new Date(h.clock.now()).toISOString().slice(0, 10), reference: null, deleted: false }, h.clock.now());
          await change('payment', '20', silent);
        } else {
          h.host.putItem(tenantId, { ...item, isActive: false }, h.clock.now());
          await change('item', item.id, silent);
        }
        for (let round = 0; round < (story.roundsAfter[i] ?? 0); round += 1) await h.round('worker-a');
      }
      await settle(h);

      const failures = (await h.activity.list(tenantId, { limit: 200 })).items.filter((entry) => entry.outcome === 'failure');
      expect(failures.map((entry) => `${entry.kind} ${entry.hostId}: ${entry.message}`)).toEqual([]);
      const [invoiceLink, paymentLink, itemLink, unpaidLink, customerLink] = await Promise.all([
        h.links.get(tenantId, 'invoice', '10'), h.links.get(tenantId, 'payment', '20'), h.links.get(tenantId, 'item', item.id), h.links.get(tenantId, 'invoice', '11'), h.links.get(tenantId, 'customer', '1'),
      ]);
      const qbo = await emulatorState(emulator.url, h.realmId);
      const byId = (entity: string, id: string | undefined) => (qbo[entity] ?? []).find((record) => record.Id === id);
      expect(byId('Invoice', invoiceLink?.qboId)).toMatchObject({ TotalAmt: 250, Balance: 0 });
      expect(byId('Payment', paymentLink?.qboId)).toMatchObject({ TotalAmt: 250, UnappliedAmt: 0 });
      expect(byId('Item', itemLink?.qboId)).toMatchObject({ Active: false });
      expect(unpaidLink).toBeNull();
      // As a bookkeeper: the host shows only the unpaid invoice (if any) still owed; QBO never had it.
      const books = (await emulator.call('GET', `/__emulator/realms/${h.realmId}/books`)) as { customers: Array<{ id: string; openReceivableCents: number; openCreditCents: number }> };
      expect(books.customers.find((customer) => customer.id === customerLink?.qboId)).toMatchObject({ openReceivableCents: 0, openCreditCents: 0 });
    }),
    { numRuns: runs, endOnFailure: true, ...(process.env['INACTIVE_ITEM_SEED'] ? { seed: Number(process.env['INACTIVE_ITEM_SEED']), path: process.env['INACTIVE_ITEM_PATH'] ?? '0' } : {}) },
  );
}, 600_000);
