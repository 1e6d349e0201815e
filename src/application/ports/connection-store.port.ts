import type { QboTokens } from './qbo-authorizer.port';

/**
 * `pending_verification`: tokens are stored but QBO has not yet confirmed they open `realmId` (it was busy when the
 * admin came back from Intuit); such a connection is never used for data until the confirmation succeeds.
 */
export type ConnectionStatus = 'connected' | 'needs_reconnect' | 'pending_verification';

export interface QboConnection {
  readonly tenantId: string;
  readonly realmId: string;
  readonly companyName: string | null;
  readonly status: ConnectionStatus;
  readonly statusReason: string | null;
  readonly tokens: QboTokens;
}

/** One QBO connection per tenant; tokens are encrypted by the adapter, never stored in clear. */
export const ConnectionStore = Symbol('qbo-sync.ConnectionStore');
export interface ConnectionStore {
  get(tenantId: string): Promise<QboConnection | null>;
  /** Inserts or replaces the tenant's connection in one write (new tokens replace old ones atomically). */
  save(connection: QboConnection): Promise<void>;
  markNeedsReconnect(tenantId: string, reason: string): Promise<void>;
  remove(tenantId: string): Promise<void>;
  /**
   * Runs `work` while holding the tenant's refresh lock, shared by every process on the same database,
   * and hands it the connection as it is once the lock is held (another process may have just refreshed).
   */
  withRefreshLock<T>(tenantId: string, work: (current: QboConnection | null) => Promise<T>): Promise<T>;
}
