// A host's own test file, in the host's own Jest: the contract suite from `qbo-sync/testing` over the aqua app's own
// adapter, on the MariaDB database at DATABASE_URL. Copied into a scratch app beside the adapter's files (their
// imports rewritten to `qbo-sync` and `qbo-sync/testing`) and compiled there; not run by this repository's Jest.
import knexFactory, { type Knex } from 'knex';
import { describeHostDirectoryContract } from 'qbo-sync/testing';
import { createAquaHostTables } from './aqua-host-schema';
import { aquaContractFixture, aquaHostKeeps } from './aqua-host-seed';

let knex: Knex;
beforeAll(async () => {
  knex = knexFactory({ client: 'mysql2', connection: process.env['DATABASE_URL'], pool: { min: 0, max: 4 } });
  await createAquaHostTables(knex);
});
afterAll(() => knex.destroy());

describeHostDirectoryContract('aqua, outside the package', async () => aquaContractFixture(knex), aquaHostKeeps);
