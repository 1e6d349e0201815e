import type { Knex } from 'knex';
import { KnexTenantLease } from '../../../src/adapters/knex/knex-tenant.lease';
import { contractPrefix, onEveryDatabase } from '../../contracts/knex-backends';
import { uniqueTenant } from '../../contracts/contract-clock';

/** The statements `knex` sends while `work` runs. */
const statementsOf = async (knex: Knex, work: () => Promise<unknown>): Promise<string[]> => {
  const sent: string[] = [];
  const listen = (query: { sql: string }): void => void sent.push(query.sql);
  knex.on('query', listen);
  try {
    await work();
  } finally {
    knex.removeListener('query', listen);
  }
  return sent;
};

onEveryDatabase((backend) => {
  describe('KnexTenantLease: the burst takes and gives back the same companies over and over (ADR 0081)', () => {
    const now = 1_700_000_000_000;
    const ttl = 6_000;

    it('takes a company it drove before, now released, in one statement', async () => {
      const lease = new KnexTenantLease(backend().knex, contractPrefix);
      const tenant = uniqueTenant('again');
      await lease.release(tenant, (await lease.acquire(tenant, 'worker-a', now, ttl))!);
      let token: string | null = null;
      const sent = await statementsOf(backend().knex, async () => (token = await lease.acquire(tenant, 'worker-b', now + 1, ttl)));
      expect(token).toEqual(expect.any(String));
      expect(sent).toHaveLength(1);
      expect(await lease.renew(tenant, token!, now + 2, ttl)).toBe(true);
    });

    it('finds a company another worker holds in two statements, and takes a new company in four', async () => {
      const lease = new KnexTenantLease(backend().knex, contractPrefix);
      const tenant = uniqueTenant('held');
      const first = await statementsOf(backend().knex, () => lease.acquire(tenant, 'worker-a', now, ttl));
      expect(first).toHaveLength(4);
      let token: string | null = 'not asked';
      const held = await statementsOf(backend().knex, async () => (token = await lease.acquire(tenant, 'worker-b', now + 1, ttl)));
      expect(token).toBeNull();
      expect(held).toHaveLength(2);
    });

    it('renews every lease a process holds in one statement, and names only those still its own (ADR 0082)', async () => {
      const lease = new KnexTenantLease(backend().knex, contractPrefix);
      const tenants = ['one', 'two', 'three'].map((name) => uniqueTenant(`beat-${name}`));
      const held = await Promise.all(tenants.map(async (tenantId) => ({ tenantId, token: (await lease.acquire(tenantId, 'worker-a', now, ttl))! })));
      let kept: ReadonlySet<string> = new Set();
      const sent = await statementsOf(backend().knex, async () => (kept = await lease.renewMany(held, now + 5_000, ttl)));
      expect(sent).toHaveLength(1);
      expect(kept).toEqual(new Set(held.map((one) => one.token)));
      // Still held at now + 5,000 + ttl - 1: the renewal moved every lease on.
      expect([...(await lease.heldByOthers('worker-b', now + 5_000 + ttl - 1))].filter((tenantId) => tenants.includes(tenantId)).sort()).toEqual([...tenants].sort());

      // The second company's lease ran out and another worker took it: the next beat leaves it out, in two statements.
      const [, lost] = held;
      expect(await lease.acquire(lost!.tenantId, 'worker-b', now + 5_000 + ttl, ttl)).toEqual(expect.any(String));
      const lostSent = await statementsOf(backend().knex, async () => (kept = await lease.renewMany(held, now + 5_000 + ttl + 1, ttl)));
      expect(lostSent).toHaveLength(2);
      expect(kept).toEqual(new Set([held[0]!.token, held[2]!.token]));
      expect(await lease.renew(lost!.tenantId, lost!.token, now + 5_000 + ttl + 2, ttl)).toBe(false);
    });

    it('keeps one row per company however often it is taken and released', async () => {
      const lease = new KnexTenantLease(backend().knex, contractPrefix);
      const tenant = uniqueTenant('rows');
      for (let round = 0; round < 5; round += 1) await lease.release(tenant, (await lease.acquire(tenant, `worker-${round}`, now + round, ttl))!);
      expect(await backend().knex(`${contractPrefix}leases`).where({ tenant_id: tenant }).count({ n: '*' })).toEqual([{ n: 1 }]);
      expect((await lease.heldByOthers('nobody', now + 5)).has(tenant)).toBe(false);
    });
  });
});
