import type { Result } from '../../domain/shared/result';

export type CompanyCheckFailure =
  /** QBO refused these tokens for this company (or there is no such company): the claim is false. */
  | { readonly kind: 'NotGranted'; readonly message: string }
  /** QBO is throttling: the answer is not known yet. */
  | { readonly kind: 'Busy'; readonly message: string; readonly retryAfterMs: number }
  /** No usable answer (an outage, a timeout, a dropped connection): not known yet either. */
  | { readonly kind: 'Unavailable'; readonly message: string };

/**
 * Which company a new authorization is for, asked of QBO itself: the company id in Intuit's redirect travels through
 * the admin's browser, so it is a claim until QBO, given the new access token, answers for that company. One request,
 * at once and bounded in time, outside the tenant's pacing queue (a connection being made has no traffic of its own yet).
 */
export const QboCompanyCheck = Symbol('qbo-sync.QboCompanyCheck');
export interface QboCompanyCheck {
  /** The company's name when `accessToken` gives access to `realmId`; the realm id must already be well formed. `tenantId` only labels logs. */
  companyOf(realmId: string, accessToken: string, tenantId?: string): Promise<Result<{ readonly companyName: string }, CompanyCheckFailure>>;
}
