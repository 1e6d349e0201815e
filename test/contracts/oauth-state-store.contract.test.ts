import { KnexOAuthStateStore } from '../../src/adapters/knex/knex-oauth-state.store';
import { InMemoryOAuthStateStore } from '../../src/adapters/memory/in-memory-oauth-state.store';
import { contractPrefix, onEveryDatabase } from './knex-backends';
import { describeOAuthStateStoreContract } from './oauth-state-store.contract';

describeOAuthStateStoreContract('in memory', async () => {
  const store = new InMemoryOAuthStateStore();
  return { store, peer: store };
});
onEveryDatabase((backend) =>
  describeOAuthStateStoreContract('knex', async () => ({
    store: new KnexOAuthStateStore(backend().knex, contractPrefix),
    peer: new KnexOAuthStateStore(backend().peer, contractPrefix),
  })),
);
