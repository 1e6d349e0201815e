/// <reference types="jest" />
// Jest's globals type-check this file; the emitted typings do not carry the reference (see host-directory.contract.ts).
import type { QboBudgetStore } from '../application/ports/qbo-budget-store.port';
import type { PaceRule } from '../domain/qbo/shared-pace';
import { uniqueTenant } from './contract-clock';
import { requireJestGlobals } from './jest-globals';

export interface QboBudgetStoreFixture {
  readonly store: QboBudgetStore;
  /** Another process's adapter on the same data (the same object for an in-memory store). */
  readonly peer: QboBudgetStore;
}

const rule: PaceRule = { singleIntervalMs: 100, singleBurst: 3, batchIntervalMs: 1_000 };
const now = 1_700_000_000_000;
const realm = '9130350000000001';

/** GCRA's promise: any k + burst − 1 starts span at least k intervals (give or take float rounding). */
const expectPaced = (starts: readonly number[], interval: number, burst: number): void => {
  const sorted = [...starts].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += 1) {
    for (let j = i + 1; j < sorted.length; j += 1) expect((sorted[j] as number) - (sorted[i] as number)).toBeGreaterThanOrEqual((j - i - (burst - 1)) * interval - 1e-6);
  }
};

/**
 * The QboBudgetStore contract (docs/adr/0072): every adapter hands out one company's starts on the rule's pace, never
 * the same start twice whichever process asks, and keeps a pause for everyone. A host binding its own store runs it.
 */
export const describeQboBudgetStoreContract = (name: string, makeFixture: () => Promise<QboBudgetStoreFixture>): void => {
  requireJestGlobals('describeQboBudgetStoreContract');
  describe(`QboBudgetStore contract: ${name}`, () => {
    let f: QboBudgetStoreFixture;
    let tenant: string;
    beforeEach(async () => {
      f = await makeFixture();
      tenant = uniqueTenant('budget');
    });

    it('lets a burst start at once after a quiet spell, then one start per interval', async () => {
      const reserved = await f.store.reserve(tenant, realm, { singles: 6, batches: 0 }, rule, now);
      expect(reserved.singles).toEqual([now, now, now, now + 100, now + 200, now + 300]);
      expect(reserved.batches).toEqual([]);
      expect(reserved.pausedUntil).toBe(0);
    });

    it('goes on from where the last reservation of any process left off', async () => {
      const first = await f.store.reserve(tenant, realm, { singles: 5, batches: 0 }, rule, now);
      const second = await f.peer.reserve(tenant, realm, { singles: 3, batches: 0 }, rule, now + 10);
      expect(first.singles).toEqual([now, now, now, now + 100, now + 200]);
      expect(second.singles).toEqual([now + 300, now + 400, now + 500]);
    });

    it('paces batches on their own interval, apart from single requests', async () => {
      const reserved = await f.store.reserve(tenant, realm, { singles: 2, batches: 3 }, rule, now);
      expect(reserved.batches).toEqual([now, now + 1_000, now + 2_000]);
      expect(reserved.singles).toEqual([now, now]);
    });

    it('never hands out the same start twice when processes reserve at the same moment', async () => {
      const asks = Array.from({ length: 12 }, (_, n) => (n % 2 ? f.peer : f.store).reserve(tenant, realm, { singles: 4, batches: 1 }, rule, now + n));
      const reservations = await Promise.all(asks);
      const singles = reservations.flatMap((r) => r.singles);
      const batches = reservations.flatMap((r) => r.batches);
      expect(singles).toHaveLength(48);
      expectPaced(singles, rule.singleIntervalMs, rule.singleBurst);
      expectPaced(batches, rule.batchIntervalMs, 1);
      // 48 singles at 100 ms after a burst of 3 end 4.5 s on: nothing was lost to a race either.
      expect(Math.max(...singles)).toBeLessThanOrEqual(now + 45 * rule.singleIntervalMs + 12);
    });

    it("keeps a 429's pause for every process, and never shortens it", async () => {
      await f.store.reserve(tenant, realm, { singles: 1, batches: 0 }, rule, now);
      await f.store.pause(tenant, realm, now + 60_000);
      await f.peer.pause(tenant, realm, now + 30_000);
      const reserved = await f.peer.reserve(tenant, realm, { singles: 2, batches: 1 }, rule, now + 1_000);
      expect(reserved.pausedUntil).toBe(now + 60_000);
      expect(Math.min(...reserved.singles, ...reserved.batches)).toBeGreaterThanOrEqual(now + 60_000);
    });

    it('keeps tenants and companies apart', async () => {
      await f.store.reserve(tenant, realm, { singles: 10, batches: 2 }, rule, now);
      await f.store.pause(tenant, realm, now + 60_000);
      const otherTenant = await f.peer.reserve(uniqueTenant('other'), realm, { singles: 1, batches: 1 }, rule, now);
      const otherRealm = await f.peer.reserve(tenant, '9130350000000002', { singles: 1, batches: 1 }, rule, now);
      for (const reserved of [otherTenant, otherRealm]) expect(reserved).toEqual({ singles: [now], batches: [now], pausedUntil: 0 });
    });
  });
};
