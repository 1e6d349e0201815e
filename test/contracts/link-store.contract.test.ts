import { KnexLinkStore } from '../../src/adapters/knex/knex-link.store';
import { InMemoryLinkStore } from '../../src/adapters/memory/in-memory-link.store';
import { contractPrefix, onEveryDatabase } from './knex-backends';
import { describeLinkStoreContract } from './link-store.contract';

describeLinkStoreContract('in memory', async () => new InMemoryLinkStore());
onEveryDatabase((backend) => describeLinkStoreContract('knex', async () => new KnexLinkStore(backend().knex, contractPrefix)));
