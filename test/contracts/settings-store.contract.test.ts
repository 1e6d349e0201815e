import { KnexSettingsStore } from '../../src/adapters/knex/knex-settings.store';
import { InMemorySettingsStore } from '../../src/adapters/memory/in-memory-settings.store';
import { contractPrefix, onEveryDatabase } from './knex-backends';
import { describeSettingsStoreContract } from './settings-store.contract';

describeSettingsStoreContract('in memory', async () => new InMemorySettingsStore());
onEveryDatabase((backend) => describeSettingsStoreContract('knex', async () => new KnexSettingsStore(backend().knex, contractPrefix)));
