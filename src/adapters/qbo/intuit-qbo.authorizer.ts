import { inject, injectable } from 'inversify';
import OAuthClient from 'intuit-oauth';
import type { Clock as ClockPort } from '../../application/ports/clock.port';
import { Clock } from '../../application/ports/clock.port';
import { QboAuthorizer, type AuthorizationGrant, type QboAuthorizationError, type QboTokens } from '../../application/ports/qbo-authorizer.port';
import { err, ok, type Result } from '../../domain/shared/result';
import { QboOptions, resolveQboOptions, type ResolvedQboOptions } from './qbo-options';

interface TokenJson {
  readonly access_token?: unknown;
  readonly refresh_token?: unknown;
  readonly expires_in?: unknown;
  readonly x_refresh_token_expires_in?: unknown;
}

const seconds = (value: unknown, fallback: number): number => (typeof value === 'number' && value > 0 ? value : fallback);

/**
 * OAuth2 with Intuit through intuit-oauth. The library keeps its endpoints in static, process-global fields
 * (`setAuthorizeURLs`), and several plugin instances may talk to different emulators in one process. Each call
 * therefore builds its own client, sets the endpoints and starts the call in the same synchronous turn: the
 * library copies the endpoint into its request object inside the Promise executor, which runs synchronously,
 * so no other call can change the statics in between and no lock is needed (a retry reuses the copied URL).
 */
@injectable()
export class IntuitQboAuthorizer implements QboAuthorizer {
  private readonly options: ResolvedQboOptions;

  constructor(
    @inject(QboOptions) options: QboOptions,
    @inject(Clock) private readonly clock: ClockPort,
  ) {
    this.options = resolveQboOptions(options);
  }

  authorizeUrl(state: string): string {
    if (!state) throw new Error('An OAuth state is required to bind the consent to the tenant.');
    return this.client().authorizeUri({ scope: [OAuthClient.scopes.Accounting], state });
  }

  async exchangeCode(grant: AuthorizationGrant): Promise<Result<{ realmId: string; tokens: QboTokens }, QboAuthorizationError>> {
    const { code, state, realmId } = grant;
    if (!realmId) return err({ kind: 'AuthorizationFailed', message: 'Intuit did not say which QuickBooks company was connected (no realmId).' });
    // intuit-oauth reads `code` (and the rest) from a URL; it gets one made of the configured redirect URI and the
    // three values alone, so nothing else the browser brought back (a `redirectUri=` of its own) reaches Intuit.
    const callbackUrl = new URL(this.options.redirectUri);
    callbackUrl.search = new URLSearchParams({ code, state, realmId }).toString();
    const client = this.client();
    return this.tokenCall(() => client.createToken(callbackUrl.toString()), (tokens) => ({ realmId, tokens }));
  }

  async refresh(refreshToken: string): Promise<Result<QboTokens, QboAuthorizationError>> {
    const client = this.client();
    return this.tokenCall(() => client.refreshUsingToken(refreshToken), (tokens) => tokens);
  }

  async revoke(token: string): Promise<void> {
    const client = this.client();
    try {
      await client.revoke({ refresh_token: token });
    } catch (error) {
      throw new Error(`Intuit did not confirm the disconnection (${describe(error)}).`);
    }
  }

  /** A fresh client whose endpoints are this instance's; must be used in the same synchronous turn. */
  private client(): OAuthClient {
    const client = new OAuthClient({
      clientId: this.options.clientId,
      clientSecret: this.options.clientSecret,
      environment: this.options.environment,
      redirectUri: this.options.redirectUri,
    });
    client.setAuthorizeURLs({ ...this.options.oauth, userInfoEndpoint: userInfoEndpoint[this.options.environment] });
    return client;
  }

  private async tokenCall<T>(
    call: () => Promise<{ json?: unknown } | null>,
    shape: (tokens: QboTokens) => T,
  ): Promise<Result<T, QboAuthorizationError>> {
    try {
      const response = await call();
      const json = (response?.json ?? {}) as TokenJson;
      if (typeof json.access_token !== 'string' || typeof json.refresh_token !== 'string') {
        return err({ kind: 'AuthorizationFailed', message: 'Intuit answered without tokens.' });
      }
      const createdAt = this.clock.now();
      return ok(
        shape({
          accessToken: json.access_token,
          refreshToken: json.refresh_token,
          createdAt,
          accessTokenExpiresAt: createdAt + seconds(json.expires_in, 3600) * 1000,
          refreshTokenExpiresAt: createdAt + seconds(json.x_refresh_token_expires_in, 8_726_400) * 1000,
        }),
      );
    } catch (error) {
      if (oauthErrorCode(error) === 'invalid_grant') {
        return err({ kind: 'InvalidGrant', message: 'Intuit no longer accepts this authorization; QuickBooks Online must be reconnected.' });
      }
      return err({ kind: 'AuthorizationFailed', message: `Intuit refused the token request (${describe(error)}).` });
    }
  }
}

const userInfoEndpoint = {
  sandbox: 'https://sandbox-accounts.platform.intuit.com/v1/openid_connect/userinfo',
  production: 'https://accounts.platform.intuit.com/v1/openid_connect/userinfo',
};

const oauthErrorCode = (error: unknown): string | null =>
  typeof error === 'object' && error !== null && typeof (error as { error?: unknown }).error === 'string'
    ? (error as { error: string }).error
    : null;

/** Only the OAuth error code or a short message: the library's error object also holds the request, with secrets. */
const describe = (error: unknown): string => {
  const code = oauthErrorCode(error);
  if (code) return code.slice(0, 120);
  return error instanceof Error ? error.message.slice(0, 120) : 'unknown error';
};
