import fc from 'fast-check';
import { idlePace, paceRule, reserveStarts, type PaceState } from '../../../src/domain/qbo/shared-pace';

const windowMs = 60_000;
const lateMs = 250;

describe('shared pace (GCRA over the database clock)', () => {
  it("gives QBO's limits 455 singles and 39.8 batches a minute once lateness and the burst are set aside", () => {
    const rule = paceRule({ perMinute: 500, batchPerMinute: 40 }, windowMs, lateMs, 4);
    expect(rule.singleBurst).toBe(4);
    expect(windowMs / rule.singleIntervalMs).toBeCloseTo(455.1, 1);
    expect(windowMs / rule.batchIntervalMs).toBeCloseTo(39.8, 1);
  });

  it('leaves singles half the requests when the batch limit does not bind (limits lifted in tests)', () => {
    const rule = paceRule({ perMinute: 1_000_000, batchPerMinute: 1_000_000 }, windowMs, lateMs, 4);
    expect(windowMs / rule.singleIntervalMs).toBeGreaterThan(400_000);
    expect(windowMs / rule.batchIntervalMs).toBeGreaterThan(400_000);
  });

  it('never lets a window of QBO hold more starts than the limits, whoever reserved them and however late they fire', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 600 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.record({ gapMs: fc.integer({ min: 0, max: 3_000 }), singles: fc.integer({ min: 0, max: 12 }), batches: fc.integer({ min: 0, max: 2 }), lateBy: fc.integer({ min: 0, max: lateMs }) }), { minLength: 1, maxLength: 120 }),
        (perMinute, batchLimit, asks) => {
          const limits = { perMinute, batchPerMinute: Math.min(batchLimit, perMinute - 1) };
          const rule = paceRule(limits, windowMs, lateMs, 4);
          let state: PaceState = idlePace;
          let now = 1_700_000_000_000;
          const singles: number[] = [];
          const batches: number[] = [];
          for (const ask of asks) {
            now += ask.gapMs;
            const reserved = reserveStarts(state, ask, rule, now);
            state = reserved.state;
            // A process fires each start at its time or up to `lateMs` after it.
            singles.push(...reserved.singles.map((at) => at + ask.lateBy));
            batches.push(...reserved.batches.map((at) => at + ask.lateBy));
          }
          const most = (starts: number[]): number => {
            const sorted = [...starts].sort((a, b) => a - b);
            let best = 0;
            for (let i = 0, j = 0; j < sorted.length; j += 1) {
              while ((sorted[i] as number) <= (sorted[j] as number) - windowMs) i += 1;
              best = Math.max(best, j - i + 1);
            }
            return best;
          };
          expect(most(batches)).toBeLessThanOrEqual(Math.max(1, Math.floor(Math.min(limits.batchPerMinute, perMinute / 2))));
          expect(most([...singles, ...batches])).toBeLessThanOrEqual(perMinute);
        },
      ),
      { numRuns: 200 },
    );
  });
});
