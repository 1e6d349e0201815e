/**
 * A list record (customer, catalog item) the host made inactive stays active in QBO while money records naming it
 * still move: QBO refuses every transaction naming an inactive record (610). `keptActive` is why, in words
 * (NamedReferenceActivity), or null; the write then sends `active: true` and notes why in the activity log
 * (ADR 0041 for customers, ADR 0077 for items).
 */
import type { SyncDecision } from './sync-decision';

/** Why the record stays active in QBO, or null: only a record inactive in the host is ever kept active. */
export const keptActiveReason = (isActive: boolean, keptActive: string | null | undefined): string | null => (!isActive && keptActive ? keptActive : null);

/** The host's fields, made active while the record is kept active. */
export const activeWhileKept = <F extends { readonly active: boolean }>(fields: F, keptActive: string | null): F => (keptActive === null ? fields : { ...fields, active: true });

/** A write of a record kept active says why in the activity log. */
export const notedKeptActive = (decision: SyncDecision, keptActive: string | null): SyncDecision =>
  keptActive !== null && (decision.kind === 'create' || decision.kind === 'update') ? { ...decision, note: `inactive in the app, ${keptActive}` } : decision;
