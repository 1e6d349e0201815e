/** Tunables of the delivery engine; the plugin's options may override any of them. */
export interface DeliveryPolicy {
  /** Rows a worker claims at once for one tenant. */
  readonly batchSize: number;
  /**
   * Fewest writes a round sends as one QBO batch; fewer go one request each. QBO allows a company 40 batches a
   * minute beside 500 requests, so a batch is spent only where it saves many requests (a backlog), never on a trickle.
   */
  readonly minBatchWrites: number;
  /**
   * How long a claimed row (and a tenant) stays with a worker that stopped renewing it before others may take it
   * over. A heartbeat renews it every third of this while the worker lives, so it can be short (docs/adr/0060).
   */
  readonly leaseMs: number;
  /** Attempts before a row is failed and shown as such in the activity log. */
  readonly maxAttempts: number;
  readonly baseBackoffMs: number;
  readonly maxBackoffMs: number;
  /** How soon a held row (sync off, connection needs attention) is looked at again. */
  readonly holdMs: number;
  /** The sweep looks this far behind its last mark, for host rows committed with an older `updated_at`. */
  readonly sweepOverlapMs: number;
  /** How often the sweep looks at every record, not only the changed ones. */
  readonly fullSweepMs: number;
  /** How long the sweep waits before trying a write QBO refused again (doubled per refusal, at most a day). */
  readonly refusalWaitMs: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  batchSize: 20,
  minBatchWrites: 8,
  leaseMs: 6_000,
  maxAttempts: 8,
  baseBackoffMs: 1_000,
  maxBackoffMs: 5 * 60_000,
  holdMs: 5_000,
  sweepOverlapMs: 2 * 60_000,
  fullSweepMs: 6 * 60 * 60_000,
  refusalWaitMs: 60_000,
};

/** Exponential backoff with full jitter: a uniformly random wait up to base × 2^(attempt-1), capped. */
export const backoffMs = (policy: DeliveryPolicy, attempt: number, random: number): number =>
  Math.floor(random * Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.max(0, attempt - 1)));
