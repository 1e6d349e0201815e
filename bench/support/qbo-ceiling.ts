/** The per-company limits the emulator enforces (POST /__emulator/config), as QBO publishes them. */
export interface CompanyLimits {
  readonly perMinute: number;
  readonly concurrent: number;
  readonly batchPerMinute: number;
}

export const QBO_LIMITS: CompanyLimits = { perMinute: 500, concurrent: 10, batchPerMinute: 40 };
export const QBO_LATENCY_MS = 300;
export const MAX_BATCH_OPERATIONS = 30;

/**
 * The most write requests one company can start per second: the per-minute budget, or what `concurrent` requests
 * of `latencyMs` each can finish, whichever is lower. `timeScale` shrinks the minute and the latency alike.
 */
const requestsPerSecond = (limits: CompanyLimits, latencyMs: number, timeScale: number): number => {
  const window = (60_000 * timeScale) / 1000;
  const byBudget = limits.perMinute / window;
  const byConcurrency = latencyMs > 0 ? limits.concurrent / ((latencyMs * timeScale) / 1000) : Infinity;
  return Math.min(byBudget, byConcurrency);
};

/**
 * Entities per second at best: every batch the minute allows, full (30 operations), plus single requests with the
 * rest of the request budget (batches count against it too).
 */
export const ceilingPerSecond = (limits: CompanyLimits, latencyMs: number, timeScale: number): number => {
  const window = (60_000 * timeScale) / 1000;
  const requests = requestsPerSecond(limits, latencyMs, timeScale);
  const batches = Math.min(limits.batchPerMinute / window, requests);
  return batches * MAX_BATCH_OPERATIONS + (requests - batches);
};

/** The naive integration: one request at a time, each taking the latency (and never more than the budget allows). */
export const naivePerSecond = (limits: CompanyLimits, latencyMs: number, timeScale: number): number => {
  const window = (60_000 * timeScale) / 1000;
  const oneAtATime = latencyMs > 0 ? 1000 / (latencyMs * timeScale) : Infinity;
  return Math.min(oneAtATime, limits.perMinute / window);
};
