import { createAquaHostTables } from '../../examples/aqua-host/aqua-host-schema';
import { AquaHostSeeder } from '../../examples/aqua-host/aqua-host-seed';
import { AquaHostDirectory } from '../../examples/aqua-host/aqua-host.directory';
import { AquaHostWriter } from '../../examples/aqua-host/aqua-host.writer';
import { ContractClock, describeHostDirectoryContract } from '../../src/testing';
import { onEveryDatabase } from './knex-backends';

// The aqua app's own adapter (examples/aqua-host, path 2 of "Your host's schema") passes the same suite as the
// package's adapters, saying only what its tables cannot hold: one name column, no address, no SKU, no sales tax.
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
    {
      salesTax: false,
      keeps: {
        customer: (written) => ({
          ...written,
          firstName: written.displayAsCompany ? '' : `${written.firstName} ${written.lastName}`.trim(),
          lastName: '',
          companyName: written.displayAsCompany ? written.companyName : null,
          street: null, city: null, state: null, zip: null,
        }),
        item: (written) => ({ ...written, sku: null }),
      },
    },
  );
});
