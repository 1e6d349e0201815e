import { InMemoryTenantLease } from '../../../src/adapters/memory/in-memory-tenant.lease';
import { HeldLease } from '../../../src/application/delivery/held-lease';

const leaseMs = 600;
const beatMs = leaseMs / 3;

/** A lease held for `beats` heartbeats with rows claimed at 0 alongside: where the rows ran out after each extension. */
const holdFor = async (beats: number) => {
  const clock = { now: () => Date.now() };
  const lease = (await HeldLease.take(new InMemoryTenantLease(), clock, 'tenant', 'worker', leaseMs))!;
  let rowsUntil = clock.now() + leaseMs;
  const extensions: number[] = [];
  const runOutAhead: number[] = [];
  lease.renewAlongside(async (until) => {
    extensions.push(clock.now());
    rowsUntil = until;
  }, rowsUntil);
  for (let beat = 0; beat < beats; beat += 1) {
    await jest.advanceTimersByTimeAsync(beatMs);
    runOutAhead.push(rowsUntil - clock.now());
  }
  await lease.release();
  return { extensions, runOutAhead, start: clock.now() - beats * beatMs };
};

describe('HeldLease: the rows claimed alongside the lease', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('are extended every other beat, not at every beat', async () => {
    const { extensions, start } = await holdFor(6);
    expect(extensions.map((at) => at - start)).toEqual([2 * beatMs, 4 * beatMs, 6 * beatMs]);
  });

  it('never run out while the lease is kept: each beat leaves them at least a third of a lease', async () => {
    const { runOutAhead } = await holdFor(12);
    expect(Math.min(...runOutAhead)).toBeGreaterThanOrEqual(beatMs);
  });

  it('are no longer extended once the round lets go of them', async () => {
    const clock = { now: () => Date.now() };
    const lease = (await HeldLease.take(new InMemoryTenantLease(), clock, 'tenant', 'worker', leaseMs))!;
    const extensions: number[] = [];
    lease.renewAlongside(async (until) => void extensions.push(until), clock.now() + leaseMs);
    lease.renewAlongside(null);
    await jest.advanceTimersByTimeAsync(6 * beatMs);
    expect(extensions).toEqual([]);
    expect(lease.held()).toBe(true);
    await lease.release();
  });
});
