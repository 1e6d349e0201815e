import type { ActivityLog } from '../../application/ports/activity-log.port';
import { Clock } from '../../application/ports/clock.port';
import { RememberedConnections } from '../../application/connection/remembered-connections';
import { ConnectionStore, type QboConnection } from '../../application/ports/connection-store.port';
import { Logger } from '../../application/ports/logger.port';
import { QboAuthorizer } from '../../application/ports/qbo-authorizer.port';
import { silentTelemetry, type Telemetry } from '../../application/ports/telemetry.port';
import type { QboError } from '../../domain/qbo/qbo-error';
import { err, ok, type Result } from '../../domain/shared/result';
import { notConnected, unavailable } from '../../domain/qbo/qbo-error-words';

export interface QboAccess {
  readonly realmId: string;
  readonly accessToken: string;
}

// Refresh a minute early, as intuit-oauth's own `latency` does, so a token never expires mid-request.
const expiryMarginMs = 60_000;

/**
 * A tenant's usable access token. Refresh is single-flight twice over: one promise per tenant inside the process,
 * and the connection store's refresh lock across processes, under which the connection is read again so a token
 * another process just obtained is used instead of spending (and so invalidating) the refresh token a second time.
 * Given RememberedConnections, a request uses the connection this process read lately instead of reading it again
 * (ADR 0075); a token QBO rejects is then the only stale one a request can meet, and the 401 path reads the row.
 */
export class QboAccessTokens {
  private readonly refreshing = new Map<string, Promise<Result<QboAccess, QboError>>>();

  constructor(
    private readonly connections: ConnectionStore,
    private readonly authorizer: QboAuthorizer,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly telemetry: Telemetry = silentTelemetry,
    private readonly activity?: ActivityLog,
  ) {}

  async current(tenantId: string): Promise<Result<QboAccess, QboError>> {
    const inFlight = this.refreshing.get(tenantId);
    if (inFlight) return inFlight;
    const connection = this.connections instanceof RememberedConnections ? await this.connections.recent(tenantId) : await this.connections.get(tenantId);
    const unusable = this.unusable(connection);
    if (unusable) return err(unusable);
    const usable = connection as QboConnection;
    if (!this.expiresSoon(usable)) return ok(accessOf(usable));
    return this.refresh(tenantId, usable.tokens.accessToken);
  }

  /** QBO refused `rejectedToken` (401): refresh unless someone already replaced it. */
  async afterRejection(tenantId: string, rejectedToken: string): Promise<Result<QboAccess, QboError>> {
    return this.refresh(tenantId, rejectedToken);
  }

  private refresh(tenantId: string, staleToken: string): Promise<Result<QboAccess, QboError>> {
    const inFlight = this.refreshing.get(tenantId);
    if (inFlight) return inFlight;
    const run = this.connections
      .withRefreshLock(tenantId, (current) => this.refreshLocked(tenantId, current, staleToken))
      .finally(() => this.refreshing.delete(tenantId));
    this.refreshing.set(tenantId, run);
    return run;
  }

  private async refreshLocked(tenantId: string, current: QboConnection | null, staleToken: string): Promise<Result<QboAccess, QboError>> {
    const unusable = this.unusable(current);
    if (unusable) return err(unusable);
    const connection = current as QboConnection;
    if (connection.tokens.accessToken !== staleToken && !this.expiresSoon(connection)) return ok(accessOf(connection));
    const started = this.clock.now();
    const refreshed = await this.authorizer.refresh(connection.tokens.refreshToken);
    if (!refreshed.ok) {
      this.logger.warn({ tenantId, realmId: connection.realmId, kind: refreshed.error.kind }, 'QBO token refresh failed');
      if (refreshed.error.kind === 'InvalidGrant') {
        await this.connections.markNeedsReconnect(tenantId, refreshed.error.message);
        this.telemetry.event({ type: 'connection.needs_reconnect', tenantId, at: this.clock.now(), realmId: connection.realmId, reason: refreshed.error.message });
        await this.activity?.record({
          tenantId, at: this.clock.now(), action: 'disconnect', kind: null, hostId: null, qboId: null, outcome: 'failure', outboxId: null,
          message: `Lost the connection to QuickBooks company ${connection.companyName || connection.realmId}: QuickBooks no longer accepts it (${refreshed.error.message}). The sync is paused; changes wait and are sent, in order, once you reconnect.`,
        });
        return err(notConnected('needs_reconnect'));
      }
      return err(unavailable(refreshed.error.message));
    }
    // The refresh token that comes back always replaces the old one, with the access token, in one write.
    await this.connections.save({ ...connection, tokens: refreshed.value });
    this.logger.info({ tenantId, realmId: connection.realmId, durationMs: this.clock.now() - started }, 'QBO tokens refreshed');
    return ok({ realmId: connection.realmId, accessToken: refreshed.value.accessToken });
  }

  private unusable(connection: QboConnection | null): QboError | null {
    if (connection === null) return notConnected('missing');
    if (connection.status !== 'connected') return notConnected(connection.status);
    return null;
  }

  private expiresSoon(connection: QboConnection): boolean {
    return connection.tokens.accessTokenExpiresAt - expiryMarginMs <= this.clock.now();
  }
}

const accessOf = (connection: QboConnection): QboAccess => ({
  realmId: connection.realmId,
  accessToken: connection.tokens.accessToken,
});
