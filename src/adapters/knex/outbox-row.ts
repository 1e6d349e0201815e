import type { HostRecordKind } from '../../domain/host/host-records';
import type { ClaimedChange, OutboxChange } from '../../application/ports/outbox-store.port';
import { compositeKey } from '../../domain/shared/composite-key';

/** A claimable row as the claim query selects it. */
export interface OutboxRow {
  readonly id: number | string;
  readonly tenant_id: string;
  readonly kind: string;
  readonly host_id: string;
  readonly attempt: number | string;
  readonly enqueued_at: number | string;
  readonly state: string;
  readonly available_at: number | string;
}

/** One pending row per record: the value of the unique `dedupe_key` column while a row is pending (length-prefixed parts). */
export const dedupeKeyOf = (change: OutboxChange): string => compositeKey([change.tenantId, change.kind, change.hostId]);

export const claimedFromRow = (row: OutboxRow, attemptToken: string): ClaimedChange => ({
  id: String(row.id),
  tenantId: row.tenant_id,
  kind: row.kind as HostRecordKind,
  hostId: row.host_id,
  attempt: Number(row.attempt) + 1,
  attemptToken,
  enqueuedAt: Number(row.enqueued_at),
});

/** Row ids are decimal integers; anything else cannot name a row (and must not reach SQL as a number cast). */
export const isRowId = (id: string): boolean => /^[1-9][0-9]{0,18}$/.test(id);

/** Errors are stored for people to read; a runaway stack trace must not bloat the table. */
export const storableError = (error: string): string => (error.length > 4000 ? `${error.slice(0, 3997)}...` : error);
