/** OAuth `state` values: bound to a tenant, single use, short-lived. */
export const OAuthStateStore = Symbol('qbo-sync.OAuthStateStore');
export interface OAuthStateStore {
  issue(tenantId: string, state: string, expiresAt: number): Promise<void>;
  /**
   * Spends the state when it was issued to `tenantId`, is unused and has not expired at `now`; true when it did.
   * A state presented by another tenant is left as it was, so its rightful owner can still finish connecting.
   */
  consume(state: string, tenantId: string, now: number): Promise<boolean>;
  /** Forgets every state that expired at or before `now` (used or not); returns how many. */
  purgeExpired(now: number): Promise<number>;
}

/** The longest state a store keeps; anything longer is refused before it reaches a store. */
export const maxOAuthStateLength = 128;
