import { InMemoryQboGateway } from '../../src/adapters/memory/in-memory-qbo.gateway';
import { QboFailure } from '../../src/application/ports/qbo-gateway.port';
import { all, customer, requestId, unique, valueOf } from './qbo-gateway.contract';

// What only the in-memory gateway has: the handles a test uses to stand in for QBO being down, seeded records, write counts.
describe('InMemoryQboGateway test handles', () => {
  const tenantId = 'tenant-a';

  it('refuses the next calls with the kind asked for, then answers again; a list throws the refusal as a QboFailure', async () => {
    const gateway = new InMemoryQboGateway();
    gateway.refuseNext(tenantId, 'NotConnected');
    gateway.refuseNext(tenantId, 'Throttled');
    gateway.refuseNext(tenantId, 'Unavailable', 2);
    expect(await gateway.companyName(tenantId)).toMatchObject({ ok: false, error: { kind: 'NotConnected', message: expect.stringContaining('Connect it in Integrations') } });
    expect(await gateway.create(tenantId, customer(unique('Slow')), requestId())).toMatchObject({ ok: false, error: { kind: 'Throttled', code: '3001' } });
    const batch = await gateway.batch(tenantId, [{ operation: 'create', draft: customer(unique('Down')), requestId: requestId() }]);
    expect(batch).toMatchObject([{ ok: false, error: { kind: 'Unavailable' } }]);
    await expect(all(gateway, tenantId, 'Customer')).rejects.toBeInstanceOf(QboFailure);
    expect(gateway.writeCount).toBe(0);
    expect(valueOf(await gateway.companyName(tenantId))).toBe('Company of tenant-a');
  });

  it('a refused write is not remembered: the same requestid is applied once QBO answers again', async () => {
    const gateway = new InMemoryQboGateway();
    const id = requestId();
    gateway.refuseNext(tenantId, 'Unavailable');
    expect((await gateway.create(tenantId, customer('Retry Me'), id)).ok).toBe(false);
    const ref = valueOf(await gateway.create(tenantId, customer('Retry Me'), id));
    expect(valueOf(await gateway.create(tenantId, customer('Retry Me'), id))).toEqual(ref);
    expect(gateway.writeCount).toBe(1);
  });

  it('keeps each tenant in its own company, named by open()', async () => {
    const gateway = new InMemoryQboGateway();
    gateway.open('tenant-b', 'Blue Pools LLC');
    valueOf(await gateway.create(tenantId, customer('Shared Name'), requestId()));
    valueOf(await gateway.create('tenant-b', customer('Shared Name'), requestId()));
    expect(valueOf(await gateway.companyName('tenant-b'))).toBe('Blue Pools LLC');
    expect((await all(gateway, 'tenant-b', 'Customer')).map((row) => row.fields.displayName)).toEqual(['Shared Name']);
  });

  it('seeds accounts that items and payments may refer to, and refuses a seeded name that is taken', async () => {
    const gateway = new InMemoryQboGateway();
    const income = gateway.seed(tenantId, 'Account', { name: 'Pool Service Income', accountType: 'Income', accountSubType: 'ServiceFeeIncome', active: true });
    const item = await gateway.create(tenantId, { entity: 'Item', fields: { name: 'Weekly clean', type: 'Service', description: null, unitPriceCents: 9900, sku: null, active: true, incomeAccountId: income.id } }, requestId());
    expect(valueOf(await gateway.get(tenantId, 'Item', valueOf(item).id)).fields.incomeAccountId).toBe(income.id);
    gateway.seed(tenantId, 'Vendor', { displayName: 'Acme', active: false });
    expect(() => gateway.seed(tenantId, 'Employee', { displayName: 'ACME', active: true })).toThrow('already used');
  });
});
