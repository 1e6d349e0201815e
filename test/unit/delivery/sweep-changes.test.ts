import { InMemoryQboGateway } from '../../../src/adapters/memory/in-memory-qbo.gateway';
import { decideRefundItem, REFUND_ITEM_HOST_ID } from '../../../src/domain/items/refund-item';
import { aCustomer } from '../../support/domain/host-records.builder';
import { createRoundFixture, tenantId } from './delivery-round.fixture';

/** The engine in memory around the in-memory QBO, with an income account to create items against. */
const sweepFixture = async () => {
  const gateway = new InMemoryQboGateway();
  gateway.open(tenantId);
  const f = await createRoundFixture(gateway);
  const income = gateway.seed(tenantId, 'Account', { name: 'Services', accountType: 'Income', accountSubType: 'ServiceFeeIncome', active: true });
  await f.settings.update(tenantId, { incomeAccountId: income.id });
  const drain = async () => {
    for (let round = 0; round < 10 && (await f.outbox.stats(tenantId, f.clock.now())).pending > 0; round += 1) await f.round.execute(tenantId, 'worker');
  };
  const qboItemsNamed = async (name: string) => {
    const found = [];
    for await (const item of gateway.list(tenantId, 'Item')) if (item.fields.name === name) found.push(item);
    return found;
  };
  return { ...f, gateway, income, drain, qboItemsNamed };
};

describe('the sweep', () => {
  it('enqueues a host record changed without a notify, and leaves one already in step alone', async () => {
    const f = await sweepFixture();
    f.host.putCustomer(tenantId, aCustomer({ id: '1', firstName: 'Maria', lastName: 'Lopez' }), f.clock.now());
    expect(await f.sweep.execute()).toEqual({ tenants: 1, enqueued: 1 });
    await f.drain();
    expect((await f.links.get(tenantId, 'customer', '1'))?.qboEntity).toBe('Customer');

    f.clock.time += f.policy.fullSweepMs;
    expect(await f.sweep.execute()).toEqual({ tenants: 1, enqueued: 0 });
  });

  it('hands back the Refund item a dead worker created without linking, once its note is older than a lease', async () => {
    const f = await sweepFixture();
    // The worker noted the create, QBO made the item, and the worker died before storing the link. The refund that
    // needed it was deleted meanwhile, so nothing else would ever bring the Refund item back to delivery.
    const decision = decideRefundItem(tenantId, null, { incomeAccountId: f.income.id });
    if (decision.kind !== 'create') throw new Error(`expected a create, got ${decision.kind}`);
    await f.journal.begin({ tenantId, kind: 'item', hostId: REFUND_ITEM_HOST_ID, entity: 'Item', lookup: 'Refund', at: f.clock.now() });
    const created = await f.gateway.create(tenantId, decision.draft, decision.requestId);
    if (!created.ok) throw new Error(created.error.message);

    expect(await f.sweep.execute()).toEqual({ tenants: 1, enqueued: 0 });
    f.clock.time += f.policy.leaseMs + 1;
    expect(await f.sweep.execute()).toEqual({ tenants: 1, enqueued: 1 });
    await f.drain();

    expect(await f.qboItemsNamed('Refund')).toHaveLength(1);
    expect(await f.links.get(tenantId, 'item', REFUND_ITEM_HOST_ID)).toMatchObject({ qboEntity: 'Item', qboId: created.value.id, retired: false });
    expect(await f.journal.get(tenantId, 'item', REFUND_ITEM_HOST_ID)).toBeNull();
    expect(await f.failures()).toEqual([]);
  });

  it('does not sweep a tenant whose sync is off, notes included', async () => {
    const f = await sweepFixture();
    await f.settings.update(tenantId, { syncEnabled: false });
    f.host.putCustomer(tenantId, aCustomer({ id: '1' }), f.clock.now());
    await f.journal.begin({ tenantId, kind: 'customer', hostId: '1', entity: 'Customer', lookup: 'Maria Lopez', at: f.clock.now() });
    f.clock.time += f.policy.leaseMs + 1;
    expect(await f.sweep.execute()).toEqual({ tenants: 0, enqueued: 0 });
  });
});
