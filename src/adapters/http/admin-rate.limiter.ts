import { compositeKey } from '../../domain/shared/composite-key';

export interface AdminRateLimits {
  /** Requests one signed-in user may make per minute, sustained; twice a second by default. */
  readonly perUserPerMinute: number;
  /** Requests all users of one tenant together may make per minute, sustained. */
  readonly perTenantPerMinute: number;
}

export const defaultAdminRateLimits: AdminRateLimits = { perUserPerMinute: 120, perTenantPerMinute: 600 };

interface Bucket {
  tokens: number;
  at: number;
}

/** A refused request: how long until one more would be taken. */
export interface Refusal {
  readonly retryAfterMs: number;
  readonly who: 'user' | 'tenant';
}

/**
 * Token buckets for the admin routes, one per user and one per tenant, in this process: each holds half a minute's
 * worth (a page load is a handful of requests, a reload or two in a row is fine) and refills at the sustained rate.
 * A request takes one token from both, or from neither when either is empty.
 */
export class AdminRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(
    private readonly limits: AdminRateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  take(tenantId: string, userKey: string): Refusal | null {
    const now = this.now();
    this.sweep(now);
    const user = this.bucket(compositeKey(['user', tenantId, userKey]), this.limits.perUserPerMinute, now);
    const tenant = this.bucket(compositeKey(['tenant', tenantId]), this.limits.perTenantPerMinute, now);
    if (user.tokens < 1) return { who: 'user', retryAfterMs: this.waitFor(user, this.limits.perUserPerMinute) };
    if (tenant.tokens < 1) return { who: 'tenant', retryAfterMs: this.waitFor(tenant, this.limits.perTenantPerMinute) };
    user.tokens -= 1;
    tenant.tokens -= 1;
    return null;
  }

  private bucket(key: string, perMinute: number, now: number): Bucket {
    const capacity = capacityOf(perMinute);
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) * perMinute) / 60_000);
    bucket.at = now;
    this.buckets.set(key, bucket);
    return bucket;
  }

  private waitFor(bucket: Bucket, perMinute: number): number {
    return Math.ceil(((1 - bucket.tokens) * 60_000) / perMinute);
  }

  /** Forgets buckets that have refilled (the same as new ones), at most once a minute, so memory follows activity. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= 60_000) this.buckets.delete(key);
  }
}

const capacityOf = (perMinute: number): number => Math.max(1, perMinute / 2);
