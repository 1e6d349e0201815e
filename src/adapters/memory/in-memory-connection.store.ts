import type { ConnectionStore, QboConnection } from '../../application/ports/connection-store.port';

/** Connections in a Map; the refresh lock is a per-tenant promise chain (one process only). */
export class InMemoryConnectionStore implements ConnectionStore {
  private readonly connections = new Map<string, QboConnection>();
  private readonly locks = new Map<string, Promise<unknown>>();

  async get(tenantId: string): Promise<QboConnection | null> {
    return this.connections.get(tenantId) ?? null;
  }

  async save(connection: QboConnection): Promise<void> {
    this.connections.set(connection.tenantId, connection);
  }

  async markNeedsReconnect(tenantId: string, reason: string): Promise<void> {
    const current = this.connections.get(tenantId);
    if (current) this.connections.set(tenantId, { ...current, status: 'needs_reconnect', statusReason: reason });
  }

  async remove(tenantId: string): Promise<void> {
    this.connections.delete(tenantId);
  }

  async withRefreshLock<T>(tenantId: string, work: (current: QboConnection | null) => Promise<T>): Promise<T> {
    const previous = this.locks.get(tenantId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => work(this.connections.get(tenantId) ?? null));
    this.locks.set(tenantId, run);
    try {
      return await run;
    } finally {
      if (this.locks.get(tenantId) === run) this.locks.delete(tenantId);
    }
  }
}
