import type { GrantRevoker } from '../connection/grant-revoker';
import type { QboPageReads } from '../setup/qbo-page-reads';
import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { ConnectionStore, QboConnection } from '../ports/connection-store.port';
import type { QboAuthorizer, QboTokens } from '../ports/qbo-authorizer.port';
import type { QboCompanyCheck } from '../ports/qbo-company-check.port';

export namespace ConfirmConnection {
  /** `waiting`: ask again later (after `retryAfterMs` when QBO said how long, else the caller's own backoff). */
  export type Outcome = { readonly kind: 'settled' } | { readonly kind: 'waiting'; readonly retryAfterMs: number | null };
  export interface Parts {
    readonly connections: ConnectionStore;
    readonly authorizer: QboAuthorizer;
    readonly check: QboCompanyCheck;
    readonly revoker: GrantRevoker;
    readonly pageReads: QboPageReads;
    readonly activity: ActivityLog;
    readonly clock: Clock;
  }
}

// Refresh a minute early, as the gateway does, so the token never expires during the check.
const expiryMarginMs = 60_000;
const settled: ConfirmConnection.Outcome = { kind: 'settled' };

/**
 * The background half of connecting: asks QBO again whether the pending connection's tokens open the company Intuit's
 * redirect named. Confirmed, the connection is used from then on (with its company name); refused, it is removed and
 * revoked, and the activity log says so. Runs under the tenant's refresh lock, so a reconnect or a refresh in another
 * process in between is never overwritten.
 */
export class ConfirmConnection {
  constructor(private readonly parts: ConfirmConnection.Parts) {}

  execute(tenantId: string): Promise<ConfirmConnection.Outcome> {
    return this.parts.connections.withRefreshLock(tenantId, async (current) => {
      if (current?.status !== 'pending_verification') return settled;
      let tokens = await this.freshTokens(current, false);
      if (tokens === 'refused') return this.refuse(current, 'Intuit no longer accepts this authorization');
      if (tokens === 'unavailable') return { kind: 'waiting', retryAfterMs: null };
      let checked = await this.parts.check.companyOf(current.realmId, tokens.accessToken, tenantId);
      if (!checked.ok && checked.error.kind === 'NotGranted' && tokens === current.tokens) {
        // A 401 may only mean that the access token ran out early while QBO was busy (issue 16's fault run lost a
        // reconnect this way): only a refusal of a token just refreshed says the claim is false.
        tokens = await this.freshTokens({ ...current, tokens }, true);
        if (tokens === 'refused') return this.refuse(current, 'Intuit no longer accepts this authorization');
        if (tokens === 'unavailable') return { kind: 'waiting', retryAfterMs: null };
        checked = await this.parts.check.companyOf(current.realmId, tokens.accessToken, tenantId);
      }
      if (checked.ok) {
        await this.parts.connections.save({ ...current, tokens, status: 'connected', statusReason: null, companyName: checked.value.companyName });
        this.parts.pageReads.forget(tenantId);
        await this.record(current, 'success', `Connected to QuickBooks company ${checked.value.companyName || current.realmId}: QuickBooks confirmed the connection.`);
        return settled;
      }
      if (checked.error.kind === 'NotGranted') return this.refuse({ ...current, tokens }, checked.error.message);
      return { kind: 'waiting', retryAfterMs: checked.error.kind === 'Busy' ? checked.error.retryAfterMs : null };
    });
  }

  /** The pending tokens, refreshed when asked or when the access token is about to expire (the wait may have been long). */
  private async freshTokens(current: QboConnection, refresh: boolean): Promise<QboTokens | 'refused' | 'unavailable'> {
    if (!refresh && current.tokens.accessTokenExpiresAt - expiryMarginMs > this.parts.clock.now()) return current.tokens;
    const refreshed = await this.parts.authorizer.refresh(current.tokens.refreshToken);
    if (!refreshed.ok) return refreshed.error.kind === 'InvalidGrant' ? 'refused' : 'unavailable';
    await this.parts.connections.save({ ...current, tokens: refreshed.value });
    return refreshed.value;
  }

  private async refuse(connection: QboConnection, why: string): Promise<ConfirmConnection.Outcome> {
    await this.parts.connections.remove(connection.tenantId);
    await this.parts.revoker.revoke(connection.tenantId, connection.tokens, null, null);
    this.parts.pageReads.forget(connection.tenantId);
    await this.record(connection, 'failure', `The connection to QuickBooks company ${connection.realmId} could not be confirmed (${why}), so it was removed and nothing was sent. Connect again with "Connect to QuickBooks".`);
    return settled;
  }

  private async record(connection: QboConnection, outcome: 'success' | 'failure', message: string): Promise<void> {
    await this.parts.activity.record({ tenantId: connection.tenantId, at: this.parts.clock.now(), action: 'connect', kind: null, hostId: null, qboId: null, outcome, outboxId: null, message });
  }
}
