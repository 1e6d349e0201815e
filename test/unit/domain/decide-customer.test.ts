import fc from 'fast-check';
import { decideCustomer } from '../../../src/domain/customers/decide-customer';
import type { HostCustomer } from '../../../src/domain/host/host-records';
import type { Link } from '../../../src/domain/sync/link';

const poolOwner: HostCustomer = {
  id: '17', firstName: 'Maria', lastName: 'Lopez', companyName: null, displayAsCompany: false,
  email: 'maria@example.com', phone: '555-0100', street: '12 Palm Way', city: 'Tampa', state: 'FL', zip: '33601', isActive: true,
};

const linkAfter = (decision: ReturnType<typeof decideCustomer>, syncToken = '0'): Link => {
  if (decision.kind !== 'create' && decision.kind !== 'update') throw new Error(`expected a write, got ${decision.kind}`);
  return { kind: 'customer', hostId: '17', qboEntity: 'Customer', qboId: '58', syncToken, fingerprint: decision.fingerprint, pushed: decision.pushed, retired: false };
};

describe('decideCustomer', () => {
  it('creates a QBO customer named after the person for a customer never pushed', () => {
    const decision = decideCustomer('pool-co', poolOwner, null);
    expect(decision.kind).toBe('create');
    if (decision.kind !== 'create') return;
    expect(decision.draft).toEqual({ entity: 'Customer', fields: expect.objectContaining({ displayName: 'Maria Lopez', active: true }) });
    expect(decision.requestId.length).toBeLessThanOrEqual(50);
  });

  it('sends only the renamed field when the customer is renamed after a push', () => {
    const link = linkAfter(decideCustomer('pool-co', poolOwner, null));
    const decision = decideCustomer('pool-co', { ...poolOwner, displayAsCompany: true, companyName: 'Lopez Pools LLC' }, link);
    expect(decision.kind).toBe('update');
    if (decision.kind !== 'update') return;
    expect(decision.changes.fields).toEqual({ displayName: 'Lopez Pools LLC', companyName: 'Lopez Pools LLC' });
    expect(decision.ref).toEqual({ id: '58', syncToken: '0' });
  });

  it('decides nothing once what was decided has been applied', () => {
    const text = fc.string({ maxLength: 12 });
    const customer = fc.record({
      id: fc.constant('17'), firstName: text, lastName: text, companyName: fc.option(text), displayAsCompany: fc.boolean(),
      email: fc.option(text), phone: fc.option(text), street: fc.option(text), city: fc.option(text), state: fc.option(text),
      zip: fc.option(text), isActive: fc.boolean(),
    });
    fc.assert(fc.property(customer, customer, (before, after) => {
      const link = linkAfter(decideCustomer('t', before, null));
      const second = decideCustomer('t', after, link);
      const settled = second.kind === 'update' ? linkAfter(second, '1') : link;
      expect(decideCustomer('t', after, settled).kind).toBe('nothing');
    }));
  });

  it('keeps a customer inactive in the host active in QBO while its money moves, saying why; inactive once settled', () => {
    const pushed = linkAfter(decideCustomer('pool-co', poolOwner, null));
    const inactive = { ...poolOwner, isActive: false };
    const kept = decideCustomer('pool-co', inactive, pushed, {}, { keptActive: 'kept active in QuickBooks until its balance is settled (it still owes $350.00)' });
    expect(kept.kind).toBe('nothing');
    const created = decideCustomer('pool-co', inactive, null, {}, { keptActive: 'kept active in QuickBooks until its balance is settled (it holds $5.00 of credit)' });
    expect(created).toMatchObject({ kind: 'create', draft: { fields: { active: true } }, note: 'inactive in the app, kept active in QuickBooks until its balance is settled (it holds $5.00 of credit)' });
    expect(decideCustomer('pool-co', inactive, pushed, {}, { keptActive: null })).toMatchObject({ kind: 'update', changes: { fields: { active: false } } });
    // An active host customer is active whatever its money.
    expect(decideCustomer('pool-co', poolOwner, pushed, {}, { keptActive: 'kept active' }).kind).toBe('nothing');
  });
});
