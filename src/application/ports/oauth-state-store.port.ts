/** OAuth `state` values: bound to a tenant, single use, short-lived. */
export const OAuthStateStore = Symbol('qbo-sync.OAuthStateStore');
export interface OAuthStateStore {
  issue(tenantId: string, state: string, expiresAt: number): Promise<void>;
  /** The tenant the state was issued to, once; null when unknown, already used or expired at `now`. */
  consume(state: string, now: number): Promise<string | null>;
}
