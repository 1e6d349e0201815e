/**
 * The physical limit, computed from the emulator's settings (QBO's own numbers): 500 requests a minute, 10 at a
 * time, 40 batches of up to 30 operations a minute, 300 ms a request. 40 × 30 + 460 = 1,660 entities a minute
 * (27.7/s) at best; one request at a time makes 200 a minute (3.33/s), so the best possible speed-up is 8.3.
 */
import { ceilingPerSecond, naivePerSecond, QBO_LATENCY_MS, QBO_LIMITS } from './support/qbo-ceiling';
import { rounded } from './support/stats';

/** The initial-sync benchmark runs at 1/20 of real time: the windows and the latency shrink 20-fold. */
export const INITIAL_SYNC_TIME_SCALE = 1 / 20;

export const run = async (): Promise<Record<string, number>> => ({
  'initialSync.ceilingPerSecond': rounded(ceilingPerSecond(QBO_LIMITS, QBO_LATENCY_MS, INITIAL_SYNC_TIME_SCALE)),
  'initialSync.ceilingPerSecondFullScale': rounded(ceilingPerSecond(QBO_LIMITS, QBO_LATENCY_MS, 1)),
  'baseline.maxSpeedup': rounded(ceilingPerSecond(QBO_LIMITS, QBO_LATENCY_MS, 1) / naivePerSecond(QBO_LIMITS, QBO_LATENCY_MS, 1)),
});
