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

/** What Intuit's redirect carries back, and nothing else: the exchange never sees the rest of the callback URL. */
export interface AuthorizationGrant {
  readonly code: string;
  readonly state: string;
  /** The company Intuit's redirect names; a claim until QBO confirms the tokens grant it (QboCompanyCheck). */
  readonly realmId: string;
}

/** OAuth2 with Intuit: the consent URL, the code exchange, refresh and revoke. */
export const QboAuthorizer = Symbol('qbo-sync.QboAuthorizer');
export interface QboAuthorizer {
  authorizeUrl(state: string): string;
  /** Exchanges the code for tokens, sending the configured redirect URI (never one taken from the request). */
  exchangeCode(grant: AuthorizationGrant): Promise<Result<{ realmId: string; tokens: QboTokens }, QboAuthorizationError>>;
  refresh(refreshToken: string): Promise<Result<QboTokens, QboAuthorizationError>>;
  revoke(token: string): Promise<void>;
}
