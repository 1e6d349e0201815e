import type { Result } from '../../domain/shared/result';

export interface QboTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  readonly accessTokenExpiresAt: number;
  readonly refreshTokenExpiresAt: number;
}

export type QboAuthorizationError =
  | { readonly kind: 'InvalidGrant'; readonly message: string }
  | { readonly kind: 'AuthorizationFailed'; readonly message: string };

/** OAuth2 with Intuit: the consent URL, the code exchange, refresh and revoke. */
export const QboAuthorizer = Symbol('qbo-sync.QboAuthorizer');
export interface QboAuthorizer {
  authorizeUrl(state: string): string;
  /** `callbackUrl` is the full redirect Intuit sent the browser to (it carries code, state and realmId). */
  exchangeCode(callbackUrl: string): Promise<Result<{ realmId: string; tokens: QboTokens }, QboAuthorizationError>>;
  refresh(refreshToken: string): Promise<Result<QboTokens, QboAuthorizationError>>;
  revoke(token: string): Promise<void>;
}
