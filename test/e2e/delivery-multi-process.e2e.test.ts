import type { Knex } from 'knex';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { emulatorState } from '../support/emulator-state';
import { startHostStack, type HostStack } from '../support/host-stack';
import { connectAndEnable, today, unsettledRows, waitUntil } from '../support/workers/sync-tenant';
import { canaryIn, startWorkerProcess, type WorkerProcess } from '../support/workers/worker-processes';
import { startWriteRecorder, type WriteRecorder } from '../support/workers/qbo-write-recorder';
import { WriteWitness } from '../support/workers/write-witness';

const tenants = ['601', '602', '603', '604', '605'];
/** Per tenant: 400 creates, 350 renames, 150 deactivations, 50 invoices each signalled with its payment = 1,000 changes. */
const customers = 250;
const items = 150;
const itemKinds = ['product', 'dosage', 'pool_service', 'work_order_type'] as const;

interface TenantRecords {
  readonly customerIds: string[];
  readonly itemIds: string[];
  invoices: number;
}

describe('three worker processes on one MariaDB database drain 5,000 mixed changes of five companies', () => {
  let stack: HostStack;
  let witness: WriteWitness;
  const realms = new Map<string, string>();
  const records = new Map<string, TenantRecords>();
  let recorder: WriteRecorder;
  let workers: WorkerProcess[] = [];
  let changes = 0;

  beforeAll(async () => {
    stack = await startHostStack();
    recorder = await startWriteRecorder(stack.emulator.url);
    for (const tenant of tenants) realms.set(tenant, await connectAndEnable(stack.host.app, stack.emulator.url, tenant));
    witness = new WriteWitness(stack.host.ports.hostDirectory);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await recorder?.close();
    await stack?.close();
  });

  /** One host transaction: the change and its signal commit together, as a host does it. */
  const change = async (tenant: string, write: (seed: ReferenceHostSeeder, trx: Knex.Transaction) => Promise<Array<{ kind: 'customer' | 'item' | 'invoice' | 'payment'; id: string }>>): Promise<void> => {
    const signals = await stack.db.knex.transaction(async (trx) => {
      const touched = await write(new ReferenceHostSeeder(trx), trx);
      await stack.host.plugin.notify(touched.map((t) => ({ tenantId: tenant, kind: t.kind, id: t.id })), { trx });
      return touched;
    });
    changes += signals.length;
    for (const signal of signals) if (signal.kind === 'customer' || signal.kind === 'item') await witness.recordVersion(tenant, signal.kind, signal.id);
  };

  const hostWrites = async (tenant: string): Promise<void> => {
    const mine: TenantRecords = { customerIds: [], itemIds: [], invoices: 0 };
    records.set(tenant, mine);
    for (let n = 0; n < customers; n++) {
      await change(tenant, async (seed) => {
        const id = await seed.customer(tenant, { firstName: `Pat${n}`, lastName: `Tenant${tenant}`, email: `pat${n}@example.com` });
        mine.customerIds.push(id);
        return [{ kind: 'customer', id }];
      });
      if (n < items) {
        await change(tenant, async (seed) => {
          const id = await seed.item(tenant, { kind: itemKinds[n % itemKinds.length]!, name: `Item ${tenant}-${n}`, unitPriceCents: 100 + n });
          mine.itemIds.push(id);
          return [{ kind: 'item', id }];
        });
      }
    }
    for (const [n, id] of mine.customerIds.entries()) {
      await change(tenant, async (seed) => (await seed.updateCustomer(id, { firstName: `Renamed${n}` }), [{ kind: 'customer', id }]));
      if (n < 100) await change(tenant, async (_seed, trx) => (await trx('catalog_items').where({ id: mine.itemIds[n]! }).update({ name: `Item ${tenant}-${n} v2`, updated_at: new Date() }), [{ kind: 'item', id: mine.itemIds[n]! }]));
    }
    for (let n = 0; n < 100; n++) {
      await change(tenant, async (seed) => (await seed.updateCustomer(mine.customerIds[n]!, { isActive: false }), [{ kind: 'customer', id: mine.customerIds[n]! }]));
      if (n < 50) await change(tenant, async (_seed, trx) => (await trx('catalog_items').where({ id: mine.itemIds[n]! }).update({ is_active: false, updated_at: new Date() }), [{ kind: 'item', id: mine.itemIds[n]! }]));
    }
    for (let n = 0; n < 50; n++) {
      await change(tenant, async (seed) => {
        const customerId = mine.customerIds[200 + n]!;
        const invoiceId = await seed.invoice(tenant, {
          customerId, number: `T${tenant}-${n}`, issuedOn: today(),
          lines: [{ catalogItemId: mine.itemIds[100 + (n % 50)]!, quantity: 2, unitPriceCents: 1250 + n }, { catalogItemId: mine.itemIds[149 - (n % 20)]!, unitPriceCents: 799 }],
        });
        const paymentId = await seed.payment(tenant, { customerId, invoiceId, amountCents: 2 * (1250 + n) + 799, receivedOn: today() });
        mine.invoices += 1;
        return [{ kind: 'invoice', id: invoiceId }, { kind: 'payment', id: paymentId }];
      });
    }
  };

  it('delivers every record once, each record\'s versions in order, with no failure', async () => {
    workers = [0, 1, 2].map(() => startWorkerProcess({ databaseName: stack.db.name, apiUrl: recorder.url, oauthUrl: stack.emulator.url, unthrottled: true }));
    await Promise.all(workers.map((worker) => worker.ready));

    // The host writes while the workers drain: some versions coalesce, others arrive one after another.
    await Promise.all(tenants.map((tenant) => hostWrites(tenant)));
    expect(changes).toBe(5_000);
    await waitUntil('the outbox drained', async () => (await unsettledRows(stack.db.knex)) === 0, 90_000);
    expect(await Promise.all(workers.map((worker) => worker.stop()))).toEqual([0, 0, 0]);

    expect(await stack.db.knex('qbo_outbox').where({ state: 'failed' }).select('kind', 'last_error').limit(3)).toEqual([]);
    expect(await stack.db.knex('qbo_activity').where({ outcome: 'failure' }).select('message')).toEqual([]);
    expect(canaryIn(workers)).toBeNull();

    for (const tenant of tenants) {
      const realmId = realms.get(tenant)!;
      const mine = records.get(tenant)!;
      expect(await witness.violations(stack.db.knex, tenant, realmId, recorder.writes)).toEqual([]);
      const writes = recorder.writes.filter((w) => w.realmId === realmId);
      expect(writes.filter((w) => w.entity === 'Customer' && w.operation === 'create')).toHaveLength(customers);
      expect(writes.filter((w) => w.entity === 'Item' && w.operation === 'create')).toHaveLength(items);

      const state = await emulatorState(stack.emulator.url, realmId);
      const qboCustomers = (state.Customer ?? []).filter((c) => String(c.DisplayName).endsWith(`Tenant${tenant}`));
      expect(qboCustomers).toHaveLength(customers);
      expect(qboCustomers.filter((c) => c.Active === false)).toHaveLength(100);
      expect(qboCustomers.every((c) => String(c.DisplayName).startsWith('Renamed'))).toBe(true);
      const qboItems = (state.Item ?? []).filter((i) => String(i.Name).startsWith(`Item ${tenant}-`));
      expect(qboItems).toHaveLength(items);
      expect(qboItems.filter((i) => String(i.Name).endsWith(' v2'))).toHaveLength(100);
      expect(qboItems.filter((i) => i.Active === false)).toHaveLength(50);

      expect(writes.filter((w) => w.entity === 'Invoice' && w.operation === 'create')).toHaveLength(mine.invoices);
      expect(writes.filter((w) => w.entity === 'Payment' && w.operation === 'create')).toHaveLength(mine.invoices);
      expect(state.Invoice ?? []).toHaveLength(mine.invoices);
      expect((state.Invoice ?? []).every((invoice) => Number(invoice.Balance) === 0)).toBe(true);
      expect(state.Payment ?? []).toHaveLength(mine.invoices);
    }
  }, 150_000);
});
