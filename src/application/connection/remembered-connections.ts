import type { Clock } from '../ports/clock.port';
import type { ConnectionStore, QboConnection } from '../ports/connection-store.port';

/** How long a connection read here may answer `recent` before it is read again (docs/adr/0075). */
export const rememberConnectionMs = 30_000;

interface Remembered {
  readonly connection: QboConnection | null;
  readonly readAt: number;
}

/**
 * The connection store, remembering what this process last read of each tenant's connection, so that every QBO
 * request need not read the row and decrypt its tokens again (that was about 2,400 of the 6,500 statements of an
 * initial sync, and one statement per write of the month-end burst). `get` always reads the store (and remembers what
 * it read); only `recent`, which the gateway's token source asks, answers from memory, for at most
 * `rememberConnectionMs`. A write through this store forgets the tenant at once, and a read that started before
 * the write is never remembered after it. What another process writes is seen at the next read: a token it
 * refreshed when ours is rejected (401, then the refresh lock reads the row), a disconnection or a new company
 * at the latest `rememberConnectionMs` later, or sooner when a delivery round reads the connection (ADR 0075).
 */
export class RememberedConnections implements ConnectionStore {
  private readonly remembered = new Map<string, Remembered>();
  /** Bumped by every write of the tenant's connection here: a read from before it is not kept. */
  private readonly writes = new Map<string, number>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly clock: Clock,
    private readonly maxAgeMs = rememberConnectionMs,
  ) {}

  async get(tenantId: string): Promise<QboConnection | null> {
    const writesBefore = this.writes.get(tenantId) ?? 0;
    const readAt = this.clock.now();
    const connection = await this.store.get(tenantId);
    this.remember(tenantId, connection, readAt, writesBefore);
    return connection;
  }

  /** The connection as this process read it less than `maxAgeMs` ago, or read now. */
  async recent(tenantId: string): Promise<QboConnection | null> {
    const known = this.remembered.get(tenantId);
    if (known && this.clock.now() - known.readAt < this.maxAgeMs) return known.connection;
    return this.get(tenantId);
  }

  async save(connection: QboConnection): Promise<void> {
    await this.written(connection.tenantId, () => this.store.save(connection));
  }

  async markNeedsReconnect(tenantId: string, reason: string): Promise<void> {
    await this.written(tenantId, () => this.store.markNeedsReconnect(tenantId, reason));
  }

  async remove(tenantId: string): Promise<void> {
    await this.written(tenantId, () => this.store.remove(tenantId));
  }

  /** What the lock hands over is the row as it is now: remembered, unless written meanwhile (the work may write). */
  withRefreshLock<T>(tenantId: string, work: (current: QboConnection | null) => Promise<T>): Promise<T> {
    return this.store.withRefreshLock(tenantId, (current) => {
      this.remember(tenantId, current, this.clock.now(), this.writes.get(tenantId) ?? 0);
      return work(current);
    });
  }

  private async written(tenantId: string, write: () => Promise<void>): Promise<void> {
    this.forget(tenantId);
    try {
      await write();
    } finally {
      // Also after: a read that ran beside the write may have seen either side of it.
      this.forget(tenantId);
    }
  }

  private forget(tenantId: string): void {
    this.writes.set(tenantId, (this.writes.get(tenantId) ?? 0) + 1);
    this.remembered.delete(tenantId);
  }

  private remember(tenantId: string, connection: QboConnection | null, readAt: number, writesBefore: number): void {
    if ((this.writes.get(tenantId) ?? 0) !== writesBefore) return;
    this.remembered.set(tenantId, { connection, readAt });
  }
}
