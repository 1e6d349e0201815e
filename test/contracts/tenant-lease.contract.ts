import type { TenantLease } from '../../src/application/ports/tenant-lease.port';
import { uniqueTenant } from './contract-clock';

export interface TenantLeaseFixture {
  readonly lease: TenantLease;
  /** Another process's adapter on the same data. */
  readonly peer: TenantLease;
}

export const describeTenantLeaseContract = (name: string, makeFixture: () => Promise<TenantLeaseFixture>): void => {
  describe(`TenantLease contract: ${name}`, () => {
    const now = 1_700_000_000_000;
    const ttl = 30_000;
    let f: TenantLeaseFixture;
    let tenant: string;
    beforeEach(async () => {
      f = await makeFixture();
      tenant = uniqueTenant('lease');
    });

    it('lets one owner hold a tenant until the lease expires', async () => {
      const token = await f.lease.acquire(tenant, 'worker-a', now, ttl);
      expect(token).toEqual(expect.any(String));
      expect(await f.peer.acquire(tenant, 'worker-b', now + ttl - 1, ttl)).toBeNull();
      const taken = await f.peer.acquire(tenant, 'worker-b', now + ttl, ttl);
      expect(taken).toEqual(expect.any(String));
      expect(taken).not.toBe(token);
    });

    it('fences off the previous holder once another owner took over', async () => {
      const old = (await f.lease.acquire(tenant, 'worker-a', now, ttl))!;
      const current = (await f.peer.acquire(tenant, 'worker-b', now + ttl, ttl))!;
      expect(await f.lease.renew(tenant, old, now + ttl, ttl)).toBe(false);
      await f.lease.release(tenant, old);
      expect(await f.lease.acquire(tenant, 'worker-c', now + ttl + 1, ttl)).toBeNull();
      expect(await f.peer.renew(tenant, current, now + ttl + 1, ttl)).toBe(true);
    });

    it('extends the lease on renewal', async () => {
      const token = (await f.lease.acquire(tenant, 'worker-a', now, ttl))!;
      expect(await f.lease.renew(tenant, token, now + ttl - 1, ttl)).toBe(true);
      expect(await f.peer.acquire(tenant, 'worker-b', now + ttl, ttl)).toBeNull();
      expect(await f.peer.acquire(tenant, 'worker-b', now + 2 * ttl - 1, ttl)).not.toBeNull();
    });

    it('frees the tenant on release', async () => {
      const token = (await f.lease.acquire(tenant, 'worker-a', now, ttl))!;
      await f.lease.release(tenant, token);
      expect(await f.lease.renew(tenant, token, now, ttl)).toBe(false);
      expect(await f.peer.acquire(tenant, 'worker-b', now + 1, ttl)).not.toBeNull();
    });

    it('keeps tenants independent', async () => {
      expect(await f.lease.acquire(tenant, 'worker-a', now, ttl)).not.toBeNull();
      expect(await f.peer.acquire(uniqueTenant('other'), 'worker-b', now, ttl)).not.toBeNull();
    });

    it('names the tenants other owners hold, not its own, not expired or released ones', async () => {
      const mine = uniqueTenant('mine');
      const released = uniqueTenant('released');
      const expired = uniqueTenant('expired');
      expect(await f.lease.acquire(tenant, 'worker-b', now, ttl)).not.toBeNull();
      expect(await f.lease.acquire(mine, 'worker-a', now, ttl)).not.toBeNull();
      await f.lease.release(released, (await f.lease.acquire(released, 'worker-b', now, ttl))!);
      expect(await f.lease.acquire(expired, 'worker-b', now - ttl, ttl)).not.toBeNull();
      const held = await f.peer.heldByOthers!('worker-a', now);
      expect([tenant, mine, released, expired].filter((t) => held.has(t))).toEqual([tenant]);
      expect((await f.peer.heldByOthers!('worker-a', now + ttl)).has(tenant)).toBe(false);
    });

    it('counts the other owners of the prefix holding a lease, not itself, not expired or released ones, not an initial sync or an import (ADR 0087)', async () => {
      // Long after every other test's leases ran out: only this test's are live.
      const later = now + 1_000 * ttl;
      const [me, b, c, gone] = ['worker-a', 'worker-b', 'worker-c', 'worker-d'];
      expect(await f.lease.acquire(uniqueTenant('mine'), me, later, ttl)).not.toBeNull();
      expect(await f.lease.acquire(uniqueTenant('b-one'), b, later, ttl)).not.toBeNull();
      expect(await f.lease.acquire(uniqueTenant('b-two'), b, later, ttl)).not.toBeNull();
      expect(await f.lease.acquire(uniqueTenant('c'), c, later, ttl)).not.toBeNull();
      const released = uniqueTenant('d-released');
      await f.lease.release(released, (await f.lease.acquire(released, gone, later, ttl))!);
      expect(await f.lease.acquire(uniqueTenant('d-expired'), gone, later - ttl, ttl)).not.toBeNull();
      // One company each, in this process or another: not a worker driving companies.
      expect(await f.lease.acquire(uniqueTenant('initial-sync'), 'initial-sync-1', later, ttl)).not.toBeNull();
      expect(await f.lease.acquire(uniqueTenant('import'), 'import-1', later, ttl)).not.toBeNull();
      expect(await f.peer.othersHolding!(me, later, 'worker-')).toBe(2);
      expect(await f.peer.othersHolding!(b, later, 'worker-')).toBe(2);
      expect(await f.peer.othersHolding!(me, later, 'initial-sync-')).toBe(1);
      expect(await f.peer.othersHolding!(me, later + ttl, 'worker-')).toBe(0);
    });

    it('renews many leases at once, and names only the tokens still held (ADR 0082)', async () => {
      const other = uniqueTenant('many');
      const released = uniqueTenant('many-released');
      const held = [
        { tenantId: tenant, token: (await f.lease.acquire(tenant, 'worker-a', now, ttl))! },
        { tenantId: other, token: (await f.lease.acquire(other, 'worker-a', now, ttl))! },
        { tenantId: released, token: (await f.lease.acquire(released, 'worker-a', now, ttl))! },
      ];
      await f.lease.release(released, held[2]!.token);
      const taken = (await f.peer.acquire(other, 'worker-b', now + ttl, ttl))!;
      const kept = await f.lease.renewMany!(held, now + ttl, ttl);
      expect(kept).toEqual(new Set([held[0]!.token]));
      expect(await f.peer.acquire(tenant, 'worker-b', now + 2 * ttl - 1, ttl)).toBeNull();
      expect(await f.peer.renew(other, taken, now + ttl + 1, ttl)).toBe(true);
      expect(await f.lease.renewMany!([], now, ttl)).toEqual(new Set());
    });

    it('grants a contended tenant to exactly one of many concurrent owners', async () => {
      for (const at of [now, now + ttl, now + 2 * ttl]) {
        const tokens = await Promise.all(
          Array.from({ length: 8 }, (_, i) => (i % 2 ? f.peer : f.lease).acquire(tenant, `worker-${at}-${i}`, at, ttl)),
        );
        expect(tokens.filter((t) => t !== null)).toHaveLength(1);
      }
    });
  });
};
