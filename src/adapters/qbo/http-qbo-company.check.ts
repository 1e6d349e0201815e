import type { Clock } from '../../application/ports/clock.port';
import type { Logger } from '../../application/ports/logger.port';
import { silentTelemetry, type Telemetry } from '../../application/ports/telemetry.port';
import type { CompanyCheckFailure, QboCompanyCheck } from '../../application/ports/qbo-company-check.port';
import { err, ok, type Result } from '../../domain/shared/result';
import { faultDetail } from './qbo-fault.parser';
import { isObject, objectAt, parseJsonText, textAt } from './qbo-json';
import { resolveQboOptions, type QboOptions, type ResolvedQboOptions } from './qbo-options';
import { defaultRetryPolicy, throttleWaitMs } from './qbo-retry.policy';

/** The callback waits at most this long for QBO; past it the check goes on in the background. Not scaled: a timeout is no wait. */
const checkTimeoutMs = 5_000;

/**
 * `GET /v3/company/{realmId}/companyinfo/{realmId}` with the new access token, once. QBO answers 401/403 when the
 * token is for another company (ApplicationAuthorizationFailed, qbo-api.md §4), so a 200 is the proof of the claim.
 * It deliberately skips the realm's pacing queue and retries: the caller decides what a busy QBO means.
 */
export class HttpQboCompanyCheck implements QboCompanyCheck {
  private readonly options: ResolvedQboOptions;

  constructor(
    options: QboOptions,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly telemetry: Telemetry = silentTelemetry,
  ) {
    this.options = resolveQboOptions(options);
  }

  async companyOf(realmId: string, accessToken: string, tenantId?: string): Promise<Result<{ readonly companyName: string }, CompanyCheckFailure>> {
    const realm = encodeURIComponent(realmId);
    const url = `${this.options.apiBaseUrl}/v3/company/${realm}/companyinfo/${realm}?minorversion=75`;
    const timeoutMs = Math.min(this.options.requestTimeoutMs, checkTimeoutMs);
    let response: Response;
    let body: unknown;
    const started = this.clock.now();
    try {
      response = await fetch(url, { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      body = parseJsonText(await response.text());
    } catch (error) {
      const why = (error as Error)?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'the connection failed';
      this.telemetry.qboRequest({ operation: 'company-check', status: 'lost', durationMs: this.clock.now() - started });
      this.logger.warn({ tenantId, realmId, why }, 'QBO company check got no answer');
      return err({ kind: 'Unavailable', message: `QuickBooks did not answer (${why})` });
    }
    this.telemetry.qboRequest({ operation: 'company-check', status: response.status, durationMs: this.clock.now() - started });
    this.logger.debug({ tenantId, realmId, status: response.status, intuitTid: response.headers.get('intuit_tid') ?? undefined }, 'QBO company check');
    if (response.ok) return this.nameIn(body);
    if (response.status === 429 || faultDetail(body)?.code === '3001') {
      const retryAfterMs = throttleWaitMs(defaultRetryPolicy, response.headers.get('retry-after'), this.options.timeScale, this.clock.now());
      return err({ kind: 'Busy', message: 'QuickBooks is busy (it asked us to slow down)', retryAfterMs });
    }
    if (response.status >= 500) return err({ kind: 'Unavailable', message: `QuickBooks answered with an error on its side (HTTP ${response.status})` });
    const detail = faultDetail(body);
    return err({ kind: 'NotGranted', message: `QuickBooks refused access to company ${realmId} with this authorization (HTTP ${response.status}${detail?.code ? `, code ${detail.code}` : ''})` });
  }

  private nameIn(body: unknown): Result<{ readonly companyName: string }, CompanyCheckFailure> {
    const info = isObject(body) ? objectAt(body, 'CompanyInfo') : null;
    if (info === null) return err({ kind: 'Unavailable', message: 'QuickBooks answered without the company information' });
    return ok({ companyName: (textAt(info, 'CompanyName') ?? textAt(info, 'LegalName') ?? '').slice(0, 255) });
  }
}
