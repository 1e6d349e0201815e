import type { HostRecordKind } from '../../domain/host/host-records';

export interface OutboxChange {
  readonly tenantId: string;
  readonly kind: HostRecordKind;
  readonly hostId: string;
}

/** A row a worker holds: results are stored only while `attemptToken` still matches (a fencing token). */
export interface ClaimedChange extends OutboxChange {
  readonly id: string;
  readonly attempt: number;
  readonly attemptToken: string;
  readonly enqueuedAt: number;
}

export type OutboxRowState = 'pending' | 'in_flight' | 'done' | 'failed';

export interface OutboxStats {
  readonly pending: number;
  readonly failing: number;
  readonly failed: number;
  /** Age of the oldest pending row, 0 when none. */
  readonly oldestAgeMs: number;
}

/**
 * The transactional outbox. `transaction` is the host's own database transaction (opaque here): the signal
 * commits or rolls back with the change. Pending rows for the same record coalesce into one.
 */
/** The rows one claim took: a tenant and the claim's attempt token. */
export interface ClaimToExtend {
  readonly tenantId: string;
  readonly attemptToken: string;
}

export const OutboxStore = Symbol('qbo-sync.OutboxStore');
export interface OutboxStore {
  enqueue(changes: readonly OutboxChange[], transaction?: unknown): Promise<void>;
  /** Tenants with rows ready at `now`, oldest first. */
  readyTenants(now: number, limit: number): Promise<readonly string[]>;
  /**
   * Claims up to `limit` ready rows of one tenant, oldest first, with a lease until `now + leaseMs`.
   * Rows whose lease expired are claimable again.
   */
  claim(tenantId: string, limit: number, now: number, leaseMs: number): Promise<readonly ClaimedChange[]>;
  /**
   * Extends the lease of the tenant's rows still claimed with `attemptToken` to `until` (the round's heartbeat);
   * returns how many it extended. Rows settled or taken over meanwhile are left alone.
   */
  extendClaim(tenantId: string, attemptToken: string, until: number): Promise<number>;
  /**
   * `extendClaim` for several claims (of several tenants) to the same `until`, in one write (ADR 0086): a process's
   * heartbeat extends every round's rows at once. Optional: without it each claim is extended on its own.
   */
  extendClaims?(claims: readonly ClaimToExtend[], until: number): Promise<number>;
  /**
   * Resolves once work the store started beside a call has ended (knex: a fold of the hosts' signals that
   * readyTenants started, ADR 0089). Optional. The worker waits for it when it stops and at the end of a
   * `deliverPending()` pass, so a host that closes its pool or freezes its process afterwards cuts nothing short.
   */
  backgroundWorkSettled?(): Promise<void>;
  /** Marks the row done; false when the attempt token no longer matches (another worker took over). */
  complete(id: string, attemptToken: string, now: number): Promise<boolean>;
  /** `complete` for several rows in one write; returns how many it marked done (the others were fenced off). */
  completeMany(rows: readonly { readonly id: string; readonly attemptToken: string }[], now: number): Promise<number>;
  /** Puts the row back for a later attempt; false when fenced off. */
  retryLater(id: string, attemptToken: string, availableAt: number, error: string): Promise<boolean>;
  fail(id: string, attemptToken: string, error: string, now: number): Promise<boolean>;
  /** Returns a row to pending without spending an attempt (the connection is on hold). */
  release(id: string, attemptToken: string, availableAt: number): Promise<boolean>;
  /**
   * Moves the tenant's pending rows that would be ready before `until` to `until`, keeping their order and their
   * attempts: a tenant on hold is looked at again then, instead of at every poll.
   */
  postpone(tenantId: string, until: number): Promise<number>;
  /** Puts a failed row back to pending with a fresh attempt budget. */
  requeue(tenantId: string, id: string, now: number): Promise<boolean>;
  /**
   * Settles a failed row as handled elsewhere (a person fixed it in QuickBooks): it leaves the failed count and is
   * never sent; a later change of the record is a new row. False when the row is not this tenant's failed row.
   */
  dismiss(tenantId: string, id: string, now: number): Promise<boolean>;
  stats(tenantId: string, now: number): Promise<OutboxStats>;
  /** `stats` of every tenant together: the queue as operators see it (health, metrics), with no tenant named. */
  backlog(now: number): Promise<OutboxStats>;
  /** Deletes up to `limit` rows that were done before `olderThan` (failed rows stay: they can be retried); returns how many. */
  purgeDone(olderThan: number, limit: number): Promise<number>;
}
