import { maxActivityPage, type ActivityEntry, type ActivityLog, type ActivityQuery } from '../ports/activity-log.port';

/** Entries looked at in one request: far more than a log page shows; the rest wait for the next request. */
export const maxEntriesScanned = 20_000;

/** The entries `query` selects, newest first, read page by page; at most `max` of them. */
export async function* activityEntries(activity: ActivityLog, tenantId: string, query: Omit<ActivityQuery, 'limit' | 'cursor'>, max = maxEntriesScanned): AsyncGenerator<ActivityEntry> {
  let cursor: string | undefined;
  for (let scanned = 0; scanned < max;) {
    const page = await activity.list(tenantId, { ...query, limit: maxActivityPage, ...(cursor ? { cursor } : {}) });
    scanned += page.items.length;
    yield* page.items;
    if (page.nextCursor === null) return;
    cursor = page.nextCursor;
  }
}
