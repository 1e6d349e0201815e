import { randomUUID } from 'node:crypto';
import { Clock } from '../../application/ports/clock.port';
import type { ClaimedChange, ClaimToExtend, OutboxChange, OutboxRowState, OutboxStats, OutboxStore } from '../../application/ports/outbox-store.port';
import { compositeKey } from '../../domain/shared/composite-key';
import { InMemoryTransaction } from './in-memory.transaction';

interface Row {
  readonly id: number;
  readonly change: OutboxChange;
  readonly enqueuedAt: number;
  state: OutboxRowState;
  attempt: number;
  attemptToken: string | null;
  /** For in-flight rows, the lease expiry. */
  availableAt: number;
  lastError: string | null;
  settledAt: number | null;
}

const keyOf = (change: OutboxChange): string => compositeKey([change.tenantId, change.kind, change.hostId]);
const isLive = (row: Row): boolean => row.state === 'pending' || row.state === 'in_flight';

/** The outbox in a Map, with the same coalescing, lease and fencing rules as the knex store. */
export class InMemoryOutboxStore implements OutboxStore {
  private readonly rows = new Map<number, Row>();
  /** The pending row that absorbs new signals of each record (the knex store's `dedupe_key`). */
  private readonly coalescing = new Map<string, Row>();
  private nextId = 1;

  constructor(private readonly clock: Clock) {}

  async enqueue(changes: readonly OutboxChange[], transaction?: unknown): Promise<void> {
    const write = (): void => this.insert(changes);
    if (transaction instanceof InMemoryTransaction) transaction.defer(write);
    else write();
  }

  async readyTenants(now: number, limit: number): Promise<readonly string[]> {
    const firstReady = new Map<string, number>();
    for (const row of this.rows.values()) {
      if (!isLive(row) || row.availableAt > now) continue;
      const seen = firstReady.get(row.change.tenantId);
      if (seen === undefined || row.availableAt < seen) firstReady.set(row.change.tenantId, row.availableAt);
    }
    return [...firstReady.entries()]
      .sort(([ta, a], [tb, b]) => a - b || (ta < tb ? -1 : ta > tb ? 1 : 0))
      .slice(0, Math.max(0, limit))
      .map(([tenantId]) => tenantId);
  }

  async claim(tenantId: string, limit: number, now: number, leaseMs: number): Promise<readonly ClaimedChange[]> {
    if (limit <= 0) return [];
    const ready = (state: OutboxRowState): Row[] =>
      [...this.rows.values()]
        .filter((row) => row.state === state && row.change.tenantId === tenantId && row.availableAt <= now)
        .sort((a, b) => a.availableAt - b.availableAt || a.id - b.id);
    const chosen = [...ready('in_flight'), ...ready('pending')].slice(0, limit).sort((a, b) => a.id - b.id);
    const attemptToken = randomUUID();
    return chosen.map((row) => {
      Object.assign(row, { state: 'in_flight', attempt: row.attempt + 1, attemptToken, availableAt: now + leaseMs });
      if (this.coalescing.get(keyOf(row.change)) === row) this.coalescing.delete(keyOf(row.change));
      return { ...row.change, id: String(row.id), attempt: row.attempt, attemptToken, enqueuedAt: row.enqueuedAt };
    });
  }

  async extendClaim(tenantId: string, attemptToken: string, until: number): Promise<number> {
    let extended = 0;
    for (const row of this.rows.values()) {
      if (row.state !== 'in_flight' || row.attemptToken !== attemptToken || row.change.tenantId !== tenantId) continue;
      row.availableAt = Math.max(row.availableAt, until);
      extended += 1;
    }
    return extended;
  }

  async extendClaims(claims: readonly ClaimToExtend[], until: number): Promise<number> {
    let extended = 0;
    for (const claim of claims) extended += await this.extendClaim(claim.tenantId, claim.attemptToken, until);
    return extended;
  }

  async complete(id: string, attemptToken: string, now: number): Promise<boolean> {
    return this.settle(id, attemptToken, (row) => Object.assign(row, { state: 'done', attemptToken: null, settledAt: now }));
  }

  async completeMany(rows: readonly { readonly id: string; readonly attemptToken: string }[], now: number): Promise<number> {
    let done = 0;
    for (const row of rows) if (await this.complete(row.id, row.attemptToken, now)) done += 1;
    return done;
  }

  async purgeDone(olderThan: number, limit: number): Promise<number> {
    const old = [...this.rows.values()].filter((row) => row.state === 'done' && row.settledAt !== null && row.settledAt < olderThan).slice(0, Math.max(0, limit));
    for (const row of old) this.rows.delete(row.id);
    return old.length;
  }

  async retryLater(id: string, attemptToken: string, availableAt: number, error: string): Promise<boolean> {
    return this.settle(id, attemptToken, (row) => {
      Object.assign(row, { state: 'pending', availableAt, lastError: error, attemptToken: null });
      this.restoreCoalescing(row);
    });
  }

  async fail(id: string, attemptToken: string, error: string, now: number): Promise<boolean> {
    return this.settle(id, attemptToken, (row) => Object.assign(row, { state: 'failed', lastError: error, attemptToken: null, settledAt: now }));
  }

  async release(id: string, attemptToken: string, availableAt: number): Promise<boolean> {
    return this.settle(id, attemptToken, (row) => {
      Object.assign(row, { state: 'pending', availableAt, attempt: row.attempt - 1, attemptToken: null });
      this.restoreCoalescing(row);
    });
  }

  async postpone(tenantId: string, until: number): Promise<number> {
    let moved = 0;
    for (const row of this.rows.values()) {
      if (row.state !== 'pending' || row.change.tenantId !== tenantId || row.availableAt >= until) continue;
      row.availableAt = until;
      moved += 1;
    }
    return moved;
  }

  async requeue(tenantId: string, id: string, now: number): Promise<boolean> {
    const row = this.rows.get(Number(id));
    if (!row || row.change.tenantId !== tenantId || row.state !== 'failed') return false;
    Object.assign(row, { state: 'pending', attempt: 0, availableAt: now, lastError: null });
    this.restoreCoalescing(row);
    return true;
  }

  async dismiss(tenantId: string, id: string, now: number): Promise<boolean> {
    const row = this.rows.get(Number(id));
    if (!row || row.change.tenantId !== tenantId || row.state !== 'failed') return false;
    Object.assign(row, { state: 'done', settledAt: now });
    return true;
  }

  async stats(tenantId: string, now: number): Promise<OutboxStats> {
    return this.statsOf([...this.rows.values()].filter((row) => row.change.tenantId === tenantId), now);
  }

  async backlog(now: number): Promise<OutboxStats> {
    return this.statsOf([...this.rows.values()], now);
  }

  private statsOf(rows: readonly Row[], now: number): OutboxStats {
    const live = rows.filter(isLive);
    const oldest = Math.min(...live.map((row) => row.enqueuedAt));
    return {
      pending: live.length,
      failing: live.filter((row) => row.attempt > 0 && row.lastError !== null).length,
      failed: rows.filter((row) => row.state === 'failed').length,
      oldestAgeMs: live.length === 0 ? 0 : Math.max(0, now - oldest),
    };
  }

  private insert(changes: readonly OutboxChange[]): void {
    const now = this.clock.now();
    for (const change of changes) {
      const key = keyOf(change);
      if (this.coalescing.has(key)) continue;
      const id = this.nextId++;
      const row: Row = { id, change: { ...change }, enqueuedAt: now, state: 'pending', attempt: 0, attemptToken: null, availableAt: now, lastError: null, settledAt: null };
      this.rows.set(id, row);
      this.coalescing.set(key, row);
    }
  }

  private settle(id: string, attemptToken: string, apply: (row: Row) => void): boolean {
    const row = this.rows.get(Number(id));
    if (!row || row.state !== 'in_flight' || row.attemptToken !== attemptToken) return false;
    apply(row);
    return true;
  }

  private restoreCoalescing(row: Row): void {
    const key = keyOf(row.change);
    if (!this.coalescing.has(key)) this.coalescing.set(key, row);
  }
}
