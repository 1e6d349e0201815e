import { KnexSweepMarkStore } from '../../src/adapters/knex/knex-sweep-mark.store';
import { KnexWriteJournal } from '../../src/adapters/knex/knex-write.journal';
import { InMemorySweepMarkStore } from '../../src/adapters/memory/in-memory-sweep-mark.store';
import { InMemoryWriteJournal } from '../../src/adapters/memory/in-memory-write.journal';
import { describeSweepMarkStoreContract, describeWriteJournalContract } from './delivery-notes.contract';
import { contractPrefix, onEveryDatabase } from './knex-backends';

describeWriteJournalContract('in memory', async () => new InMemoryWriteJournal());
describeSweepMarkStoreContract('in memory', async () => new InMemorySweepMarkStore());
onEveryDatabase((backend) => {
  describeWriteJournalContract('knex', async () => new KnexWriteJournal(backend().knex, contractPrefix));
  describeSweepMarkStoreContract('knex', async () => new KnexSweepMarkStore(backend().knex, contractPrefix));
});
