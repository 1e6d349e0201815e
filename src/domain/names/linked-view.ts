import type { MatchReport } from './match-report';

/** What the links say of one side (customers or items): host id → the QBO id it is linked to. */
export interface LinkedPairs {
  readonly byHostId: ReadonlyMap<string, string>;
}

/** A host record whose last delivery failed (its newest word in the activity log), with why and how to retry it. */
export interface FailedRecord {
  readonly hostId: string;
  readonly name: string;
  /** The failure's plain words, as the activity log has them. */
  readonly reason: string;
  /** When it failed (epoch ms). */
  readonly at: number;
  /** The failure's activity entry, as the API shows it: what "Retry" sends to `POST /activity/:id/retry`. */
  readonly activityId: string;
  /** False for a failure of the initial sync, which the sweep sends again by itself (it has no outbox row to retry). */
  readonly retryable: boolean;
}

/** The match report once records are linked: how many are, and the report without what the links already settled. */
export interface LinkedMatchReport extends MatchReport {
  /** Host records linked to a QBO record and not failed now (0 before the first sync). */
  readonly linked: number;
  /** Host records whose last delivery failed, linked or not: apart from the linked and the waiting (`hostOnly`). */
  readonly failed: readonly FailedRecord[];
}

/**
 * Step 1 once the sync is on (issue 18): a linked record is in QuickBooks, so it is neither "only here" (to be
 * created) nor a near match or status warning to resolve; a QBO record some host record (or the plugin itself, e.g.
 * the "Refund" item) is linked to is not "only in QuickBooks" and not offered for import. A record whose last delivery
 * failed is listed apart, with why, whether or not it is linked.
 */
export const withLinks = (report: MatchReport, links: LinkedPairs, failed: readonly FailedRecord[] = []): LinkedMatchReport => {
  const linkedQboIds = new Set(links.byHostId.values());
  const linkedHost = (hostId: string): boolean => links.byHostId.has(hostId);
  const failedIds = new Set(failed.map((record) => record.hostId));
  return {
    matched: report.matched,
    // Three lists that never share a record: linked (counted), waiting to be sent (hostOnly), failed.
    hostOnly: report.hostOnly.filter((candidate) => !linkedHost(candidate.id) && !failedIds.has(candidate.id)),
    qboOnly: report.qboOnly.filter((candidate) => !linkedQboIds.has(candidate.id)),
    nearMatches: report.nearMatches.filter((pair) => !linkedHost(pair.hostId) && !linkedQboIds.has(pair.qboId)),
    statusMismatches: report.statusMismatches.filter((pair) => !linkedHost(pair.hostId)),
    duplicates: report.duplicates,
    linked: [...links.byHostId.keys()].filter((hostId) => !failedIds.has(hostId)).length,
    failed,
  };
};
