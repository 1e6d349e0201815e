import type { HostRecordKind } from '../../domain/host/host-records';
import { maxActivityPage, type ActivityEntry, type ActivityLog } from '../ports/activity-log.port';

/** Entries looked at in one request: far more than a page shows; a log longer than this since its oldest open failure is cut there. */
const maxScanned = 20_000;

/**
 * Records of `kind` failed now: their newest entry in the activity log is a failure nobody dismissed (a later
 * success, skip or "queued again" means it is not failed any more). Host id → that failure. The log is read newest
 * first, only back to the oldest open failure, and stops once every failed candidate has had its newest entry seen.
 */
export const currentFailures = async (activity: ActivityLog, tenantId: string, kind: HostRecordKind): Promise<Map<string, ActivityEntry>> => {
  const candidates = await openFailuresOf(activity, tenantId, kind);
  const failed = new Map<string, ActivityEntry>();
  if (candidates.size === 0) return failed;
  const from = Math.min(...[...candidates.values()].map((entry) => entry.at));
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let scanned = 0; scanned < maxScanned && seen.size < candidates.size;) {
    const page = await activity.list(tenantId, { limit: maxActivityPage, kind, from, ...(cursor ? { cursor } : {}) });
    scanned += page.items.length;
    for (const entry of page.items) {
      if (entry.hostId === null || !candidates.has(entry.hostId) || seen.has(entry.hostId)) continue;
      seen.add(entry.hostId);
      if (entry.outcome === 'failure' && entry.dismissedAt === null) failed.set(entry.hostId, entry);
    }
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return failed;
};

/** The newest undismissed failure of each record of `kind`. */
const openFailuresOf = async (activity: ActivityLog, tenantId: string, kind: HostRecordKind): Promise<Map<string, ActivityEntry>> => {
  const byRecord = new Map<string, ActivityEntry>();
  let cursor: string | undefined;
  for (let scanned = 0; scanned < maxScanned;) {
    const page = await activity.list(tenantId, { limit: maxActivityPage, kind, outcome: 'failure', ...(cursor ? { cursor } : {}) });
    scanned += page.items.length;
    for (const entry of page.items) {
      if (entry.hostId !== null && entry.dismissedAt === null && !byRecord.has(entry.hostId)) byRecord.set(entry.hostId, entry);
    }
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return byRecord;
};
