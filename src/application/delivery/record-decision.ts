import type { SyncDecision } from '../../domain/sync/sync-decision';

/** A decision, or a record the rules say to leave alone on purpose (logged as a skip with the reason). */
export type RecordDecision = SyncDecision | { readonly kind: 'skipped'; readonly reason: string };

/** The name variant chosen after QBO reported the plain name taken (see NameResolver). */
export interface Naming {
  readonly qboName?: string;
  /** What was changed to make the name acceptable, for the activity log. */
  readonly note?: string;
}
