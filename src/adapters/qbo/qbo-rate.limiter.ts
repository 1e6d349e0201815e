import type { Logger } from '../../application/ports/logger.port';
import type { QboBudgetStore } from '../../application/ports/qbo-budget-store.port';
import { paceRule } from '../../domain/qbo/shared-pace';
import type { QboLimits } from './qbo-options';
import { lateMs, SharedStarts } from './shared-starts';
import { WakeTimer } from './wake-timer';

export type RequestKind = 'single' | 'batch';

/** Singles that may start at once from the shared budget: in flight stays near this + latency ÷ interval (docs/adr/0072). */
const sharedBurst = 4;

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
  private readonly timer = new WakeTimer(() => this.pump());

  private readonly requestInterval: number;
  private readonly batchInterval: number;
  /** The company's budget shared with other processes: its starts replace this process's own pace. */
  private readonly shared: SharedStarts | null;

  constructor(
    private readonly limits: QboLimits,
    private readonly windowMs: number,
    private readonly now: () => number,
    share?: (limiter: { wake: () => void; paused: (untilMs: number) => void }) => SharedStarts,
  ) {
    this.requestInterval = windowMs / limits.perMinute;
    this.batchInterval = windowMs / limits.batchPerMinute;
    this.shared = share ? share({ wake: () => this.pump(), paused: (untilMs) => this.pauseHere(untilMs) }) : null;
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

  /** QBO answered 429: nothing starts before `untilMs`, in this process and (with a shared budget) in every other. */
  pause(untilMs: number): void {
    this.pauseHere(untilMs);
    this.shared?.pause(untilMs);
  }

  private pauseHere(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  private pump(): void {
    for (;;) {
      const now = this.now();
      this.forget(now);
      this.askShared(now);
      const next = this.nextReady(now);
      if (next === null) return;
      this.waiting.splice(next, 1).forEach((waiter) => this.grant(waiter));
    }
  }

  /**
   * Asks the shared budget for what waits, at the same reading of the clock as the look that follows: a start usable at
   * one reading and stale at the next left its waiter with no start and no reservation coming, and nothing pumped
   * again (the three-process burst's company that kept its lease and 20 rows for minutes, docs/performance.md).
   */
  private askShared(now: number): void {
    if (!this.shared || this.waiting.length === 0) return;
    const batches = this.waiting.filter((waiter) => waiter.kind === 'batch').length;
    this.shared.want(this.waiting.length - batches, batches, now);
  }

  /**
   * The first waiter that may start now. A batch held only by the batch budget does not hold up the single
   * requests behind it (they have budget of their own: QBO allows 500 requests but only 40 batches a minute);
   * anything else that holds the first waiter holds everyone, so order is kept. The wake-up is for the earliest of
   * the waiters looked at, the first single behind a batch included (docs/adr/0088): woken only for the batch, singles
   * started only when an answer came back, two every ~300 ms at real pace instead of one on each start's time.
   */
  private nextReady(now: number): number | null {
    let wakeAt = Infinity;
    for (let index = 0; index < this.waiting.length; index += 1) {
      const waiter = this.waiting[index] as Waiter;
      const readyAt = this.readyAt(waiter.kind, now);
      if (readyAt === 'busy') return null; // a release pumps again
      // 'unreserved': no shared start at hand yet; the reservation's answer pumps again.
      if (readyAt !== 'unreserved' && readyAt <= now) return index;
      if (readyAt !== 'unreserved') wakeAt = Math.min(wakeAt, readyAt);
      if (waiter.kind === 'single' || !this.singlesGoBefore(readyAt, now)) break;
    }
    if (wakeAt !== Infinity) this.timer.in(wakeAt - now);
    return null;
  }

  /**
   * Whether singles may pass a waiting batch that is due at `batchAt`: they can start sooner than it, so what holds
   * the batch is the batch budget alone. Singles with no shared start at hand are held by their own reservation, not
   * by the batch.
   */
  private singlesGoBefore(batchAt: number | 'unreserved', now: number): boolean {
    const singleAt = this.readyAt('single', now);
    if (singleAt === 'busy') return false;
    if (singleAt === 'unreserved') return true;
    return batchAt === 'unreserved' || singleAt < batchAt;
  }

  private grant(waiter: Waiter): void {
    const now = this.now();
    if (this.shared) {
      this.shared.took(waiter.kind, now);
    } else {
      this.requestPace = Math.max(this.requestPace, now) + this.requestInterval;
      if (waiter.kind === 'batch') this.batchPace = Math.max(this.batchPace, now) + this.batchInterval;
    }
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

  private readyAt(kind: RequestKind, now: number): number | 'busy' | 'unreserved' {
    if (this.inFlight >= this.limits.concurrent) return 'busy';
    const paced = this.shared ? this.shared.readyAt(kind, now) : this.localPace(kind);
    if (paced === null) return 'unreserved';
    // The window count keeps this process's own minute exact whatever the pace says.
    let at = Math.max(now, this.pausedUntil, paced);
    if (this.starts.length >= this.limits.perMinute) at = Math.max(at, this.freedAt(this.starts));
    if (kind === 'batch' && this.batchStarts.length >= this.limits.batchPerMinute) at = Math.max(at, this.freedAt(this.batchStarts));
    return at === Infinity ? 'busy' : at;
  }

  /**
   * This process's own pace, when no budget is shared. A sender that fell behind may catch up by fewer than `concurrent`
   * requests and one batch: more would fill every slot at once, and QBO, which frees a slot a moment after its answer
   * left, then refuses the next one (a 429, and Intuit's 60 s wait). The plugin's own hiccups (database work, a
   * collection) last real milliseconds whatever the time scale, so a sender may also catch up on the last `catchUpMs`.
   */
  private localPace(kind: RequestKind): number {
    const request = this.requestPace - Math.max((this.limits.concurrent - 1) * this.requestInterval, catchUpMs);
    return kind === 'batch' ? Math.max(request, this.batchPace - Math.max(this.batchInterval, catchUpMs)) : request;
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

}

const limiters = new Map<string, QboRateLimiter>();
const sharingLimiters = new WeakMap<QboBudgetStore, Map<string, QboRateLimiter>>();

/** A company's budget kept with every other process of the host (docs/adr/0072), and where to say it is unreachable. */
export interface SharedBudget {
  readonly store: QboBudgetStore;
  readonly logger: Logger;
}

/**
 * The limiter of one tenant's connection to one realm, shared by every gateway call of that tenant that reaches it
 * through the same API URL with the same limits (two emulators in one test process can hand out the same realm id).
 * Keyed by the tenant as well as by the realm QBO confirmed (docs/adr/0005): no other tenant's traffic, nor a 429 it
 * met, ever spends or pauses this tenant's budget. Without a shared budget it is process-wide and its pace is this
 * process's; with one, it belongs to that budget's plugin instance and takes its starts from the budget.
 */
export const realmLimiter = (apiBaseUrl: string, realmId: string, tenantId: string, limits: QboLimits, timeScale: number, now: () => number, budget?: SharedBudget): QboRateLimiter => {
  let registry = limiters;
  if (budget) {
    registry = sharingLimiters.get(budget.store) ?? new Map<string, QboRateLimiter>();
    sharingLimiters.set(budget.store, registry);
  }
  const key = JSON.stringify([apiBaseUrl, realmId, tenantId, limits, timeScale]);
  let limiter = registry.get(key);
  if (!limiter) {
    const windowMs = 60_000 * timeScale;
    // In flight across processes stays near the burst + latency ÷ interval: half the concurrency limit for the burst.
    const rule = paceRule(limits, windowMs, lateMs * timeScale, Math.max(1, Math.min(sharedBurst, Math.floor(limits.concurrent / 2))));
    const share = budget
      ? ({ wake, paused }: { wake: () => void; paused: (untilMs: number) => void }) => new SharedStarts(budget.store, tenantId, realmId, rule, timeScale, now, budget.logger, wake, paused)
      : undefined;
    limiter = new QboRateLimiter(limits, windowMs, now, share);
    registry.set(key, limiter);
  }
  return limiter;
};
