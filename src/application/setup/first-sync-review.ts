import type { MatchReport } from '../../domain/names/match-report';
import type { GetSyncPreview } from '../use-cases/setup/get-sync-preview.use-case';

/**
 * One thing the first sync will change in QBO that the admin may not expect, with the way to fix it before Save &
 * Sync, or to accept it. `key` is stable for the same finding, so the page can remember what was accepted.
 */
export interface ReviewItem {
  readonly key: string;
  readonly kind: 'customer' | 'item';
  readonly reason: 'near-match' | 'status-overwritten' | 'name-changed' | 'not-sent';
  readonly hostId: string;
  readonly name: string;
  readonly qboId: string | null;
  readonly qboName: string | null;
  /** What the sync will do, in plain words. */
  readonly explanation: string;
  /** How to avoid it, in plain words. */
  readonly fix: string;
}

const noun = (kind: 'customer' | 'item'): string => (kind === 'customer' ? 'customer' : 'product or service');

/**
 * The review list before Save & Sync, from the preview (what the job will do) and the match reports (near matches):
 * near matches that will become two records, active flags QBO will have overwritten, names QBO will get changed,
 * records that will not be sent. Only what the preview says the job will really do is listed.
 */
export const firstSyncReview = (preview: GetSyncPreview.Output, reports: { readonly customer: MatchReport; readonly item: MatchReport }): readonly ReviewItem[] => {
  const rows = new Map(preview.rows.map((row) => [`${row.kind}:${row.hostId}`, row]));
  const items: ReviewItem[] = [];
  for (const kind of ['customer', 'item'] as const) {
    for (const near of reports[kind].nearMatches) {
      const row = rows.get(`${kind}:${near.hostId}`);
      if (row?.action !== 'create') continue;
      items.push({
        key: `near-match:${kind}:${near.hostId}:${near.qboId}`, kind, reason: 'near-match', hostId: near.hostId, name: near.hostName, qboId: near.qboId, qboName: near.qboName,
        explanation: `"${near.hostName}" will be created in QuickBooks as a new ${noun(kind)} next to "${near.qboName}" (${near.reason}).`,
        fix: `If they are the same, rename "${near.hostName}" in your records to "${near.qboName}", then check again: they will be linked instead.`,
      });
    }
  }
  for (const row of preview.rows) {
    const what = noun(row.kind);
    const base = { kind: row.kind, hostId: row.hostId, name: row.name, qboId: row.qboId, qboName: row.qboName };
    if (row.action === 'link' && (row.makesInactive || row.makesActive)) {
      const to = row.makesInactive ? 'inactive' : 'active';
      items.push({
        ...base, key: `status:${row.kind}:${row.hostId}:${to}`, reason: 'status-overwritten',
        explanation: `"${row.qboName ?? row.name}" is ${row.makesInactive ? 'active' : 'inactive'} in QuickBooks and ${to} here: the sync will make it ${to} in QuickBooks.`,
        fix: `If QuickBooks is right, make "${row.name}" ${row.makesInactive ? 'active' : 'inactive'} in your records, then check again.`,
      });
    }
    if (row.action === 'create' && row.nameChanges.length > 0) {
      items.push({
        ...base, key: `name:${row.kind}:${row.hostId}:${row.qboName ?? ''}`, reason: 'name-changed',
        explanation: `"${row.name}" will be created in QuickBooks as "${row.qboName ?? ''}": ${row.nameChanges.join('; ')}.`,
        fix: `To keep the name as it is, rename the ${what} here (or the record that uses the name in QuickBooks), then check again.`,
      });
    }
    if (row.action === 'not-sent') {
      items.push({
        ...base, key: `not-sent:${row.kind}:${row.hostId}`, reason: 'not-sent',
        explanation: `"${row.name}" will not be sent to QuickBooks: ${row.reason ?? 'it was refused'}`,
        fix: `Correct the ${what} in your records; it is sent as soon as it is fixed.`,
      });
    }
  }
  return items;
};
