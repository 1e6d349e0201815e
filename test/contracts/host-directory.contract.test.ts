import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { createReferenceHostTables } from '../../examples/reference-host/reference-host-schema';
import { defaultHostSchema } from '../../src/adapters/knex/host/host-schema';
import { KnexHostDirectory } from '../../src/adapters/knex/host/knex-host.directory';
import { KnexHostWriter } from '../../src/adapters/knex/host/knex-host.writer';
import { InMemoryHostDirectory } from '../../src/adapters/memory/in-memory-host.directory';
import { InMemoryHostWriter } from '../../src/adapters/memory/in-memory-host.writer';
import { RecordingLogger } from '../support/recording-logger';
import { ContractClock, describeHostDirectoryContract, InMemoryHostSeed } from '../../src/testing';
import { onEveryDatabase } from './knex-backends';

describeHostDirectoryContract('in memory', async () => {
  const clock = new ContractClock();
  const directory = new InMemoryHostDirectory();
  return {
    directory, writer: new InMemoryHostWriter(directory, clock), seed: new InMemoryHostSeed(directory, () => clock.now()), clock,
    blankItemName: async (tenantId, id) => directory.putUnreadable('item', tenantId, id, 'the item has no name', clock.now()),
    breakInvoiceStatus: async (tenantId, id, customerId) => directory.putUnreadable('invoice', tenantId, id, 'unknown invoice status "lost"', clock.now(), customerId),
  };
});

onEveryDatabase((backend) => {
  beforeAll(() => createReferenceHostTables(backend().knex));
  describeHostDirectoryContract('knex', async () => {
    const clock = new ContractClock();
    const { knex } = backend();
    return {
      directory: new KnexHostDirectory(knex, defaultHostSchema, new RecordingLogger()),
      writer: new KnexHostWriter(knex, defaultHostSchema, clock),
      seed: new ReferenceHostSeeder(knex, () => clock.now()),
      clock,
      blankItemName: async (_tenantId, id) => {
        await knex('catalog_items').where({ id }).update({ name: '  ' });
      },
      breakInvoiceStatus: async (_tenantId, id) => {
        await knex('invoices').where({ id }).update({ status: 'lost' });
      },
    };
  });
});
