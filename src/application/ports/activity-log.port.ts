import type { HostRecordKind } from '../../domain/host/host-records';

export type ActivityAction = 'create' | 'update' | 'delete' | 'void' | 'link' | 'import' | 'skip' | 'retry' | 'connect' | 'disconnect' | 'enable' | 'disable';
export type ActivityOutcome = 'success' | 'failure' | 'skipped';

export interface ActivityEntryInput {
  readonly tenantId: string;
  readonly at: number;
  readonly action: ActivityAction;
  readonly kind: HostRecordKind | null;
  readonly hostId: string | null;
  readonly qboId: string | null;
  readonly outcome: ActivityOutcome;
  /** Plain words: what happened, and for a failure what to do. */
  readonly message: string;
  /** The outbox row a failed delivery can be retried from. */
  readonly outboxId: string | null;
}

export interface ActivityEntry extends ActivityEntryInput {
  readonly id: string;
  /** When a person marked this failure as handled elsewhere (it leaves the failed count); null otherwise. */
  readonly dismissedAt: number | null;
}

export interface ActivityQuery {
  readonly limit: number;
  /** Opaque; from the previous page's `nextCursor`. */
  readonly cursor?: string;
  readonly kind?: HostRecordKind;
  readonly outcome?: ActivityOutcome;
  /** Only entries whose message (names, invoice numbers), host id or QuickBooks id contains this, ignoring case. */
  readonly search?: string;
  /** Only entries at or after this instant (epoch ms). */
  readonly from?: number;
  /** Only entries before this instant (epoch ms). */
  readonly to?: number;
}

export interface ActivityPage {
  readonly items: readonly ActivityEntry[];
  readonly nextCursor: string | null;
}

/** Every action the sync took, newest first. */
export const ActivityLog = Symbol('qbo-sync.ActivityLog');
export interface ActivityLog {
  record(entry: ActivityEntryInput): Promise<ActivityEntry>;
  /** Several entries in one write, listed in the given order (the last one newest). */
  recordMany(entries: readonly ActivityEntryInput[]): Promise<void>;
  /** Throws a RangeError for a cursor it never handed out. */
  list(tenantId: string, query: ActivityQuery): Promise<ActivityPage>;
  get(tenantId: string, id: string): Promise<ActivityEntry | null>;
  /** Marks a failure as handled elsewhere at `at`; false when the entry is not this tenant's undismissed failure. */
  dismiss(tenantId: string, id: string, at: number): Promise<boolean>;
}

/** The search text as both adapters compare it: trimmed, lower case, at most 100 characters; empty means none. */
export const activitySearchText = (search: string | undefined): string => (search ?? '').trim().toLowerCase().slice(0, 100);

/** Paging rules shared by every ActivityLog adapter, so they agree on what a bad limit or cursor means. */
export const maxActivityPage = 200;

/** Clamped to 1..200; a limit that is not a number gives the largest page. */
export const activityPageLimit = (limit: number): number =>
  Number.isFinite(limit) ? Math.min(maxActivityPage, Math.max(1, Math.floor(limit))) : maxActivityPage;

/** The cursor is the id of the last entry of the previous page; anything else is a caller's mistake. */
export const parseActivityCursor = (cursor: string | undefined): number | null => {
  if (cursor === undefined || cursor === '') return null;
  if (!/^[1-9][0-9]{0,15}$/.test(cursor)) {
    throw new RangeError(`The activity cursor ${JSON.stringify(cursor.slice(0, 40))} is not one this log handed out; start from the first page.`);
  }
  return Number(cursor);
};
