import { KnexActivityLog } from '../../src/adapters/knex/knex-activity.log';
import { InMemoryActivityLog } from '../../src/adapters/memory/in-memory-activity.log';
import { describeActivityLogContract } from './activity-log.contract';
import { contractPrefix, onEveryDatabase } from './knex-backends';

describeActivityLogContract('in memory', async () => new InMemoryActivityLog());
onEveryDatabase((backend) => describeActivityLogContract('knex', async () => new KnexActivityLog(backend().knex, contractPrefix)));
