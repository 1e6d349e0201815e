import { isRealmId } from '../../../domain/qbo/realm-id';
import { err, ok, type Result } from '../../../domain/shared/result';
import { applicationError, type ApplicationError } from '../../application-error';
import type { ActivityLog } from '../../ports/activity-log.port';
import type { Clock } from '../../ports/clock.port';
import type { ConnectionConfirmer } from '../../ports/connection-confirmer.port';
import type { ConnectionStore } from '../../ports/connection-store.port';
import type { QboAuthorizer } from '../../ports/qbo-authorizer.port';
import type { QboCompanyCheck } from '../../ports/qbo-company-check.port';
import type { SettingsStore } from '../../ports/settings-store.port';

export namespace AdoptConnection {
  export interface Input {
    readonly tenantId: string;
    readonly realmId: string;
    readonly refreshToken: string;
  }
  export interface Output {
    readonly realmId: string;
    readonly companyName: string | null;
  }
  export interface Parts {
    readonly authorizer: QboAuthorizer;
    readonly connections: ConnectionStore;
    readonly settings: SettingsStore;
    readonly check: QboCompanyCheck;
    readonly confirmer: ConnectionConfirmer;
    readonly activity: ActivityLog;
    readonly clock: Clock;
  }
}

const text = (value: unknown, max: number): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= max;

/**
 * Takes over a connection made earlier (by an older integration) without sending the admin through Intuit again:
 * one refresh validates the refresh token and gives an access token, and QBO confirms the token opens the company
 * named (as after a callback); the same company rule as connecting applies.
 */
export class AdoptConnection {
  constructor(private readonly parts: AdoptConnection.Parts) {}

  async execute(input: AdoptConnection.Input): Promise<Result<AdoptConnection.Output, ApplicationError>> {
    const { authorizer, connections, settings, check, clock } = this.parts;
    const { tenantId, realmId, refreshToken } = (input ?? {}) as Partial<AdoptConnection.Input>;
    if (!text(tenantId, 100) || !isRealmId(realmId) || !text(refreshToken, 2000)) {
      return err(applicationError('InvalidInput', 'invalid_adoption', 'adoptConnection needs { tenantId, realmId (digits), refreshToken } as non-empty text.'));
    }
    const { linkedRealmId } = await settings.get(tenantId);
    if (linkedRealmId !== null && linkedRealmId !== realmId) {
      return err(applicationError('WrongCompany', 'different_company', `This account is synced with QuickBooks company ${linkedRealmId}, not ${realmId}. Adopt a connection to company ${linkedRealmId}, or reset the links first.`));
    }
    const refreshed = await authorizer.refresh(refreshToken);
    if (!refreshed.ok) {
      return err(applicationError('AuthorizationDenied', 'invalid_refresh_token', `Intuit did not accept the refresh token (${refreshed.error.message}); it may be expired or revoked. Connect to QuickBooks through "Connect to QuickBooks" instead.`));
    }
    const tokens = refreshed.value;
    const checked = await check.companyOf(realmId, tokens.accessToken, tenantId);
    // Not revoked: the token was the older integration's, and may still be its live connection to another company.
    if (!checked.ok && checked.error.kind === 'NotGranted') {
      return err(applicationError('AuthorizationDenied', 'company_not_confirmed', `QuickBooks did not confirm that this refresh token is for company ${realmId} (${checked.error.message}). Check the company id, or connect through "Connect to QuickBooks".`));
    }
    const companyName = checked.ok ? checked.value.companyName : null;
    await connections.save(checked.ok
      ? { tenantId, realmId, companyName, status: 'connected', statusReason: null, tokens }
      : { tenantId, realmId, companyName, status: 'pending_verification', statusReason: `QuickBooks was busy (${checked.error.message}); the connection is confirmed in the background.`, tokens });
    if (!checked.ok) this.parts.confirmer.confirmLater(tenantId, checked.error.kind === 'Busy' ? checked.error.retryAfterMs : 0);
    await this.parts.activity.record({
      tenantId, at: clock.now(), action: 'connect', kind: null, hostId: null, qboId: null, outcome: 'success', outboxId: null,
      message: `Adopted an existing connection to QuickBooks company ${companyName || realmId}${checked.ok ? '' : ' (to be confirmed by QuickBooks, which was busy)'}.`,
    });
    return ok({ realmId, companyName });
  }
}
