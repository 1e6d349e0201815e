import type { QboLimits } from './qbo-options';

export type RequestKind = 'single' | 'batch';

/** Real time a sender may fall behind the pace and still catch up (two requests at QBO's real pace). */
const catchUpMs = 250;

interface Waiter {
  readonly kind: RequestKind;
  readonly grant: (release: () => void) => void;
}

/** The wait for a slot was cut short (the plugin is stopping): no slot was taken. */
export class WaitAborted extends Error {
  constructor(what = 'the wait') {
    super(`${what} was cut short: the plugin is stopping`);
    this.name = 'WaitAborted';
  }
}

/**
 * One realm's budget: at most `concurrent` requests in flight, `perMinute` starts per window (batches count too,
 * the stricter reading of Intuit's limits) and `batchPerMinute` batch starts per window. Waiters go first come,
 * first served, except that single requests pass a batch that waits for the batch budget alone. A 429 pauses
 * everyone until the wait QBO asked for has passed.
 *
 * Starts are also paced: one request every window ÷ `perMinute` and one batch every window ÷ `batchPerMinute`; a
 * sender that fell behind may catch up by `concurrent` − 1 requests (or 250 ms) and one batch (or 250 ms), no more. Without pacing a busy company spends the whole minute's budget in its first
 * 20 s and then stands still for 40 s: at real pace that left a 60 s measurement with whatever part of the stall
 * it caught, and the burst met the concurrency limit at QBO's edge (a 429, then Intuit's 60 s wait). Paced, the
 * same budget flows evenly and in-flight requests stay far below the limit (docs/performance.md).
 */
export class QboRateLimiter {
  private inFlight = 0;
  // A start counts from when its answer came back: QBO counts it on arrival, somewhere in between, so this never runs ahead.
  private readonly starts: { at: number }[] = [];
  private readonly batchStarts: { at: number }[] = [];
  private readonly waiting: Waiter[] = [];
  private pausedUntil = 0;
  /** When the next request (and the next batch) may start on the pace: the theoretical arrival time of GCRA. */
  private requestPace = Number.NEGATIVE_INFINITY;
  private batchPace = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;

  private readonly requestInterval: number;
  private readonly batchInterval: number;

  constructor(
    private readonly limits: QboLimits,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {
    this.requestInterval = windowMs / limits.perMinute;
    this.batchInterval = windowMs / limits.batchPerMinute;
  }

  /**
   * Resolves with the function that gives the slot back; call it once the response is read. When `signal` aborts
   * first, the waiter leaves the queue and the promise rejects with WaitAborted (no slot is taken).
   */
  acquire(kind: RequestKind, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new WaitAborted('the wait for a QBO request slot'));
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiting.indexOf(waiter);
        if (index < 0) return;
        this.waiting.splice(index, 1);
        reject(new WaitAborted('the wait for a QBO request slot'));
        this.pump();
      };
      const waiter: Waiter = {
        kind,
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      this.pump();
    });
  }

  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  private pump(): void {
    for (;;) {
      const now = this.now();
      this.forget(now);
      const next = this.nextReady(now);
      if (next === null) return;
      this.waiting.splice(next, 1).forEach((waiter) => this.grant(waiter));
    }
  }

  /**
   * The first waiter that may start now. A batch held only by the batch budget does not hold up the single
   * requests behind it (they have budget of their own: QBO allows 500 requests but only 40 batches a minute);
   * anything else that holds the first waiter holds everyone, so order is kept.
   */
  private nextReady(now: number): number | null {
    let wakeAt = Infinity;
    for (let index = 0; index < this.waiting.length; index += 1) {
      const waiter = this.waiting[index] as Waiter;
      const readyAt = this.readyAt(waiter.kind, now);
      if (readyAt === 'busy') return null; // a release pumps again
      if (readyAt <= now) return index;
      wakeAt = Math.min(wakeAt, readyAt);
      if (waiter.kind === 'single' || this.readyAt('single', now) !== now) break;
    }
    if (wakeAt !== Infinity) this.wakeAt(wakeAt - now);
    return null;
  }

  private grant(waiter: Waiter): void {
    const now = this.now();
    this.requestPace = Math.max(this.requestPace, now) + this.requestInterval;
    if (waiter.kind === 'batch') this.batchPace = Math.max(this.batchPace, now) + this.batchInterval;
    this.inFlight += 1;
    const start = { at: Infinity };
    this.starts.push(start);
    if (waiter.kind === 'batch') this.batchStarts.push(start);
    let released = false;
    waiter.grant(() => {
      if (released) return;
      released = true;
      start.at = this.now();
      this.inFlight -= 1;
      this.pump();
    });
  }

  private readyAt(kind: RequestKind, now: number): number | 'busy' {
    if (this.inFlight >= this.limits.concurrent) return 'busy';
    // A sender that fell behind may catch up by fewer than `concurrent` requests and one batch: more would fill every
    // slot at once, and QBO, which frees a slot a moment after its answer left, then refuses the next one (a 429, and
    // Intuit's 60 s wait). The window count above keeps the minute's total exact.
    // The plugin's own hiccups (database work, a collection) last real milliseconds whatever the time scale, so a
    // sender may also catch up on what it missed in the last `catchUpMs`.
    let at = Math.max(now, this.pausedUntil, this.requestPace - Math.max((this.limits.concurrent - 1) * this.requestInterval, catchUpMs));
    if (kind === 'batch') at = Math.max(at, this.batchPace - Math.max(this.batchInterval, catchUpMs));
    if (this.starts.length >= this.limits.perMinute) at = Math.max(at, this.freedAt(this.starts));
    if (kind === 'batch' && this.batchStarts.length >= this.limits.batchPerMinute) at = Math.max(at, this.freedAt(this.batchStarts));
    return at === Infinity ? 'busy' : at;
  }

  /** When the oldest finished start leaves the window; 'busy' cases (all still in flight) wait for a release. */
  private freedAt(starts: readonly { at: number }[]): number {
    return Math.min(...starts.map((start) => start.at)) + this.windowMs;
  }

  private forget(now: number): void {
    for (const starts of [this.starts, this.batchStarts]) {
      for (let i = starts.length - 1; i >= 0; i -= 1) if ((starts[i]?.at ?? Infinity) <= now - this.windowMs) starts.splice(i, 1);
    }
  }

  private wakeAt(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, delayMs);
    this.timer.unref();
  }
}

const limiters = new Map<string, QboRateLimiter>();

/**
 * The process-wide limiter of one tenant's connection to one realm, shared by every gateway call of that tenant that
 * reaches it through the same API URL with the same limits (two emulators in one test process can hand out the same
 * realm id). Keyed by the tenant as well as by the realm QBO confirmed (docs/adr/0005): no other tenant's traffic, nor
 * a 429 it met, ever spends or pauses this tenant's budget.
 */
export const realmLimiter = (apiBaseUrl: string, realmId: string, tenantId: string, limits: QboLimits, timeScale: number, now: () => number): QboRateLimiter => {
  const key = JSON.stringify([apiBaseUrl, realmId, tenantId, limits, timeScale]);
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new QboRateLimiter(limits, 60_000 * timeScale, now);
    limiters.set(key, limiter);
  }
  return limiter;
};
