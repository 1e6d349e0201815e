import fc from 'fast-check';
import { QboRateLimiter } from '../../../src/adapters/qbo/qbo-rate.limiter';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
const settle = async () => { await Promise.resolve(); await Promise.resolve(); };

/**
 * A limiter on fake timers with a clock the test moves: `take` asks for a start and records the grant in
 * `granted` (releasing at once), `advanceTo` moves both the clock and the timers.
 */
const onFakeTime = async (limits: { concurrent: number; perMinute: number; batchPerMinute: number }, run: (t: {
  limiter: QboRateLimiter;
  granted: string[];
  take: (name: string, kind: 'single' | 'batch') => void;
  advanceTo: (ms: number) => Promise<void>;
}) => Promise<void>): Promise<void> => {
  jest.useFakeTimers();
  try {
    let now = 0;
    const limiter = new QboRateLimiter(limits, 1000, () => now);
    const granted: string[] = [];
    const take = (name: string, kind: 'single' | 'batch') => void limiter.acquire(kind).then((release) => { granted.push(name); release(); });
    const advanceTo = async (ms: number) => {
      const step = ms - now;
      now = ms;
      jest.advanceTimersByTime(step);
      await settle();
    };
    await run({ limiter, granted, take, advanceTo });
  } finally {
    jest.useRealTimers();
  }
};

describe('QboRateLimiter', () => {
  it('never lets more than `concurrent` requests in flight, whatever the order of releases', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(fc.nat(), { minLength: 1, maxLength: 25 }), async (concurrent, picks) => {
        // Time moves a second per look, so neither the window nor the pace ever holds a start: only `concurrent` does.
        let time = 0;
        const limiter = new QboRateLimiter({ concurrent, perMinute: 1000, batchPerMinute: 1000 }, 60_000, () => (time += 1000));
        const held: (() => void)[] = [];
        let granted = 0;
        for (let i = 0; i < picks.length; i++) void limiter.acquire('single').then((release) => { granted += 1; held.push(release); });
        await flush();
        for (const pick of picks) {
          expect(held.length).toBeLessThanOrEqual(concurrent);
          const index = pick % Math.max(held.length, 1);
          held.splice(index, 1)[0]?.();
          await flush();
        }
        while (held.length > 0) { held.pop()?.(); await flush(); }
        expect(granted).toBe(picks.length);
      }),
      { numRuns: 50 },
    );
  });

  it('holds starts beyond the per-window budget until the window has moved on', () =>
    onFakeTime({ concurrent: 10, perMinute: 2, batchPerMinute: 1 }, async ({ granted, take, advanceTo }) => {
      for (const name of ['a', 'b', 'c']) take(name, 'single');
      await settle();
      expect(granted).toEqual(['a', 'b']);
      await advanceTo(1000);
      expect(granted).toEqual(['a', 'b', 'c']);
    }));

  it('counts batches against their own, smaller budget and pauses everyone after a 429', () =>
    onFakeTime({ concurrent: 10, perMinute: 100, batchPerMinute: 1 }, async ({ limiter, granted, take, advanceTo }) => {
      take('batch-1', 'batch');
      take('batch-2', 'batch');
      await settle();
      expect(granted).toEqual(['batch-1']);
      limiter.pause(5000);
      await advanceTo(1000);
      expect(granted).toEqual(['batch-1']);
      await advanceTo(5000);
      expect(granted).toEqual(['batch-1', 'batch-2']);
    }));

  it('lets single requests pass a batch that waits for the batch budget only, and keeps the batch first once it may go', () =>
    onFakeTime({ concurrent: 10, perMinute: 100, batchPerMinute: 1 }, async ({ granted, take, advanceTo }) => {
      take('batch-1', 'batch');
      take('batch-2', 'batch');
      take('single-1', 'single');
      take('single-2', 'single');
      await settle();
      expect(granted).toEqual(['batch-1', 'single-1', 'single-2']);
      await advanceTo(1000);
      expect(granted).toEqual(['batch-1', 'single-1', 'single-2', 'batch-2']);
    }));

  it('wakes a single waiting behind a batch on its own time, not the batch\'s', () =>
    onFakeTime({ concurrent: 2, perMinute: 6, batchPerMinute: 2 }, async ({ granted, take, advanceTo }) => {
      // 1,000 ms windows: a request every 166.7 ms (250 ms of catch-up), two batches a window. b1 and b2 go at once;
      // b3 waits for the batch budget until b1 leaves the window at 1,000 ms, s1 for the request pace until 83.3 ms.
      for (const name of ['b1', 'b2', 'b3']) take(name, 'batch');
      take('s1', 'single');
      take('s2', 'single');
      await settle();
      expect(granted).toEqual(['b1', 'b2']);
      // Nothing is released or asked for meanwhile: only the limiter's own timer can start s1 and s2 on their times.
      await advanceTo(84);
      expect(granted).toEqual(['b1', 'b2', 's1']);
      await advanceTo(250);
      expect(granted).toEqual(['b1', 'b2', 's1', 's2']);
      await advanceTo(1000);
      expect(granted).toEqual(['b1', 'b2', 's1', 's2', 'b3']);
    }));

  it('paces requests evenly over the window, letting a sender that fell behind catch up on 250 ms only', () =>
    onFakeTime({ concurrent: 2, perMinute: 6, batchPerMinute: 6 }, async ({ granted, take, advanceTo }) => {
      // 1,000 ms windows: a request every 166.7 ms; after a quiet spell the pace may be 250 ms ahead of the clock.
      for (const name of ['s1', 's2', 's3', 's4']) take(name, 'single');
      await settle();
      expect(granted).toEqual(['s1', 's2']);
      await advanceTo(83);
      expect(granted).toEqual(['s1', 's2']);
      await advanceTo(84);
      expect(granted).toEqual(['s1', 's2', 's3']);
      await advanceTo(249);
      expect(granted).toEqual(['s1', 's2', 's3']);
      await advanceTo(250);
      expect(granted).toEqual(['s1', 's2', 's3', 's4']);
    }));

  it('paces batches at their own, slower pace while single requests go on', () =>
    onFakeTime({ concurrent: 10, perMinute: 600, batchPerMinute: 4 }, async ({ granted, take, advanceTo }) => {
      // 1,000 ms windows: a batch every 250 ms, requests every 1.7 ms.
      // One batch may run ahead of the pace after a quiet spell.
      take('b1', 'batch');
      take('b2', 'batch');
      take('b3', 'batch');
      take('s1', 'single');
      await settle();
      expect(granted).toEqual(['b1', 'b2', 's1']);
      await advanceTo(249);
      expect(granted).toEqual(['b1', 'b2', 's1']);
      await advanceTo(250);
      expect(granted).toEqual(['b1', 'b2', 's1', 'b3']);
    }));

  it('keeps single requests behind a batch when what holds the batch holds them too', () =>
    onFakeTime({ concurrent: 10, perMinute: 1, batchPerMinute: 5 }, async ({ granted, take, advanceTo }) => {
      take('single-1', 'single');
      take('batch-1', 'batch');
      take('single-2', 'single');
      await settle();
      expect(granted).toEqual(['single-1']);
      await advanceTo(1000);
      expect(granted).toEqual(['single-1', 'batch-1']);
    }));
});
