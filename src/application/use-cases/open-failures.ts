import { maxActivityPage, type ActivityEntry, type ActivityLog } from '../ports/activity-log.port';

/** The failure entries looked at in one request: far more than a log shows; the rest wait for the next request. */
const maxFailuresScanned = 20_000;

/**
 * The newest open (not dismissed) failure entry of each outbox row, newest first, optionally only those whose words
 * contain `search`: what "Retry all failed" and a saved setting put back into the outbox.
 */
export const openFailures = async (activity: ActivityLog, tenantId: string, search?: string): Promise<ActivityEntry[]> => {
  const byOutboxRow = new Map<string, ActivityEntry>();
  let cursor: string | undefined;
  for (let scanned = 0; scanned < maxFailuresScanned;) {
    const page = await activity.list(tenantId, { limit: maxActivityPage, outcome: 'failure', ...(search ? { search } : {}), ...(cursor ? { cursor } : {}) });
    scanned += page.items.length;
    for (const entry of page.items) {
      if (entry.outboxId !== null && entry.dismissedAt === null && !byOutboxRow.has(entry.outboxId)) byOutboxRow.set(entry.outboxId, entry);
    }
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return [...byOutboxRow.values()];
};
