import fc from 'fast-check';
import type { HostRecordKind } from '../../../src/domain/host/host-records';
import { afterRefusals, requestIdFor, type SyncOperation } from '../../../src/domain/sync/request-id';

const kind = fc.constantFrom<HostRecordKind>('customer', 'item', 'invoice', 'payment', 'refund');
const operation = fc.constantFrom<SyncOperation>('create', 'update', 'delete', 'void');

describe('afterRefusals: a write QBO definitely refused is sent anew, an uncertain one is not', () => {
  it('keeps the id while nothing was refused (a retry after a timeout or a 5xx is the same request)', () => {
    fc.assert(fc.property(fc.string(), kind, fc.string(), operation, fc.string(), (tenant, k, hostId, op, fingerprint) => {
      const id = requestIdFor(tenant, k, hostId, op, fingerprint);
      expect(afterRefusals(id, 0)).toBe(id);
    }));
  });

  it('gives each refusal count its own id, at most 50 characters, with the same readable prefix', () => {
    fc.assert(fc.property(fc.string(), kind, fc.string(), operation, fc.string(), fc.integer({ min: 1, max: 1_000 }), (tenant, k, hostId, op, fingerprint, refusals) => {
      const id = requestIdFor(tenant, k, hostId, op, fingerprint);
      const after = afterRefusals(id, refusals);
      expect(after.length).toBeLessThanOrEqual(50);
      expect(after.slice(0, 12)).toBe(id.slice(0, 12));
      expect(new Set([id, after, afterRefusals(id, refusals + 1)]).size).toBe(3);
      expect(afterRefusals(id, refusals)).toBe(after);
    }));
  });
});
