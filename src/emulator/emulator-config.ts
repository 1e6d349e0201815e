export interface RateLimits {
  readonly perMinute: number;
  readonly concurrent: number;
  readonly batchPerMinute: number;
}

export interface EmulatorConfig {
  /** null: no limits (the default, so tests are not throttled unless they ask). */
  readonly rateLimits: RateLimits | null;
  /** Added before every API answer, multiplied by timeScale. */
  readonly latencyMs: number;
  /** Multiplies every time window: limit windows, token lifetimes, latency. 0.01 runs an hour in 36 s. */
  readonly timeScale: number;
  /**
   * A repeated requestid gets the stored refusal (400) back, as it gets a stored success. Intuit documents the replay
   * without excepting refusals; true (the default) is the stricter reading, false lets a test show a client is safe
   * under the other one.
   */
  readonly replayRefusals: boolean;
}

/** QBO's published per-realm numbers. */
export const QBO_RATE_LIMITS: RateLimits = { perMinute: 500, concurrent: 10, batchPerMinute: 40 };

export const DEFAULT_CONFIG: EmulatorConfig = { rateLimits: null, latencyMs: 0, timeScale: 1, replayRefusals: true };

const positiveInteger = (value: unknown, fallback: number, name: string): number => {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1`);
  return value;
};

/** The configuration after a `POST /__emulator/config`; keys left out keep their current value. */
export function mergeConfig(current: EmulatorConfig, input: unknown): EmulatorConfig {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('The config must be a JSON object');
  const patch = input as Record<string, unknown>;
  let { rateLimits, latencyMs, timeScale, replayRefusals } = current;
  if ('rateLimits' in patch) {
    const limits = patch.rateLimits;
    if (limits === null) rateLimits = null;
    else if (typeof limits === 'object' && !Array.isArray(limits)) {
      const given = limits as Record<string, unknown>;
      rateLimits = {
        perMinute: positiveInteger(given.perMinute, QBO_RATE_LIMITS.perMinute, 'rateLimits.perMinute'),
        concurrent: positiveInteger(given.concurrent, QBO_RATE_LIMITS.concurrent, 'rateLimits.concurrent'),
        batchPerMinute: positiveInteger(given.batchPerMinute, QBO_RATE_LIMITS.batchPerMinute, 'rateLimits.batchPerMinute'),
      };
    } else throw new Error('rateLimits must be an object or null');
  }
  if ('latencyMs' in patch) {
    if (typeof patch.latencyMs !== 'number' || !(patch.latencyMs >= 0)) throw new Error('latencyMs must be a number of at least 0');
    latencyMs = patch.latencyMs;
  }
  if ('timeScale' in patch) {
    if (typeof patch.timeScale !== 'number' || !(patch.timeScale > 0)) throw new Error('timeScale must be a number above 0');
    timeScale = patch.timeScale;
  }
  if ('replayRefusals' in patch) {
    if (typeof patch.replayRefusals !== 'boolean') throw new Error('replayRefusals must be true or false');
    replayRefusals = patch.replayRefusals;
  }
  return { rateLimits, latencyMs, timeScale, replayRefusals };
}
