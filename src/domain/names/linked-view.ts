import type { MatchReport } from './match-report';

/** What the links say of one side (customers or items): host id → the QBO id it is linked to. */
export interface LinkedPairs {
  readonly byHostId: ReadonlyMap<string, string>;
}

/** The match report once records are linked: how many are, and the report without what the links already settled. */
export interface LinkedMatchReport extends MatchReport {
  /** Host records linked to a QBO record (0 before the first sync). */
  readonly linked: number;
}

/**
 * Step 1 once the sync is on (issue 18): a linked record is in QuickBooks, so it is neither "only here" (to be
 * created) nor a near match or status warning to resolve; a QBO record some host record (or the plugin itself, e.g.
 * the "Refund" item) is linked to is not "only in QuickBooks" and not offered for import.
 */
export const withLinks = (report: MatchReport, links: LinkedPairs): LinkedMatchReport => {
  const linkedQboIds = new Set(links.byHostId.values());
  const linkedHost = (hostId: string): boolean => links.byHostId.has(hostId);
  return {
    matched: report.matched,
    hostOnly: report.hostOnly.filter((candidate) => !linkedHost(candidate.id)),
    qboOnly: report.qboOnly.filter((candidate) => !linkedQboIds.has(candidate.id)),
    nearMatches: report.nearMatches.filter((pair) => !linkedHost(pair.hostId) && !linkedQboIds.has(pair.qboId)),
    statusMismatches: report.statusMismatches.filter((pair) => !linkedHost(pair.hostId)),
    duplicates: report.duplicates,
    linked: links.byHostId.size,
  };
};
