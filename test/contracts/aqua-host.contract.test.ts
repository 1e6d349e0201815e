import { createAquaHostTables } from '../../examples/aqua-host/aqua-host-schema';
import { aquaContractFixture, aquaHostKeeps } from '../../examples/aqua-host/aqua-host-seed';
import { describeHostDirectoryContract } from '../../src/testing';
import { onEveryDatabase } from './knex-backends';

// The aqua app's own adapter (examples/aqua-host, path 2 of "Your host's schema") passes the same suite as the
// package's adapters, saying only what its tables cannot hold (aquaHostKeeps).
onEveryDatabase((backend) => {
  beforeAll(() => createAquaHostTables(backend().knex));
  describeHostDirectoryContract('the aqua host\'s own adapter', async () => aquaContractFixture(backend().knex), aquaHostKeeps);
});
