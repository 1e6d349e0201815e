import type { RateLimits } from './emulator-config';

/** Timestamps inside a sliding window, pruned from the front. */
class SlidingWindow {
  private readonly times: number[] = [];

  count(now: number, windowMs: number): number {
    while (this.times.length > 0 && (this.times[0] as number) <= now - windowMs) this.times.shift();
    return this.times.length;
  }

  add(now: number): void {
    this.times.push(now);
  }
}

interface RealmTraffic {
  readonly requests: SlidingWindow;
  readonly batches: SlidingWindow;
  inFlight: number;
}

/** QBO's per-realm limits: requests per minute, batch requests per minute, requests in flight. */
export class RateLimiter {
  private readonly realms = new Map<string, RealmTraffic>();

  private trafficOf(realmId: string): RealmTraffic {
    let traffic = this.realms.get(realmId);
    if (!traffic) {
      traffic = { requests: new SlidingWindow(), batches: new SlidingWindow(), inFlight: 0 };
      this.realms.set(realmId, traffic);
    }
    return traffic;
  }

  /** A release function when the request may go on, undefined when QBO would answer 429. */
  admit(realmId: string, isBatch: boolean, limits: RateLimits | null, now: number, windowMs: number): (() => void) | undefined {
    const traffic = this.trafficOf(realmId);
    if (limits) {
      if (traffic.inFlight >= limits.concurrent) return undefined;
      if (traffic.requests.count(now, windowMs) >= limits.perMinute) return undefined;
      if (isBatch && traffic.batches.count(now, windowMs) >= limits.batchPerMinute) return undefined;
      traffic.requests.add(now);
      if (isBatch) traffic.batches.add(now);
    }
    traffic.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      traffic.inFlight -= 1;
    };
  }

  clear(): void {
    this.realms.clear();
  }
}
