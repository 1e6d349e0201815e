import { randomBytes } from 'node:crypto';
import type { Clock } from '../../application/ports/clock.port';
import type { AuthorizationGrant, QboAuthorizationError, QboAuthorizer, QboTokens } from '../../application/ports/qbo-authorizer.port';
import { err, ok, type Result } from '../../domain/shared/result';

// Intuit's lifetimes (qbo-api.md): access 1 hour, refresh 100 days, a code 5 minutes, a rotated refresh token 24 hours more.
const accessLifetimeMs = 3_600_000;
const refreshLifetimeMs = 8_726_400_000;
const codeLifetimeMs = 300_000;
const rotationGraceMs = 86_400_000;
const consentUrl = 'https://appcenter.intuit.com/connect/oauth2';

interface Grant {
  readonly realmId: string;
  revoked: boolean;
}

interface RefreshToken {
  readonly grant: Grant;
  readonly expiresAt: number;
  supersededAt?: number;
}

const token = (prefix: string): string => `${prefix}${randomBytes(18).toString('base64url')}`;
const invalidGrant = (): QboAuthorizationError => ({ kind: 'InvalidGrant', message: 'Intuit no longer accepts this authorization; QuickBooks Online must be reconnected.' });

/**
 * Intuit's OAuth2 in memory: codes are single-use and short-lived, refresh tokens rotate (the old one keeps working
 * a day), and revoking any token of a grant ends the whole grant. Consent is given by `consent(url)`, as a test's admin.
 */
export class InMemoryQboAuthorizer implements QboAuthorizer {
  private readonly codes = new Map<string, { readonly realmId: string; readonly expiresAt: number }>();
  private readonly accessTokens = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  private realms = 0;

  constructor(
    private readonly clock: Clock,
    private readonly options: { readonly redirectUri: string; readonly clientId?: string },
  ) {}

  authorizeUrl(state: string): string {
    if (!state) throw new Error('An OAuth state is required to bind the consent to the tenant.');
    const url = new URL(consentUrl);
    url.search = new URLSearchParams({ response_type: 'code', client_id: this.options.clientId ?? 'in-memory-client', scope: 'com.intuit.quickbooks.accounting', redirect_uri: this.options.redirectUri, state }).toString();
    return url.toString();
  }

  /** The admin consents on Intuit's page: the redirect back to the plugin, with a new code for `realmId`. */
  consent(authorizeUrl: string, realmId = String(9_130_000_000_000_000 + (this.realms += 1))): string {
    const state = new URL(authorizeUrl).searchParams.get('state') ?? '';
    const code = token('AB11');
    this.codes.set(code, { realmId, expiresAt: this.clock.now() + codeLifetimeMs });
    const callback = new URL(this.options.redirectUri);
    callback.search = new URLSearchParams({ code, state, realmId }).toString();
    return callback.toString();
  }

  /** Like Intuit, the realm the caller names is not checked here: the tokens grant the company consent was given for. */
  async exchangeCode({ code, realmId }: AuthorizationGrant): Promise<Result<{ realmId: string; tokens: QboTokens }, QboAuthorizationError>> {
    if (!realmId) return err({ kind: 'AuthorizationFailed', message: 'Intuit did not say which QuickBooks company was connected (no realmId).' });
    const found = this.codes.get(code);
    this.codes.delete(code);
    if (!found || this.clock.now() >= found.expiresAt) return err(invalidGrant());
    return ok({ realmId, tokens: this.issue({ realmId: found.realmId, revoked: false }) });
  }

  /** The company an access token gives access to, while its grant stands (what QBO checks on every API call). */
  realmOf(accessToken: string): string | null {
    const grant = this.accessTokens.get(accessToken);
    return grant && !grant.revoked ? grant.realmId : null;
  }

  async refresh(refreshToken: string): Promise<Result<QboTokens, QboAuthorizationError>> {
    const found = this.refreshTokens.get(refreshToken);
    const now = this.clock.now();
    if (!found || found.grant.revoked || now >= found.expiresAt) return err(invalidGrant());
    if (found.supersededAt !== undefined && now >= found.supersededAt + rotationGraceMs) return err(invalidGrant());
    found.supersededAt ??= now;
    return ok(this.issue(found.grant));
  }

  /** Intuit ends an access token before its hour is up (the emulator's `expire-access-token`); its refresh token still works. */
  expireAccessToken(accessToken: string): void {
    this.accessTokens.delete(accessToken);
  }

  /** Any token of a grant ends the whole grant; an unknown token is ignored, as Intuit does. */
  async revoke(anyToken: string): Promise<void> {
    const grant = this.refreshTokens.get(anyToken)?.grant ?? this.accessTokens.get(anyToken);
    if (grant) grant.revoked = true;
  }

  private issue(grant: Grant): QboTokens {
    const createdAt = this.clock.now();
    const accessToken = token('eyJ-memory-');
    const refreshToken = token('RT1-');
    this.accessTokens.set(accessToken, grant);
    this.refreshTokens.set(refreshToken, { grant, expiresAt: createdAt + refreshLifetimeMs });
    return { accessToken, refreshToken, createdAt, accessTokenExpiresAt: createdAt + accessLifetimeMs, refreshTokenExpiresAt: createdAt + refreshLifetimeMs };
  }
}
