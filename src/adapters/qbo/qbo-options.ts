/** How the QBO adapters reach Intuit (or an emulator standing in for it). */
export interface QboOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly environment: 'sandbox' | 'production';
  /** Defaults to Intuit's data URL for `environment`; an emulator's URL in tests and demos. */
  readonly apiBaseUrl?: string;
  /** Defaults to Intuit's OAuth endpoints; with a base URL the emulator's `/oauth2/...` paths are used. */
  readonly oauthBaseUrl?: string;
  /** Multiplies every wait (throttle back-off, retry delays, the per-minute windows); 1 is real time. */
  readonly timeScale?: number;
  readonly requestTimeoutMs?: number;
  readonly limits?: QboLimits;
}

export interface QboLimits {
  /** Requests per realm per (scaled) minute, batches included. */
  readonly perMinute: number;
  /** Requests in flight per realm. */
  readonly concurrent: number;
  /** Batch requests per realm per (scaled) minute. */
  readonly batchPerMinute: number;
}

export interface OAuthEndpoints {
  readonly authorizeEndpoint: string;
  readonly tokenEndpoint: string;
  readonly revokeEndpoint: string;
}

export interface ResolvedQboOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly environment: 'sandbox' | 'production';
  readonly apiBaseUrl: string;
  readonly oauth: OAuthEndpoints;
  readonly timeScale: number;
  readonly requestTimeoutMs: number;
  readonly limits: QboLimits;
}

// Intuit's published limits (qbo-api.md §6): 500/min and 10 in flight per realm, 40 batches/min per realm and app.
export const intuitLimits: QboLimits = { perMinute: 500, concurrent: 10, batchPerMinute: 40 };

const intuitApiBaseUrl = {
  sandbox: 'https://sandbox-quickbooks.api.intuit.com',
  production: 'https://quickbooks.api.intuit.com',
};

const intuitOAuth: OAuthEndpoints = {
  authorizeEndpoint: 'https://appcenter.intuit.com/connect/oauth2',
  tokenEndpoint: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revokeEndpoint: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
};

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

export const resolveQboOptions = (options: QboOptions): ResolvedQboOptions => {
  if (options.environment !== 'sandbox' && options.environment !== 'production') {
    throw new Error(`QBO environment must be 'sandbox' or 'production', not '${String(options.environment)}'.`);
  }
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new Error(`QBO timeScale must be a positive number, not ${String(options.timeScale)}.`);
  const oauthBase = options.oauthBaseUrl === undefined ? null : withoutTrailingSlash(options.oauthBaseUrl);
  return {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    redirectUri: options.redirectUri,
    environment: options.environment,
    apiBaseUrl: withoutTrailingSlash(options.apiBaseUrl ?? intuitApiBaseUrl[options.environment]),
    oauth:
      oauthBase === null
        ? intuitOAuth
        : {
            authorizeEndpoint: `${oauthBase}/oauth2/authorize`,
            tokenEndpoint: `${oauthBase}/oauth2/v1/tokens/bearer`,
            revokeEndpoint: `${oauthBase}/oauth2/v1/tokens/revoke`,
          },
    timeScale,
    requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
    limits: options.limits ?? intuitLimits,
  };
};
