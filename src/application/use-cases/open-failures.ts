import type { ActivityEntry, ActivityLog } from '../ports/activity-log.port';
import { activityEntries } from '../setup/activity-entries';

/**
 * The newest open (not dismissed) failure entry of each outbox row, newest first, optionally only those whose words
 * contain `search`: what "Retry all failed" and a saved setting put back into the outbox.
 */
export const openFailures = async (activity: ActivityLog, tenantId: string, search?: string): Promise<ActivityEntry[]> => {
  const byOutboxRow = new Map<string, ActivityEntry>();
  for await (const entry of activityEntries(activity, tenantId, { outcome: 'failure', ...(search ? { search } : {}) })) {
    if (entry.outboxId !== null && entry.dismissedAt === null && !byOutboxRow.has(entry.outboxId)) byOutboxRow.set(entry.outboxId, entry);
  }
  return [...byOutboxRow.values()];
};
