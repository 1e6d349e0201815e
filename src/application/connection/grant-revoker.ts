import type { Logger } from '../ports/logger.port';
import type { QboAuthorizer, QboTokens } from '../ports/qbo-authorizer.port';
import type { QboCompanyCheck } from '../ports/qbo-company-check.port';

/**
 * Ends, at Intuit, authorizations the plugin does not keep (refused, or replaced by a connection to another company),
 * so no live grant is left that nobody holds. Intuit keeps one connection per app and company, so tokens that open
 * the company of the connection being kept are left alone: revoking them would cut that connection too.
 */
export class GrantRevoker {
  constructor(
    private readonly authorizer: QboAuthorizer,
    private readonly check: QboCompanyCheck,
    private readonly logger: Logger,
  ) {}

  /**
   * `realmId` is the company the tokens open when QBO said so, null when unknown (QBO refused the one they claimed);
   * `keptRealmId` is the company of the connection that stays, if any.
   */
  async revoke(tenantId: string, tokens: QboTokens, realmId: string | null, keptRealmId: string | null): Promise<void> {
    if (tokens.refreshToken === '') return; // tokens that could not be decrypted: nothing to revoke with
    if (keptRealmId !== null) {
      if (realmId === keptRealmId) return;
      if (realmId === null && (await this.check.companyOf(keptRealmId, tokens.accessToken, tenantId)).ok) return;
    }
    try {
      await this.authorizer.revoke(tokens.refreshToken);
      this.logger.info({ tenantId, realmId }, 'revoked a QBO authorization that is not kept');
    } catch (error) {
      // Not keeping the tokens is what matters; Intuit ends an unused grant on its own when its refresh token expires.
      this.logger.warn({ tenantId, realmId, error: error instanceof Error ? error.message : String(error) }, 'revoking a QBO authorization that is not kept failed');
    }
  }
}
