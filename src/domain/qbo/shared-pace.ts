/**
 * One QBO company's pace kept by every process that talks to it (docs/adr/0072): GCRA over the database's clock.
 * `singleAt` and `batchAt` are the theoretical arrival times of the next single request and the next batch; a start
 * may happen from its theoretical time minus the burst allowance on, and moves that time on by one interval.
 */
export interface PaceState {
  readonly singleAt: number;
  readonly batchAt: number;
  /** A 429 seen by any process: nobody starts before this. */
  readonly pausedUntil: number;
}

export interface PaceRule {
  readonly singleIntervalMs: number;
  /** How many single requests may start at once after a quiet spell (1 = none at once). */
  readonly singleBurst: number;
  readonly batchIntervalMs: number;
}

export interface PaceLimits {
  readonly perMinute: number;
  readonly batchPerMinute: number;
}

/** A company no process has started anything for yet (0 is long past on any clock). */
export const idlePace: PaceState = { singleAt: 0, batchAt: 0, pausedUntil: 0 };

/**
 * The rule for QBO's per-minute limits over a window of `windowMs`. Singles get what batches leave of the request budget
 * (batches count against both; at most half of it), so the two paces can never add up to more than `perMinute`. A start may fire up to
 * `lateMs` after its time, and the burst lets `singleBurst` go at once: both are taken off the budget, so any window
 * of QBO's holds at most `perMinute` starts (and `batchPerMinute` batches) whoever sends them.
 */
export const paceRule = (limits: PaceLimits, windowMs: number, lateMs: number, singleBurst: number): PaceRule => {
  // A batch limit that does not bind (as high as the request limit, say) still leaves singles half the requests.
  const batches = Math.max(1, Math.floor(Math.min(limits.batchPerMinute, limits.perMinute / 2)));
  const singles = Math.max(1, limits.perMinute - batches);
  const burst = Math.max(1, Math.min(singleBurst, Math.floor(singles / 4)));
  // Whole numbers of starts per window, and a hair more than the exact interval, so float rounding never fits one more in.
  const interval = (count: number): number => (windowMs + lateMs) / count + 1e-6;
  return { singleIntervalMs: interval(Math.max(1, singles - (burst - 1))), singleBurst: burst, batchIntervalMs: interval(batches) };
};

export interface StartAsk {
  readonly singles: number;
  readonly batches: number;
}

export interface ReservedStarts {
  readonly state: PaceState;
  /** When each reserved start may happen, in order. */
  readonly singles: readonly number[];
  readonly batches: readonly number[];
}

/** Reserves `ask` starts at `now`: their times, and the state that every later reservation starts from. */
export const reserveStarts = (state: PaceState, ask: StartAsk, rule: PaceRule, now: number): ReservedStarts => {
  const from = Math.max(now, state.pausedUntil);
  const take = (at: number, interval: number, tolerance: number, count: number): { at: number; starts: number[] } => {
    const starts: number[] = [];
    let next = at;
    for (let n = 0; n < count; n += 1) {
      const start = Math.max(from, next - tolerance);
      starts.push(start);
      next = Math.max(next, start) + interval;
    }
    return { at: next, starts };
  };
  const singles = take(state.singleAt, rule.singleIntervalMs, (rule.singleBurst - 1) * rule.singleIntervalMs, Math.max(0, Math.floor(ask.singles)));
  const batches = take(state.batchAt, rule.batchIntervalMs, 0, Math.max(0, Math.floor(ask.batches)));
  return { state: { singleAt: singles.at, batchAt: batches.at, pausedUntil: state.pausedUntil }, singles: singles.starts, batches: batches.starts };
};

/** A pause never shortens one already there. */
export const pausedPace = (state: PaceState, untilMs: number): PaceState => ({ ...state, pausedUntil: Math.max(state.pausedUntil, untilMs) });
