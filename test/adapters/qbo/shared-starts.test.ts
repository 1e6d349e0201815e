import { InMemoryQboBudgetStore } from '../../../src/adapters/memory/in-memory-qbo-budget.store';
import { QboRateLimiter } from '../../../src/adapters/qbo/qbo-rate.limiter';
import { SharedStarts } from '../../../src/adapters/qbo/shared-starts';
import type { QboBudgetStore } from '../../../src/application/ports/qbo-budget-store.port';
import type { PaceRule } from '../../../src/domain/qbo/shared-pace';
import { RecordingLogger } from '../../support/recording-logger';

const limits = { perMinute: 1_000, concurrent: 10, batchPerMinute: 100 };
const rule: PaceRule = { singleIntervalMs: 50, singleBurst: 1, batchIntervalMs: 200 };
const now = () => Date.now();

/** A limiter of its own (as in its own process) that takes its starts from `store`. */
const limiterOn = (store: QboBudgetStore, logger = new RecordingLogger()): QboRateLimiter =>
  new QboRateLimiter(limits, 60_000, now, ({ wake, paused }) => new SharedStarts(store, 'tenant-a', '123', rule, 1, now, logger, wake, paused));

const grantTimes = (limiter: QboRateLimiter, count: number): Promise<number>[] =>
  Array.from({ length: count }, () => limiter.acquire('single').then((release) => { release(); return Date.now(); }));

describe('QboRateLimiter on a shared budget', () => {
  it('paces two limiters on one store as one: the k-th start of either comes no earlier than k intervals in', async () => {
    const store = new InMemoryQboBudgetStore();
    const started = Date.now();
    const times = (await Promise.all([...grantTimes(limiterOn(store), 6), ...grantTimes(limiterOn(store), 6)])).sort((a, b) => a - b);
    times.forEach((at, k) => expect(at - started).toBeGreaterThanOrEqual(k * rule.singleIntervalMs - 2));
    // Each alone would have been allowed to finish its six in 250 ms; together they needed the shared 550 ms.
    expect((times[11] as number) - started).toBeGreaterThanOrEqual(11 * rule.singleIntervalMs - 2);
  });

  it('starts singles on their own pace while a batch waits a second for its turn, with nothing else to wake them', async () => {
    const slowBatches: PaceRule = { ...rule, batchIntervalMs: 1_000 };
    const limiter = new QboRateLimiter(limits, 60_000, now, ({ wake, paused }) => new SharedStarts(new InMemoryQboBudgetStore(), 'tenant-a', '123', slowBatches, 1, now, new RecordingLogger(), wake, paused));
    const started = Date.now();
    const order: string[] = [];
    const held: (() => void)[] = [];
    // The batches are released at once; the singles stay in flight, so no answer pumps the limiter in between.
    const batches = ['b1', 'b2'].map((name) => limiter.acquire('batch').then((release) => { order.push(name); release(); }));
    const singles = ['s1', 's2', 's3'].map((name) => limiter.acquire('single').then((release) => { order.push(name); held.push(release); return Date.now() - started; }));
    const singleTimes = await Promise.all(singles);
    await Promise.all(batches);
    held.forEach((release) => release());
    expect(order).toEqual(['b1', 's1', 's2', 's3', 'b2']);
    // One every 50 ms, far from b2's second.
    expect(singleTimes[2]).toBeLessThan(600);
  });

  it("holds every limiter on the store until a 429's wait is over", async () => {
    const store = new InMemoryQboBudgetStore();
    const throttled = limiterOn(store);
    const other = limiterOn(store);
    const until = Date.now() + 400;
    throttled.pause(until);
    const [at] = await Promise.all(grantTimes(other, 1));
    expect(at).toBeGreaterThanOrEqual(until - 2);
  });

  it('waits while the database does not answer, says so once without the error object, and goes on when it answers', async () => {
    const memory = new InMemoryQboBudgetStore();
    let failures = 2;
    const flaky: QboBudgetStore = {
      reserve: async (...args) => {
        if (failures > 0) {
          failures -= 1;
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { config: { password: 'not-for-logs' } });
        }
        return memory.reserve(...args);
      },
      pause: (...args) => memory.pause(...args),
    };
    const logger = new RecordingLogger();
    const limiter = limiterOn(flaky, logger);
    const started = Date.now();
    let granted = false;
    const grant = limiter.acquire('single').then((release) => { granted = true; release(); });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(granted).toBe(false);
    await grant;
    // Two failed reservations, a second apart: nothing started before the third answered.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    const warnings = logger.lines.filter((entry) => entry.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/requests to this company wait/);
    expect(warnings[0]!.context).toMatchObject({ tenantId: 'tenant-a', realmId: '123', error: 'connect ECONNREFUSED 127.0.0.1:3306' });
    expect(JSON.stringify(logger.lines)).not.toContain('not-for-logs');
    expect(logger.lines.some((entry) => entry.level === 'info' && /answers again/.test(entry.message))).toBe(true);
  });

  it('never leaves a request waiting when its start turns stale between two readings of the clock (the burst\'s stuck company)', async () => {
    // Time passes while the limiter thinks: every reading of the clock is a millisecond later than the one before.
    // The first start arrives exactly `lateMs` old, usable at one reading and gone at the next; each later one is fresh.
    for (let late = 245; late <= 255; late += 1) {
      let time = 10_000;
      const clock = (): number => (time += 1);
      let reservations = 0;
      const store: QboBudgetStore = {
        reserve: async () => {
          reservations += 1;
          const answeredAt = (time += 1);
          return { singles: [reservations === 1 ? answeredAt - late : answeredAt], batches: [], pausedUntil: 0 };
        },
        pause: async () => undefined,
      };
      const limiter = new QboRateLimiter(limits, 60_000, clock, ({ wake, paused }) => new SharedStarts(store, 'tenant-a', '123', rule, 1, clock, new RecordingLogger(), wake, paused));
      let granted = false;
      void limiter.acquire('single').then((release) => { granted = true; release(); });
      for (let turn = 0; turn < 20 && !granted; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      expect({ late, granted }).toEqual({ late, granted: true });
    }
  });

  it('uses starts that passed while their reservation was on its way, when the database answers slower than a start may be late', async () => {
    // A loaded machine: every reservation takes 400 ms, longer than `lateMs`, and the pace is idle, so each start is
    // due the moment it was asked for. Counted from its own time each would arrive stale and be asked for again, forever.
    let time = 10_000;
    const clock = (): number => time;
    let reservations = 0;
    const store: QboBudgetStore = {
      reserve: async (_tenant, _realm, _ask, _rule, askedAt) => {
        reservations += 1;
        await new Promise((resolve) => setImmediate(resolve));
        // Bounded, so a limiter that keeps asking ends up waiting on its retry timer instead of spinning past the test.
        if (reservations > 20) throw new Error('asked too often');
        time = askedAt + 400;
        return { singles: [askedAt], batches: [], pausedUntil: 0 };
      },
      pause: async () => undefined,
    };
    const limiter = new QboRateLimiter(limits, 60_000, clock, ({ wake, paused }) => new SharedStarts(store, 'tenant-a', '123', rule, 1, clock, new RecordingLogger(), wake, paused));
    let granted = false;
    void limiter.acquire('single').then((release) => { granted = true; release(); });
    for (let turn = 0; turn < 30 && !granted; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect({ granted, reservations }).toEqual({ granted: true, reservations: 1 });
  });
});
