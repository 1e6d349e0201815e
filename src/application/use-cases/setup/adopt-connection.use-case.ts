import { err, ok, type Result } from '../../../domain/shared/result';
import { applicationError, type ApplicationError } from '../../application-error';
import type { ActivityLog } from '../../ports/activity-log.port';
import type { Clock } from '../../ports/clock.port';
import type { ConnectionStore } from '../../ports/connection-store.port';
import type { QboAuthorizer } from '../../ports/qbo-authorizer.port';
import type { QboGateway } from '../../ports/qbo-gateway.port';
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
}

const text = (value: unknown, max: number): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= max;

/**
 * Takes over a connection made earlier (by an older integration) without sending the admin through Intuit again:
 * one refresh validates the refresh token and gives an access token; the same company rule as connecting applies.
 */
export class AdoptConnection {
  constructor(
    private readonly authorizer: QboAuthorizer,
    private readonly connections: ConnectionStore,
    private readonly settings: SettingsStore,
    private readonly gateway: QboGateway,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
  ) {}

  async execute(input: AdoptConnection.Input): Promise<Result<AdoptConnection.Output, ApplicationError>> {
    const { tenantId, realmId, refreshToken } = (input ?? {}) as Partial<AdoptConnection.Input>;
    if (!text(tenantId, 100) || !text(realmId, 100) || !/^\d+$/.test(realmId) || !text(refreshToken, 2000)) {
      return err(applicationError('InvalidInput', 'invalid_adoption', 'adoptConnection needs { tenantId, realmId (digits), refreshToken } as non-empty text.'));
    }
    const { linkedRealmId } = await this.settings.get(tenantId);
    if (linkedRealmId !== null && linkedRealmId !== realmId) {
      return err(applicationError('WrongCompany', 'different_company', `This account is synced with QuickBooks company ${linkedRealmId}, not ${realmId}. Adopt a connection to company ${linkedRealmId}, or reset the links first.`));
    }
    const refreshed = await this.authorizer.refresh(refreshToken);
    if (!refreshed.ok) {
      return err(applicationError('AuthorizationDenied', 'invalid_refresh_token', `Intuit did not accept the refresh token (${refreshed.error.message}); it may be expired or revoked. Connect to QuickBooks through "Connect to QuickBooks" instead.`));
    }
    await this.connections.save({ tenantId, realmId, companyName: null, status: 'connected', statusReason: null, tokens: refreshed.value });
    const company = await this.gateway.companyName(tenantId);
    const companyName = company.ok ? company.value : null;
    const current = await this.connections.get(tenantId);
    if (current && companyName !== null) await this.connections.save({ ...current, companyName });
    await this.activity.record({
      tenantId, at: this.clock.now(), action: 'connect', kind: null, hostId: null, qboId: null, outcome: 'success', outboxId: null,
      message: `Adopted an existing connection to QuickBooks company ${companyName ?? realmId}.`,
    });
    return ok({ realmId, companyName });
  }
}
