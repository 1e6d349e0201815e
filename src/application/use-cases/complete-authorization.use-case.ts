import { err, ok, type Result } from '../../domain/shared/result';
import { applicationError, type ApplicationError } from '../application-error';
import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { ConnectionStore } from '../ports/connection-store.port';
import type { OAuthStateStore } from '../ports/oauth-state-store.port';
import type { QboAuthorizer } from '../ports/qbo-authorizer.port';
import type { QboGateway } from '../ports/qbo-gateway.port';
import type { SettingsStore } from '../ports/settings-store.port';

export namespace CompleteAuthorization {
  export interface Input {
    /** The full URL Intuit redirected the browser to. */
    readonly callbackUrl: string;
    readonly state: string | undefined;
    readonly error: string | undefined;
    readonly realmId: string | undefined;
    /** The tenant of the signed-in admin: the state must have been issued to the same one. */
    readonly expectedTenantId: string;
  }
  export interface Output {
    readonly tenantId: string;
    readonly realmId: string;
    readonly companyName: string | null;
  }
}

/**
 * Connect, step 2: Intuit's redirect. The state proves which tenant started it; connecting never starts the sync,
 * and a company other than the one the tenant's links point at is refused, so no QBO id lands in the wrong books.
 */
export class CompleteAuthorization {
  constructor(
    private readonly authorizer: QboAuthorizer,
    private readonly states: OAuthStateStore,
    private readonly connections: ConnectionStore,
    private readonly settings: SettingsStore,
    private readonly gateway: QboGateway,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
  ) {}

  async execute(input: CompleteAuthorization.Input): Promise<Result<CompleteAuthorization.Output, ApplicationError>> {
    if (!input.state) return err(applicationError('InvalidState', 'missing_state', 'The answer from Intuit carried no state. Start again with "Connect to QuickBooks".'));
    const tenantId = await this.states.consume(input.state, this.clock.now());
    if (!tenantId || tenantId !== input.expectedTenantId) {
      return err(applicationError('InvalidState', 'invalid_state', 'This connection link is unknown, already used, expired (links last 10 minutes) or was started by another account. Start again with "Connect to QuickBooks".'));
    }
    if (input.error) return err(this.refusal(input.error));
    const exchanged = await this.authorizer.exchangeCode(input.callbackUrl);
    if (!exchanged.ok) return err(applicationError('AuthorizationDenied', 'authorization_failed', `Intuit did not complete the connection: ${exchanged.error.message}. Try again.`));
    const { realmId, tokens } = exchanged.value;
    const { linkedRealmId } = await this.settings.get(tenantId);
    if (linkedRealmId !== null && linkedRealmId !== realmId) {
      return err(applicationError('WrongCompany', 'different_company',
        `You connected QuickBooks company ${realmId}, but this account is already synced with company ${linkedRealmId}. Connect to company ${linkedRealmId}, or reset the links first to start over with the new company.`));
    }
    await this.connections.save({ tenantId, realmId, companyName: null, status: 'connected', statusReason: null, tokens });
    const companyName = await this.recordCompanyName(tenantId);
    await this.activity.record({
      tenantId, at: this.clock.now(), action: 'connect', kind: null, hostId: null, qboId: null, outcome: 'success', outboxId: null,
      message: `Connected to QuickBooks company ${companyName ?? realmId}.`,
    });
    return ok({ tenantId, realmId, companyName });
  }

  /** The company's name is shown to the admin; a failure to read it does not undo the connection. */
  private async recordCompanyName(tenantId: string): Promise<string | null> {
    const company = await this.gateway.companyName(tenantId);
    const current = await this.connections.get(tenantId);
    if (!company.ok || !current) return null;
    await this.connections.save({ ...current, companyName: company.value });
    return company.value;
  }

  private refusal(error: string): ApplicationError {
    if (error === 'access_denied') {
      return applicationError('AuthorizationDenied', 'access_denied', 'Intuit refused the connection. Only a QuickBooks company administrator can connect; ask one to click "Connect to QuickBooks".');
    }
    return applicationError('AuthorizationDenied', 'authorization_error', `Intuit refused the connection (${error}). Try again, or ask a QuickBooks company administrator to connect.`);
  }
}
