import type { Knex } from 'knex';
import { InMemoryOutboxStore } from '../../src/adapters/memory/in-memory-outbox.store';
import { InMemoryTransaction } from '../../src/adapters/memory/in-memory.transaction';
import { KnexOutboxStore } from '../../src/adapters/knex/knex-outbox.store';
import { migratePluginTables } from '../../src/adapters/knex/plugin-migrations';
import { createSqliteDatabase, createTestDatabase, type TestDatabase } from '../support/database';
import { ContractClock } from './contract-clock';
import { describeOutboxStoreContract } from './outbox-store.contract';

const prefix = 'qbo_';

const knexHostTransaction =
  (knex: Knex) =>
  async (work: (transaction: unknown) => Promise<void>, outcome: 'commit' | 'rollback'): Promise<void> => {
    const trx = await knex.transaction();
    await work(trx);
    if (outcome === 'commit') await trx.commit();
    else await trx.rollback();
  };

describeOutboxStoreContract('in memory', async () => {
  const clock = new ContractClock();
  const store = new InMemoryOutboxStore(clock);
  return {
    store,
    peer: store,
    clock,
    hostTransaction: async (work, outcome) => {
      const trx = new InMemoryTransaction();
      await work(trx);
      if (outcome === 'commit') trx.commit();
      else trx.rollback();
    },
  };
});

describe('knex on SQLite', () => {
  let db: { knex: Knex; destroy(): Promise<void> };
  beforeAll(async () => {
    db = await createSqliteDatabase();
    await migratePluginTables(db.knex, prefix);
  });
  afterAll(() => db.destroy());

  describeOutboxStoreContract('knex SQLite', async () => {
    const clock = new ContractClock();
    const store = new KnexOutboxStore(db.knex, prefix, clock);
    return { store, peer: store, clock, hostTransaction: knexHostTransaction(db.knex) };
  });
});

describe('knex on MariaDB', () => {
  let db: TestDatabase;
  let peerKnex: Knex;
  beforeAll(async () => {
    db = await createTestDatabase();
    peerKnex = db.openPeer();
    await migratePluginTables(db.knex, prefix);
  });
  afterAll(() => db.destroy());

  describeOutboxStoreContract('knex MariaDB', async () => {
    const clock = new ContractClock();
    return {
      store: new KnexOutboxStore(db.knex, prefix, clock),
      peer: new KnexOutboxStore(peerKnex, prefix, clock),
      clock,
      hostTransaction: knexHostTransaction(db.knex),
    };
  });
});
