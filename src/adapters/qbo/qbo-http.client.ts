import { Clock } from '../../application/ports/clock.port';
import { Logger } from '../../application/ports/logger.port';
import type { QboBudgetStore } from '../../application/ports/qbo-budget-store.port';
import { silentTelemetry, type Telemetry } from '../../application/ports/telemetry.port';
import type { QboError } from '../../domain/qbo/qbo-error';
import { err, ok, type Result } from '../../domain/shared/result';
import { QboAccessTokens, type QboAccess } from './qbo-access-tokens';
import { faultDetail, qboErrorFrom } from './qbo-fault.parser';
import { parseJsonText } from './qbo-json';
import { unavailable, type FaultContext } from '../../domain/qbo/qbo-error-words';
import { resolveQboOptions, type QboOptions, type ResolvedQboOptions } from './qbo-options';
import { realmLimiter, WaitAborted, type QboRateLimiter, type RequestKind } from './qbo-rate.limiter';
import { backoffMs, defaultRetryPolicy, sleep, throttleWaitMs } from './qbo-retry.policy';

export interface QboCall {
  readonly method: 'GET' | 'POST';
  /** After `/v3/company/{realmId}/`, e.g. `customer` or `query`. */
  readonly path: string;
  readonly params?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly kind?: RequestKind;
  /** Writes carry a requestid: QBO answers a repeat of it with the first answer instead of acting twice. */
  readonly requestId?: string;
  readonly context?: FaultContext;
}

export interface QboAnswer {
  readonly body: unknown;
  readonly intuitTid?: string;
}

/** Looks for what an uncertain write may have done; a value means "it happened, here is the result". */
export type Settle<T> = () => Promise<Result<T | null, QboError>>;

type Attempt =
  | { readonly type: 'answer'; readonly status: number; readonly body: unknown; readonly intuitTid?: string; readonly retryAfter: string | null }
  | { readonly type: 'lost'; readonly why: string }
  | { readonly type: 'stopped' };

/**
 * One QBO request, done properly: the tenant's token (refreshed once after a 401), the realm's limiter, a timeout,
 * waits on throttling and bounded retries with full jitter on outages. A write whose outcome is unknown (timeout,
 * dropped connection, 5xx) is settled first by looking the record up, then retried with the same requestid.
 */
export class QboHttpClient {
  private readonly options: ResolvedQboOptions;
  private readonly policy = defaultRetryPolicy;

  constructor(
    options: QboOptions,
    private readonly tokens: QboAccessTokens,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly telemetry: Telemetry = silentTelemetry,
    /** Aborts every wait (slot, throttle, backoff) when the plugin stops, and the request itself at its deadline. */
    private readonly stopSignal: () => AbortSignal | undefined = () => undefined,
    /** The company's budget kept with the host's other processes; without it, this process paces alone (docs/adr/0072). */
    private readonly budget?: QboBudgetStore,
  ) {
    this.options = resolveQboOptions(options);
  }

  private limiter(realmId: string, tenantId: string): QboRateLimiter {
    const { apiBaseUrl, limits, timeScale } = this.options;
    return realmLimiter(apiBaseUrl, realmId, tenantId, limits, timeScale, () => this.clock.now(), this.budget ? { store: this.budget, logger: this.logger } : undefined);
  }

  async send<T>(tenantId: string, call: QboCall, decode: (answer: QboAnswer) => Result<T, QboError>, settle?: Settle<T>): Promise<Result<T, QboError>> {
    let access: QboAccess | null = null;
    let refreshed = false;
    let outages = 0;
    let throttles = 0;
    let uncertain = false;
    for (;;) {
      if (uncertain && settle) {
        const settled = await settle();
        if (settled.ok && settled.value !== null) return ok(settled.value);
      }
      if (access === null) {
        const current = await this.tokens.current(tenantId);
        if (!current.ok) return current;
        access = current.value;
      }
      const attempt = await this.attempt(tenantId, access, call);
      if (attempt.type === 'stopped') return err(stopping());
      const scale = this.options.timeScale;
      if (attempt.type === 'lost' || attempt.status >= 500) {
        const error =
          attempt.type === 'lost' ? unavailable(attempt.why) : qboErrorFrom(attempt.status, attempt.body, attempt.intuitTid, call.context);
        if (outages >= this.policy.maxUnavailableRetries) return err(this.logged(tenantId, access.realmId, call, error));
        uncertain = call.requestId !== undefined;
        if (!(await sleep(backoffMs(this.policy, outages, scale, Math.random), this.stopSignal()))) return err(stopping(error));
        outages += 1;
        continue;
      }
      if (attempt.status >= 200 && attempt.status < 300) {
        return decode({ body: attempt.body, ...(attempt.intuitTid ? { intuitTid: attempt.intuitTid } : {}) });
      }
      if (attempt.status === 401 && !refreshed) {
        refreshed = true;
        const renewed = await this.tokens.afterRejection(tenantId, access.accessToken);
        if (!renewed.ok) return renewed;
        access = renewed.value;
        continue;
      }
      if (attempt.status === 429 || faultDetail(attempt.body)?.code === '3001') {
        const error = qboErrorFrom(429, attempt.body, attempt.intuitTid, call.context);
        if (throttles >= this.policy.maxThrottleRetries) return err(error);
        const waitMs = throttleWaitMs(this.policy, attempt.retryAfter, scale, this.clock.now());
        this.limiter(access.realmId, tenantId).pause(this.clock.now() + waitMs);
        this.logger.warn({ tenantId, realmId: access.realmId, waitMs, intuitTid: attempt.intuitTid }, 'QBO throttled the realm; waiting');
        if (!(await sleep(waitMs, this.stopSignal()))) return err(stopping(error));
        throttles += 1;
        continue;
      }
      return err(this.logged(tenantId, access.realmId, call, qboErrorFrom(attempt.status, attempt.body, attempt.intuitTid, call.context)));
    }
  }

  /** A request QBO refused or never served: one line with the tenant and QBO's intuit_tid, which Intuit support asks for. */
  private logged(tenantId: string, realmId: string, call: QboCall, error: QboError): QboError {
    this.logger.warn({ tenantId, realmId, method: call.method, path: call.path, kind: error.kind, qboCode: error.code, intuitTid: error.intuitTid }, 'QBO did not take a request');
    return error;
  }

  private async attempt(tenantId: string, access: QboAccess, call: QboCall): Promise<Attempt> {
    const { apiBaseUrl, requestTimeoutMs } = this.options;
    const limiter = this.limiter(access.realmId, tenantId);
    const stop = this.stopSignal();
    let release: () => void;
    try {
      release = await limiter.acquire(call.kind ?? 'single', stop);
    } catch (error) {
      if (error instanceof WaitAborted) return { type: 'stopped' };
      throw error;
    }
    const url = new URL(`${apiBaseUrl}/v3/company/${encodeURIComponent(access.realmId)}/${call.path}`);
    for (const [key, value] of Object.entries({ ...call.params, minorversion: '75' })) url.searchParams.set(key, value);
    if (call.requestId !== undefined) url.searchParams.set('requestid', call.requestId);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), requestTimeoutMs);
    const started = this.clock.now();
    const logged = { tenantId, realmId: access.realmId, method: call.method, path: call.path };
    try {
      const response = await fetch(url, {
        method: call.method,
        headers: {
          Authorization: `Bearer ${access.accessToken}`,
          Accept: 'application/json',
          ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: stop ? AbortSignal.any([abort.signal, stop]) : abort.signal,
      });
      const text = await response.text();
      const intuitTid = response.headers.get('intuit_tid') ?? undefined;
      this.telemetry.qboRequest({ operation: call.kind ?? 'single', status: response.status, durationMs: this.clock.now() - started });
      this.logger.debug({ ...logged, status: response.status, intuitTid, durationMs: this.clock.now() - started }, 'QBO request');
      return { type: 'answer', status: response.status, body: parseJsonText(text), retryAfter: response.headers.get('retry-after'), ...(intuitTid ? { intuitTid } : {}) };
    } catch (error) {
      // Stopping cut the request short: its outcome is unknown, and the same requestid settles it next time.
      if (stop?.aborted) return { type: 'stopped' };
      const why = abort.signal.aborted ? `no answer within ${requestTimeoutMs} ms` : `connection failed (${errorName(error)})`;
      this.telemetry.qboRequest({ operation: call.kind ?? 'single', status: 'lost', durationMs: this.clock.now() - started });
      this.logger.warn({ ...logged, durationMs: this.clock.now() - started, why }, 'QBO request lost');
      return { type: 'lost', why };
    } finally {
      clearTimeout(timer);
      release();
    }
  }
}

/** The plugin is stopping: the request was not sent (or not finished); the change is tried again by whoever runs next. */
const stopping = (cause?: QboError): QboError => unavailable(`the plugin is stopping${cause?.detail ? ` (after: ${cause.detail})` : ''}`);

const errorName = (error: unknown): string => {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : 'unknown';
};
