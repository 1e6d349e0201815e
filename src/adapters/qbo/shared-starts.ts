import type { Logger } from '../../application/ports/logger.port';
import type { QboBudgetStore } from '../../application/ports/qbo-budget-store.port';
import type { PaceRule } from '../../domain/qbo/shared-pace';
import { WakeTimer } from './wake-timer';

export type StartKind = 'single' | 'batch';

/** Real time a reserved start may still be used after its time (the plugin's own hiccups are not scaled). */
export const lateMs = 250;
/** How far ahead a busy process reserves: about a second of the company's pace. */
const blockMs = 1_000;
/** ...and never less than this in real time: a reservation is a real database round trip whatever the time scale. */
const minBlockRealMs = 250;
/** ...and never more starts than this (limits far above QBO's, as tests lift them, would make blocks of thousands). */
const maxBlockStarts = 100;
/** After the database did not answer: wait this long before asking again (requests wait meanwhile). */
const retryMs = 1_000;
/** One warning per outage, then one this often while it lasts. */
const warnEveryMs = 30_000;

/**
 * The starts one process holds of a company's shared budget (docs/adr/0072). When requests wait and the starts at hand
 * will not serve them, it reserves a block (about a second of pace, more when the process used more) with one
 * conditional UPDATE, and the limiter hands them out locally on their times. The database stays off each request's path.
 * Without an answer from the database nothing starts: requests wait (fail safe) and the log says so.
 */
export class SharedStarts {
  private readonly singles: number[] = [];
  private readonly batches: number[] = [];
  /** When this process took its recent starts, to size the next block. */
  private readonly used: { single: number[]; batch: number[] } = { single: [], batch: [] };
  private reserving = false;
  private retryAt = Number.NEGATIVE_INFINITY;
  private outageSince: number | null = null;
  private warnedAt = Number.NEGATIVE_INFINITY;
  private readonly timer = new WakeTimer(() => this.wake());
  private readonly blockSpanMs: number;
  private readonly blockSingles: number;
  private readonly blockBatches: number;

  constructor(
    private readonly store: QboBudgetStore,
    private readonly tenantId: string,
    private readonly realmId: string,
    private readonly rule: PaceRule,
    private readonly timeScale: number,
    private readonly now: () => number,
    private readonly logger: Logger,
    /** Called when starts arrive (or a reservation may be tried again): the limiter looks at its queue. */
    private readonly wake: () => void,
    /** Called with a pause another process wrote. */
    private readonly paused: (untilMs: number) => void,
  ) {
    this.blockSpanMs = Math.max(blockMs * timeScale, minBlockRealMs);
    this.blockSingles = Math.min(maxBlockStarts, Math.max(rule.singleBurst, Math.round(this.blockSpanMs / rule.singleIntervalMs)));
    this.blockBatches = Math.min(maxBlockStarts, Math.max(1, Math.round(this.blockSpanMs / rule.batchIntervalMs)));
  }

  /** When the next start of `kind` at hand may happen; null when none is at hand (wake() follows when one arrives). */
  readyAt(kind: StartKind, now: number): number | null {
    this.forgetStale(now);
    return (kind === 'single' ? this.singles : this.batches)[0] ?? null;
  }

  took(kind: StartKind, now: number): void {
    (kind === 'single' ? this.singles : this.batches).shift();
    this.used[kind].push(now);
  }

  /** `singles` and `batches` requests wait: reserve what the starts at hand will not cover. */
  want(singles: number, batches: number, now: number): void {
    if (this.reserving) return;
    // The timer set when the database failed may fire a moment early on the database's clock: look again at retryAt.
    if (now < this.retryAt) return this.timer.in(this.retryAt - now);
    this.forgetStale(now);
    const ask = { singles: this.shortOf('single', singles, now), batches: this.shortOf('batch', batches, now) };
    if (ask.singles + ask.batches === 0) return;
    this.reserving = true;
    void this.store.reserve(this.tenantId, this.realmId, ask, this.rule, now).then(
      (reserved) => {
        this.reserving = false;
        if (this.outageSince !== null) {
          this.logger.info({ tenantId: this.tenantId, realmId: this.realmId, waitedMs: Math.round(this.now() - this.outageSince) }, 'the shared QBO budget answers again; requests go on');
          this.outageSince = null;
        }
        if (reserved.pausedUntil > now) this.paused(reserved.pausedUntil);
        // A start that passed while the answer was on its way is due on arrival: the database's round trip is not this
        // process being late. Counted from their own times, a database slower than `lateMs` (a loaded machine) sent
        // back only stale starts, and each request asked again and again (40 reservations a write in the burst).
        const arrivedAt = this.now();
        const onArrival = (starts: readonly number[]): number[] => starts.filter((at) => at >= reserved.pausedUntil).map((at) => Math.max(at, arrivedAt));
        this.add(this.singles, onArrival(reserved.singles));
        this.add(this.batches, onArrival(reserved.batches));
        this.wake();
      },
      (error: unknown) => {
        this.reserving = false;
        const at = this.now();
        this.outageSince ??= at;
        this.retryAt = at + retryMs;
        if (at - this.warnedAt >= warnEveryMs) {
          this.warnedAt = at;
          // The error's message only: a driver's error object may carry the connection settings.
          this.logger.warn({ tenantId: this.tenantId, realmId: this.realmId, error: error instanceof Error ? error.message : String(error), waitingForMs: Math.round(at - this.outageSince) }, 'could not reserve QBO requests in the shared budget; requests to this company wait rather than risk going faster than QBO allows');
        }
        this.timer.in(retryMs);
      },
    );
  }


  /** A 429: every process waits until `untilMs`. Written in the background; this process already waits by itself. */
  pause(untilMs: number): void {
    this.drop(this.singles, untilMs);
    this.drop(this.batches, untilMs);
    this.store.pause(this.tenantId, this.realmId, untilMs).catch((error: unknown) => {
      this.logger.warn({ tenantId: this.tenantId, realmId: this.realmId, error: error instanceof Error ? error.message : String(error) }, "could not write QBO's wait to the shared budget; other processes learn of it from QBO");
    });
  }

  /**
   * How many starts of `kind` to reserve now: none while those at hand serve what waits (and, for a process that kept
   * busy, reach half a block ahead, so the next block is there before the last start is used). A busy process takes a
   * whole block, a trickle what waits; never more than two blocks.
   */
  private shortOf(kind: StartKind, waiting: number, now: number): number {
    const used = this.used[kind];
    while (used.length > 0 && (used[0] as number) < now - this.blockSpanMs) used.shift();
    if (waiting === 0) return 0;
    const atHand = kind === 'single' ? this.singles : this.batches;
    const block = kind === 'single' ? this.blockSingles : this.blockBatches;
    const busy = used.length >= block / 2;
    const last = atHand[atHand.length - 1] ?? Number.NEGATIVE_INFINITY;
    if (waiting <= atHand.length && !(busy && last < now + this.blockSpanMs / 2)) return 0;
    return Math.max(1, Math.min(2 * block, Math.max(waiting, busy ? block : 1)) - atHand.length);
  }

  private add(into: number[], starts: readonly number[]): void {
    into.push(...starts);
    into.sort((a, b) => a - b);
  }

  private drop(from: number[], before: number): void {
    while (from.length > 0 && (from[0] as number) < before) from.shift();
  }

  /**
   * A start not used within `lateMs` of its time is gone, and of the starts already due only the last burst's worth
   * stays: used late all at once they would crowd QBO's window and its 10 in flight (a block is many starts at small
   * time scales).
   */
  private forgetStale(now: number): void {
    this.dropDue(this.singles, now, this.rule.singleBurst);
    this.dropDue(this.batches, now, 1);
  }

  private dropDue(from: number[], now: number, keep: number): void {
    this.drop(from, now - lateMs);
    let due = 0;
    while (due < from.length && (from[due] as number) <= now) due += 1;
    if (due > keep) from.splice(0, due - keep);
  }
}
