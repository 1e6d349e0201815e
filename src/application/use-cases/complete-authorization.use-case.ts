import { isRealmId } from '../../domain/qbo/realm-id';
import { err, ok, type Result } from '../../domain/shared/result';
import { applicationError, type ApplicationError } from '../application-error';
import type { GrantRevoker } from '../connection/grant-revoker';
import type { QboPageReads } from '../setup/qbo-page-reads';
import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { ConnectionConfirmer } from '../ports/connection-confirmer.port';
import type { ConnectionStore } from '../ports/connection-store.port';
import { maxOAuthStateLength, type OAuthStateStore } from '../ports/oauth-state-store.port';
import type { QboAuthorizer } from '../ports/qbo-authorizer.port';
import type { QboCompanyCheck } from '../ports/qbo-company-check.port';
import type { SettingsStore } from '../ports/settings-store.port';
import type { Telemetry } from '../ports/telemetry.port';

export namespace CompleteAuthorization {
  /** Intuit's redirect, value by value; nothing else of the callback URL is used. */
  export interface Input {
    readonly state: string | undefined;
    readonly code: string | undefined;
    readonly error: string | undefined;
    readonly realmId: string | undefined;
    /** The tenant of the signed-in admin: the state must have been issued to the same one. */
    readonly expectedTenantId: string;
  }
  export interface Output {
    readonly tenantId: string;
    readonly realmId: string;
    readonly companyName: string | null;
    /** False while QBO has not confirmed the company yet (it was busy): that finishes in the background. */
    readonly confirmed: boolean;
  }
  export interface Parts {
    readonly authorizer: QboAuthorizer;
    readonly states: OAuthStateStore;
    readonly connections: ConnectionStore;
    readonly settings: SettingsStore;
    readonly check: QboCompanyCheck;
    readonly revoker: GrantRevoker;
    readonly confirmer: ConnectionConfirmer;
    readonly pageReads: QboPageReads;
    readonly activity: ActivityLog;
    readonly clock: Clock;
    /** Told when a connection that needed attention works again. */
    readonly telemetry?: Telemetry;
  }
}

const maxCodeLength = 1_000;
const startAgain = 'Start again with "Connect to QuickBooks".';

/**
 * Connect, step 2: Intuit's redirect. The state proves which tenant started it; the company id in the redirect is only
 * a claim, so QBO is asked, with the new token, whether it opens that company before anything is kept. A company other
 * than the one the tenant's links point at is refused; refused tokens, and a replaced connection to another company,
 * are revoked at Intuit. When QBO is too busy to answer, the connection is kept as pending (never used for data) and
 * confirmed in the background, so the admin never waits out a throttle (docs/adr/0005).
 */
export class CompleteAuthorization {
  constructor(private readonly parts: CompleteAuthorization.Parts) {}

  async execute(input: CompleteAuthorization.Input): Promise<Result<CompleteAuthorization.Output, ApplicationError>> {
    const { authorizer, states, connections, settings, check, revoker, clock } = this.parts;
    const claim = readCallback(input);
    if (!claim.ok) return claim;
    const tenantId = input.expectedTenantId;
    if (!(await states.consume(claim.value.state, tenantId, clock.now()))) {
      return err(applicationError('InvalidState', 'invalid_state', `This connection link is unknown, already used, expired (links last 10 minutes) or was started by another account. ${startAgain}`));
    }
    if (input.error) return err(refusal(input.error));
    const { code, state, realmId } = claim.value;
    const exchanged = await authorizer.exchangeCode({ code, state, realmId });
    if (!exchanged.ok) return err(applicationError('AuthorizationDenied', 'authorization_failed', `Intuit did not complete the connection: ${exchanged.error.message}. Try again.`));
    const { tokens } = exchanged.value;
    const [existing, { linkedRealmId }] = await Promise.all([connections.get(tenantId), settings.get(tenantId)]);
    const keptRealmId = existing?.realmId ?? null;
    const checked = await check.companyOf(realmId, tokens.accessToken, tenantId);
    if (!checked.ok && checked.error.kind === 'NotGranted') {
      await revoker.revoke(tenantId, tokens, null, keptRealmId);
      return this.refuse(tenantId, applicationError('AuthorizationDenied', 'company_not_confirmed',
        `QuickBooks did not confirm that this authorization is for company ${realmId}, so nothing was connected. ${startAgain}`));
    }
    if (linkedRealmId !== null && linkedRealmId !== realmId) {
      await revoker.revoke(tenantId, tokens, checked.ok ? realmId : null, keptRealmId);
      return this.refuse(tenantId, applicationError('WrongCompany', 'different_company',
        `You connected QuickBooks company ${realmId}, but this account is already synced with company ${linkedRealmId}. Connect to company ${linkedRealmId}, or reset the links first to start over with the new company.`));
    }
    const companyName = checked.ok ? checked.value.companyName : null;
    await connections.save(checked.ok
      ? { tenantId, realmId, companyName, status: 'connected', statusReason: null, tokens }
      : { tenantId, realmId, companyName, status: 'pending_verification', statusReason: `QuickBooks was busy when you connected (${checked.error.message}); the connection is confirmed in the background.`, tokens });
    if (checked.ok && existing?.status === 'needs_reconnect') this.parts.telemetry?.event({ type: 'connection.restored', tenantId, at: clock.now(), realmId, companyName });
    if (existing && existing.realmId !== realmId) await revoker.revoke(tenantId, existing.tokens, existing.realmId, realmId);
    this.parts.pageReads.forget(tenantId);
    const restored = checked.ok && existing?.status === 'needs_reconnect';
    await this.record(tenantId, 'success', restored
      ? `Reconnected to QuickBooks company ${companyName || realmId}. The sync goes on: the changes that waited are sent now, in order.`
      : checked.ok
      ? `Connected to QuickBooks company ${companyName || realmId}.`
      : `Connecting to QuickBooks company ${realmId}: QuickBooks was busy, so the company is confirmed in the background. Nothing is sent until it is.`);
    if (!checked.ok) this.parts.confirmer.confirmLater(tenantId, checked.error.kind === 'Busy' ? checked.error.retryAfterMs : 0);
    return ok({ tenantId, realmId, companyName, confirmed: checked.ok });
  }

  private async refuse(tenantId: string, error: ApplicationError): Promise<Result<never, ApplicationError>> {
    await this.record(tenantId, 'failure', `A connection to QuickBooks was refused: ${error.message}`);
    return err(error);
  }

  private async record(tenantId: string, outcome: 'success' | 'failure', message: string): Promise<void> {
    await this.parts.activity.record({ tenantId, at: this.parts.clock.now(), action: 'connect', kind: null, hostId: null, qboId: null, outcome, outboxId: null, message });
  }
}

/** Everything the redirect carries is checked for shape before any store, or Intuit, sees it. */
const readCallback = (input: CompleteAuthorization.Input): Result<{ state: string; code: string; realmId: string }, ApplicationError> => {
  const { state, code, realmId, error } = input;
  if (!state || state.length > maxOAuthStateLength) return err(applicationError('InvalidState', 'missing_state', `The answer from Intuit carried no valid state. ${startAgain}`));
  if (error) return ok({ state, code: '', realmId: '' });
  if (!code || code.length > maxCodeLength) return err(applicationError('InvalidState', 'missing_code', `The answer from Intuit carried no authorization code. ${startAgain}`));
  if (!isRealmId(realmId)) return err(applicationError('InvalidInput', 'invalid_company_id', `The answer from Intuit did not name a valid QuickBooks company (company ids are digits). Nothing was connected. ${startAgain}`));
  return ok({ state, code, realmId });
};

const refusal = (error: string): ApplicationError => {
  if (error === 'access_denied') {
    return applicationError('AuthorizationDenied', 'access_denied', 'Intuit refused the connection. Only a QuickBooks company administrator can connect; ask one to click "Connect to QuickBooks".');
  }
  return applicationError('AuthorizationDenied', 'authorization_error', `Intuit refused the connection (${error.slice(0, 100)}). Try again, or ask a QuickBooks company administrator to connect.`);
};
