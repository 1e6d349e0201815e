/** How long to wait before trying again; every delay is multiplied by the configured time scale. */
export interface QboRetryPolicy {
  /** Retries after a 5xx, a timeout or a dropped connection. */
  readonly maxUnavailableRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Retries after a 429 / 3001. */
  readonly maxThrottleRetries: number;
  /** Intuit asks for 60 s when it says nothing else (qbo-api.md §6). */
  readonly throttleWaitMs: number;
}

export const defaultRetryPolicy: QboRetryPolicy = {
  maxUnavailableRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxThrottleRetries: 4,
  throttleWaitMs: 60_000,
};

/** Full jitter: a uniform wait between 0 and the capped exponential, so callers that failed together spread out. */
export const backoffMs = (policy: QboRetryPolicy, retry: number, timeScale: number, random: () => number): number =>
  random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry) * timeScale;

/** Retry-After in seconds or as an HTTP date, else Intuit's 60 s, scaled. */
export const throttleWaitMs = (policy: QboRetryPolicy, retryAfter: string | null, timeScale: number, nowMs: number): number => {
  const header = retryAfter?.trim() ?? '';
  if (/^\d+(\.\d+)?$/.test(header)) return Number(header) * 1000 * timeScale;
  const date = header ? Date.parse(header) : NaN;
  if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  return policy.throttleWaitMs * timeScale;
};

/** Waits `ms`; resolves false at once when `signal` aborts first (the plugin is stopping), true after a full wait. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
