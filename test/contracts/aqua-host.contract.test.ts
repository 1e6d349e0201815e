import { createAquaHostTables } from '../../examples/aqua-host/aqua-host-schema';
import { AquaHostSeeder, aquaHostKeeps } from '../../examples/aqua-host/aqua-host-seed';
import { AquaHostDirectory } from '../../examples/aqua-host/aqua-host.directory';
import { AquaHostWriter } from '../../examples/aqua-host/aqua-host.writer';
import { ContractClock, describeHostDirectoryContract } from '../../src/testing';
import { onEveryDatabase } from './knex-backends';

// The aqua app's own adapter (examples/aqua-host, path 2 of "Your host's schema") passes the same suite as the
// package's adapters, saying only what its tables cannot hold (aquaHostKeeps).
onEveryDatabase((backend) => {
  beforeAll(() => createAquaHostTables(backend().knex));
  describeHostDirectoryContract(
    'the aqua host\'s own adapter',
    async () => {
      const clock = new ContractClock();
      const { knex } = backend();
      return {
        directory: new AquaHostDirectory(knex),
        writer: new AquaHostWriter(knex, () => clock.now()),
        seed: new AquaHostSeeder(knex, () => clock.now()),
        clock,
        blankItemName: async (_tenantId, id) => {
          await knex('aqua_catalog').where({ uuid: id }).update({ title: '  ' });
        },
        breakInvoiceStatus: async (_tenantId, id) => {
          await knex('aqua_bills').where({ uuid: id }).update({ state: 'lost' });
        },
      };
    },
    aquaHostKeeps,
  );
});
