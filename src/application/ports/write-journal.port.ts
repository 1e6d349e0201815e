import type { HostRecordKind } from '../../domain/host/host-records';
import type { QboWritableEntity } from '../../domain/qbo/qbo-records';

/** A create or update sent to QBO whose outcome is not stored yet: how to find the record again if the process dies meanwhile. */
export interface PendingCreate {
  readonly tenantId: string;
  readonly kind: HostRecordKind;
  readonly hostId: string;
  readonly entity: QboWritableEntity;
  /** The name (Customer, Item) or the PrivateNote marker (transactions) a create carried; empty for an update. */
  readonly lookup: string;
  readonly at: number;
}

/**
 * Write-ahead notes for creates and updates (docs/adr/0010). A create's request id follows the record's content, so
 * after a crash between QBO's answer and the link being stored, a record edited meanwhile would be created a second
 * time; the note lets the next attempt find and adopt the first copy instead.
 */
export const WriteJournal = Symbol('qbo-sync.WriteJournal');
export interface WriteJournal {
  /** Inserts or replaces the note of (tenant, kind, hostId). */
  begin(entry: PendingCreate): Promise<void>;
  get(tenantId: string, kind: HostRecordKind, hostId: string): Promise<PendingCreate | null>;
  end(tenantId: string, kind: HostRecordKind, hostId: string): Promise<void>;
  /** `begin` for several records in one write (a QBO batch about to be sent). */
  beginMany(entries: readonly PendingCreate[]): Promise<void>;
  /** The notes of those records of one kind that have one. */
  getMany(tenantId: string, kind: HostRecordKind, hostIds: readonly string[]): Promise<ReadonlyMap<string, PendingCreate>>;
  endMany(tenantId: string, kind: HostRecordKind, hostIds: readonly string[]): Promise<void>;
  /**
   * The tenant's notes begun before `before`, oldest first, at most `limit`: writes whose worker died before it
   * could settle them, left for the sweep to hand back to delivery (a record nothing else brings back, such as
   * the plugin's own "Refund" item, would otherwise keep its unlinked copy in QBO).
   */
  begunBefore(tenantId: string, before: number, limit: number): Promise<readonly PendingCreate[]>;
  /** The notes of creates of `entity` that carried `lookup` (two host records may share a name). */
  withLookup(tenantId: string, entity: QboWritableEntity, lookup: string): Promise<readonly PendingCreate[]>;
  /**
   * Counts one definite refusal of a write of (tenant, kind, hostId) by QBO (a 4xx answer) and returns the new
   * count. The count is part of every later request id of that record: QBO replays its stored answer to a repeated
   * requestid, so a write it refused must carry a new id to succeed once the cause is gone (DESIGN §3.10).
   */
  refused(tenantId: string, kind: HostRecordKind, hostId: string, at: number): Promise<number>;
  /** The refusal counts of those records that have one. */
  refusalsOf(tenantId: string, kind: HostRecordKind, hostIds: readonly string[]): Promise<ReadonlyMap<string, number>>;
  /** A refused record reached QBO: the sweep stops looking at it (its count stays, so its ids stay new). */
  healed(tenantId: string, kind: HostRecordKind, hostId: string): Promise<void>;
  /** Records QBO refused and that have not reached it since, least recently refused first, at most `limit`: the sweep tries those whose cause may be gone. */
  refusedRecords(tenantId: string, limit: number): Promise<readonly RefusedRecord[]>;
}

/** A record QBO definitely refused `refusals` times, the last time at `refusedAt`. */
export interface RefusedRecord {
  readonly kind: HostRecordKind;
  readonly hostId: string;
  readonly refusals: number;
  readonly refusedAt: number;
}
