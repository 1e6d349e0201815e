import fc from 'fast-check';
import { decideCustomer } from '../../../src/domain/customers/decide-customer';
import type { HostRecordKind } from '../../../src/domain/host/host-records';
import { privateNoteMarker } from '../../../src/domain/sync/private-note';
import { requestIdFor, type SyncOperation } from '../../../src/domain/sync/request-id';
import { aCustomer } from '../../support/domain/host-records.builder';
import { aLink } from '../../support/domain/link.builder';

const kind = fc.constantFrom<HostRecordKind>('customer', 'item', 'invoice', 'payment', 'refund');
const operation = fc.constantFrom<SyncOperation>('create', 'update', 'delete', 'void');

describe('requestIdFor', () => {
  it('fits QBO (at most 50 characters) and is the same for a retry of the same change', () => {
    fc.assert(fc.property(fc.string(), kind, fc.string(), operation, fc.string(), (tenant, k, hostId, op, fingerprint) => {
      const id = requestIdFor(tenant, k, hostId, op, fingerprint);
      expect(id.length).toBeLessThanOrEqual(50);
      expect(requestIdFor(tenant, k, hostId, op, fingerprint)).toBe(id);
    }));
  });

  it('differs whenever the fingerprints differ', () => {
    fc.assert(fc.property(fc.string(), kind, fc.string(), operation, fc.string(), fc.string(), (tenant, k, hostId, op, a, b) => {
      fc.pre(a !== b);
      expect(requestIdFor(tenant, k, hostId, op, a)).not.toBe(requestIdFor(tenant, k, hostId, op, b));
    }), { numRuns: 2000 });
  });

  it('changes with the base SyncToken and with the name variant sent', () => {
    const link = aLink('customer', '17', 'Customer', '58', { fingerprint: 'old' });
    const at0 = decideCustomer('pool-co', aCustomer(), link);
    const at1 = decideCustomer('pool-co', aCustomer(), { ...link, syncToken: '1' });
    const renamed = decideCustomer('pool-co', aCustomer(), link, { qboName: 'Maria Lopez (2)' });
    const ids = [at0, at1, renamed].map((d) => (d.kind === 'update' ? d.requestId : d.kind));
    expect(new Set(ids).size).toBe(3);
    if (renamed.kind === 'update') expect(renamed.changes.fields).toMatchObject({ displayName: 'Maria Lopez (2)' });
  });
});

describe('privateNoteMarker', () => {
  it('marks a transaction with tenant, kind and host id', () => {
    expect(privateNoteMarker('pool-co', 'payment', 'p-1')).toBe('qbo-sync:pool-co:payment:p-1');
    expect(privateNoteMarker('a:b', 'refund', '1')).not.toBe(privateNoteMarker('a', 'refund', 'b:1'));
  });
});
