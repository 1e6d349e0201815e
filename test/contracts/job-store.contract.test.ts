import { KnexJobStore } from '../../src/adapters/knex/knex-job.store';
import { InMemoryJobStore } from '../../src/adapters/memory/in-memory-job.store';
import { describeJobStoreContract } from './job-store.contract';
import { contractPrefix, onEveryDatabase } from './knex-backends';

describeJobStoreContract('in memory', async () => new InMemoryJobStore());
onEveryDatabase((backend) => describeJobStoreContract('knex', async () => new KnexJobStore(backend().knex, contractPrefix)));
