import { KnexTenantLease } from '../../src/adapters/knex/knex-tenant.lease';
import { InMemoryTenantLease } from '../../src/adapters/memory/in-memory-tenant.lease';
import { contractPrefix, onEveryDatabase } from './knex-backends';
import { describeTenantLeaseContract } from './tenant-lease.contract';

describeTenantLeaseContract('in memory', async () => {
  const lease = new InMemoryTenantLease();
  return { lease, peer: lease };
});
onEveryDatabase((backend) =>
  describeTenantLeaseContract('knex', async () => ({
    lease: new KnexTenantLease(backend().knex, contractPrefix),
    peer: new KnexTenantLease(backend().peer, contractPrefix),
  })),
);
