import { KnexQboBudgetStore } from '../../src/adapters/knex/knex-qbo-budget.store';
import { describeQboBudgetStoreContract, InMemoryQboBudgetStore } from '../../src/testing';
import { contractPrefix, onEveryDatabase } from './knex-backends';

describeQboBudgetStoreContract('in memory', async () => {
  const store = new InMemoryQboBudgetStore();
  return { store, peer: store };
});
onEveryDatabase((backend) =>
  describeQboBudgetStoreContract('knex', async () => ({
    store: new KnexQboBudgetStore(backend().knex, contractPrefix),
    peer: new KnexQboBudgetStore(backend().peer, contractPrefix),
  })),
);
