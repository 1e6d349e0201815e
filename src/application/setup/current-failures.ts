import type { HostRecordKind } from '../../domain/host/host-records';
import type { ActivityEntry, ActivityLog } from '../ports/activity-log.port';
import { activityEntries } from './activity-entries';

/**
 * Records of `kind` failed now: their newest entry in the activity log is a failure nobody dismissed (a later
 * success, skip or "queued again" means it is not failed any more). Host id → that failure. The log is read newest
 * first, only back to the oldest open failure, and stops once every failed candidate has had its newest entry seen.
 */
export const currentFailures = async (activity: ActivityLog, tenantId: string, kind: HostRecordKind): Promise<Map<string, ActivityEntry>> => {
  const candidates = new Map<string, ActivityEntry>();
  for await (const entry of activityEntries(activity, tenantId, { kind, outcome: 'failure' })) {
    if (entry.hostId !== null && entry.dismissedAt === null && !candidates.has(entry.hostId)) candidates.set(entry.hostId, entry);
  }
  const failed = new Map<string, ActivityEntry>();
  if (candidates.size === 0) return failed;
  const from = Math.min(...[...candidates.values()].map((entry) => entry.at));
  const seen = new Set<string>();
  for await (const entry of activityEntries(activity, tenantId, { kind, from })) {
    if (entry.hostId === null || !candidates.has(entry.hostId) || seen.has(entry.hostId)) continue;
    seen.add(entry.hostId);
    if (entry.outcome === 'failure' && entry.dismissedAt === null) failed.set(entry.hostId, entry);
    if (seen.size === candidates.size) break;
  }
  return failed;
};
