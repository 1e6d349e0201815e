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

    it('keeps one row per company however often it is taken and released', async () => {
      const lease = new KnexTenantLease(backend().knex, contractPrefix);
      const tenant = uniqueTenant('rows');
      for (let round = 0; round < 5; round += 1) await lease.release(tenant, (await lease.acquire(tenant, `worker-${round}`, now + round, ttl))!);
      expect(await backend().knex(`${contractPrefix}leases`).where({ tenant_id: tenant }).count({ n: '*' })).toEqual([{ n: 1 }]);
      expect((await lease.heldByOthers('nobody', now + 5)).has(tenant)).toBe(false);
    });
  });
});
