import { InMemoryActivityLog } from '../../../../src/adapters/memory/in-memory-activity.log';
import type { ActivityEntryInput } from '../../../../src/application/ports/activity-log.port';
import { currentFailures } from '../../../../src/application/setup/current-failures';

const tenantId = 't1';
const entry = (hostId: string, at: number, outcome: ActivityEntryInput['outcome'], kind: ActivityEntryInput['kind'] = 'customer'): ActivityEntryInput => ({
  tenantId, at, action: outcome === 'failure' ? 'update' : 'retry', kind, hostId, qboId: null, outcome, message: `${outcome} of ${hostId} at ${at}`, outboxId: `o-${hostId}-${at}`,
});

describe('currentFailures: the records whose newest word in the activity log is a failure nobody dismissed', () => {
  it('keeps a failure that is the record\'s newest entry, and drops one a success, a "queued again" or a dismissal came after', async () => {
    const log = new InMemoryActivityLog();
    await log.recordMany([
      entry('failed-now', 10, 'failure'),
      entry('healed', 11, 'failure'),
      entry('healed', 12, 'success'),
      entry('retried', 13, 'failure'),
      entry('retried', 14, 'success'),
      entry('failed-twice', 15, 'failure'),
      entry('failed-twice', 16, 'failure'),
      entry('an-item', 17, 'failure', 'item'),
    ]);
    const dismissed = await log.record(entry('dismissed', 18, 'failure'));
    await log.dismiss(tenantId, dismissed.id, 19);
    await log.record({ ...entry('other-tenant', 20, 'failure'), tenantId: 't2' });

    const failed = await currentFailures(log, tenantId, 'customer');
    expect([...failed.keys()].sort()).toEqual(['failed-now', 'failed-twice']);
    expect(failed.get('failed-twice')?.at).toBe(16);
    expect([...(await currentFailures(log, tenantId, 'item')).keys()]).toEqual(['an-item']);
  });

  it('reads nothing more than the failures when there are none', async () => {
    const log = new InMemoryActivityLog();
    await log.recordMany([entry('fine', 1, 'success')]);
    const list = jest.spyOn(log, 'list');
    expect((await currentFailures(log, tenantId, 'customer')).size).toBe(0);
    expect(list).toHaveBeenCalledTimes(1);
  });
});
