import type { OutboxChange, OutboxStore } from '../../src/application/ports/outbox-store.port';
import { ClaimExtensions } from '../../src/application/delivery/claim-extensions';
import { ContractClock, uniqueTenant } from './contract-clock';

export interface OutboxFixture {
  readonly store: OutboxStore;
  /** A second store on its own connection pool, as another host process would run it. */
  readonly peer: OutboxStore;
  readonly clock: ContractClock;
  /** Runs `work` inside a host transaction, then commits or rolls it back. */
  hostTransaction(work: (transaction: unknown) => Promise<void>, outcome: 'commit' | 'rollback'): Promise<void>;
}

const lease = 30_000;

export const describeOutboxStoreContract = (name: string, makeFixture: () => Promise<OutboxFixture>): void => {
  describe(`OutboxStore contract: ${name}`, () => {
    let f: OutboxFixture;
    let tenant: string;
    const change = (hostId: string, kind: OutboxChange['kind'] = 'customer'): OutboxChange => ({ tenantId: tenant, kind, hostId });

    beforeEach(async () => {
      f = await makeFixture();
      tenant = uniqueTenant('outbox');
    });

    it('claims an enqueued change with a first attempt, a token and its enqueue time', async () => {
      await f.store.enqueue([change('7')]);
      const [claimed, ...rest] = await f.store.claim(tenant, 10, f.clock.now(), lease);
      expect(rest).toEqual([]);
      expect(claimed).toMatchObject({ tenantId: tenant, kind: 'customer', hostId: '7', attempt: 1, enqueuedAt: f.clock.now() });
      expect(claimed?.attemptToken).toEqual(expect.any(String));
      expect(await f.store.claim(tenant, 10, f.clock.now(), lease)).toEqual([]);
    });

    it('completes a round\'s rows in one write, only those whose token still matches', async () => {
      await f.store.enqueue([change('1'), change('2'), change('3')]);
      const claimed = await f.store.claim(tenant, 10, f.clock.now(), lease);
      const [a, b, c] = claimed;
      expect(await f.store.completeMany([a!, { id: b!.id, attemptToken: 'stale' }, c!].map(({ id, attemptToken }) => ({ id, attemptToken })), f.clock.now())).toBe(2);
      expect(await f.store.completeMany([], f.clock.now())).toBe(0);
      expect(await f.store.complete(a!.id, a!.attemptToken, f.clock.now())).toBe(false);
      expect(await f.store.complete(b!.id, b!.attemptToken, f.clock.now())).toBe(true);
      expect(await f.store.stats(tenant, f.clock.now())).toMatchObject({ pending: 0, failed: 0 });
    });

    it('purges done rows older than a time, a chunk at a time, keeping failed and live ones', async () => {
      await f.store.enqueue([change('1'), change('2'), change('3'), change('4'), change('5')]);
      const [a, b, c, d] = await f.store.claim(tenant, 4, f.clock.now(), lease);
      const settledAt = f.clock.now();
      await f.store.completeMany([a!, b!, c!].map(({ id, attemptToken }) => ({ id, attemptToken })), settledAt);
      await f.store.fail(d!.id, d!.attemptToken, 'refused', settledAt);
      expect(await f.store.purgeDone(settledAt, 10)).toBe(0);
      let purged = 0;
      for (let i = 0; i < 10; i += 1) purged += await f.store.purgeDone(settledAt + 1, 2);
      expect(purged).toBeGreaterThanOrEqual(3);
      expect(await f.store.stats(tenant, f.clock.now())).toMatchObject({ pending: 1, failed: 1 });
      expect(await f.store.requeue(tenant, d!.id, f.clock.now())).toBe(true);
      expect(await f.store.purgeDone(0, 0)).toBe(0);
    });

    it('coalesces pending signals of one record, within a batch and across calls', async () => {
      await f.store.enqueue([change('1'), change('1'), change('1', 'item')]);
      await f.store.enqueue([change('1')]);
      const claimed = await f.store.claim(tenant, 10, f.clock.now(), lease);
      expect(claimed.map((c) => `${c.kind}:${c.hostId}`).sort()).toEqual(['customer:1', 'item:1']);
    });

    it('postpones a held tenant\'s pending rows as a whole, keeping their order and their attempts', async () => {
      const other = uniqueTenant('outbox-other');
      await f.store.enqueue([change('1'), change('2'), { tenantId: other, kind: 'customer', hostId: '9' }]);
      expect(await f.store.readyTenants(f.clock.now(), 1000)).toContain(tenant);
      const until = f.clock.now() + 5_000;
      expect(await f.store.postpone(tenant, until)).toBe(2);
      expect(await f.store.postpone(tenant, until)).toBe(0);
      expect(await f.store.readyTenants(f.clock.now(), 1000)).not.toContain(tenant);
      expect(await f.store.claim(tenant, 10, f.clock.now(), lease)).toEqual([]);
      expect(await f.store.readyTenants(f.clock.now(), 1000)).not.toContain(tenant);
      expect((await f.store.claim(other, 10, f.clock.now(), lease)).map((c) => c.hostId)).toEqual(['9']);
      const claimed = await f.store.claim(tenant, 10, until, lease);
      expect(claimed.map((c) => [c.hostId, c.attempt])).toEqual([['1', 1], ['2', 1]]);
    });

    it('keeps a signal that arrives while the record is being delivered', async () => {
      await f.store.enqueue([change('1')]);
      const [first] = await f.store.claim(tenant, 10, f.clock.now(), lease);
      await f.store.enqueue([change('1')]);
      const [second] = await f.store.claim(tenant, 10, f.clock.now(), lease);
      expect(second?.hostId).toBe('1');
      expect(second?.id).not.toBe(first?.id);
    });

    it('claims oldest first, up to the limit, and only for the tenant asked', async () => {
      const other = uniqueTenant('other');
      await f.store.enqueue([change('a')]);
      f.clock.advance(1);
      await f.store.enqueue([change('b'), { tenantId: other, kind: 'customer', hostId: 'z' }]);
      f.clock.advance(1);
      await f.store.enqueue([change('c')]);
      const firstTwo = await f.store.claim(tenant, 2, f.clock.now(), lease);
      expect(firstTwo.map((c) => c.hostId)).toEqual(['a', 'b']);
      expect((await f.store.claim(tenant, 5, f.clock.now(), lease)).map((c) => c.hostId)).toEqual(['c']);
      expect((await f.store.claim(other, 5, f.clock.now(), lease)).map((c) => c.hostId)).toEqual(['z']);
    });

    it('gives a row back when its lease expires, and fences off the worker that held it', async () => {
      await f.store.enqueue([change('1')]);
      const [stale] = await f.store.claim(tenant, 1, f.clock.now(), lease);
      expect(await f.store.claim(tenant, 1, f.clock.now() + lease - 1, lease)).toEqual([]);
      const [fresh] = await f.store.claim(tenant, 1, f.clock.now() + lease, lease);
      expect(fresh).toMatchObject({ id: stale?.id, attempt: 2 });
      expect(fresh?.attemptToken).not.toBe(stale?.attemptToken);
      const now = f.clock.now() + lease;
      expect(await f.store.complete(stale!.id, stale!.attemptToken, now)).toBe(false);
      expect(await f.store.retryLater(stale!.id, stale!.attemptToken, now, 'late')).toBe(false);
      expect(await f.store.fail(stale!.id, stale!.attemptToken, 'late', now)).toBe(false);
      expect(await f.store.release(stale!.id, stale!.attemptToken, now)).toBe(false);
      expect(await f.store.complete(fresh!.id, fresh!.attemptToken, now)).toBe(true);
      expect(await f.store.complete(fresh!.id, fresh!.attemptToken, now)).toBe(false);
      expect(await f.store.stats(tenant, now)).toEqual({ pending: 0, failing: 0, failed: 0, oldestAgeMs: 0 });
    });

    it('takes rows whose lease expired before pending ones, even pending ones ready earlier', async () => {
      await f.store.enqueue([change('stale'), change('next')]);
      const [stale] = await f.store.claim(tenant, 1, f.clock.now(), lease);
      f.clock.advance(1);
      await f.store.enqueue([change('later')]);
      const afterLease = f.clock.now() + lease;
      expect((await f.store.claim(tenant, 2, afterLease, lease)).map((c) => [c.hostId, c.attempt])).toEqual([
        ['stale', 2],
        ['next', 1],
      ]);
      expect(stale?.hostId).toBe('stale');
      expect((await f.store.claim(tenant, 2, afterLease, lease)).map((c) => c.hostId)).toEqual(['later']);
    });

    it("counts every tenant's changes together in the backlog, naming none", async () => {
      const other = uniqueTenant('outbox-backlog');
      const before = await f.store.backlog(f.clock.now());
      await f.store.enqueue([change('1'), change('2'), { tenantId: other, kind: 'customer', hostId: '9' }]);
      const [claimed] = await f.store.claim(other, 1, f.clock.now(), lease);
      await f.store.fail(claimed!.id, claimed!.attemptToken, 'refused', f.clock.now());
      const after = await f.store.backlog(f.clock.now() + 2_000);
      expect(after.pending - before.pending).toBe(2);
      expect(after.failed - before.failed).toBe(1);
      expect(after.oldestAgeMs).toBeGreaterThanOrEqual(2_000);
      expect(Object.keys(after).sort()).toEqual(['failed', 'failing', 'oldestAgeMs', 'pending']);
    });

    it('retries later: not claimable before, counted as failing, next attempt after', async () => {
      await f.store.enqueue([change('1')]);
      expect(await f.store.readyTenants(f.clock.now(), 1_000)).toContain(tenant);
      const [claimed] = await f.store.claim(tenant, 1, f.clock.now(), lease);
      const later = f.clock.now() + 5_000;
      expect(await f.store.retryLater(claimed!.id, claimed!.attemptToken, later, 'QBO is unavailable')).toBe(true);
      expect(await f.store.stats(tenant, f.clock.now() + 1_000)).toEqual({ pending: 1, failing: 1, failed: 0, oldestAgeMs: 1_000 });
      expect(await f.store.claim(tenant, 1, later - 1, lease)).toEqual([]);
      expect(await f.store.readyTenants(later - 1, 1_000)).not.toContain(tenant);
      expect(await f.store.readyTenants(later, 1_000)).toContain(tenant);
      const [again] = await f.store.claim(tenant, 1, later, lease);
      expect(again).toMatchObject({ id: claimed!.id, attempt: 2 });
    });

    it('coalesces new signals into a row waiting for its retry', async () => {
      await f.store.enqueue([change('1')]);
      const [claimed] = await f.store.claim(tenant, 1, f.clock.now(), lease);
      await f.store.retryLater(claimed!.id, claimed!.attemptToken, f.clock.now(), 'throttled');
      await f.store.enqueue([change('1')]);
      expect((await f.store.stats(tenant, f.clock.now())).pending).toBe(1);
    });

    it('releases without spending an attempt', async () => {
      await f.store.enqueue([change('1')]);
      const [claimed] = await f.store.claim(tenant, 1, f.clock.now(), lease);
      expect(await f.store.release(claimed!.id, claimed!.attemptToken, f.clock.now())).toBe(true);
      const [again] = await f.store.claim(tenant, 1, f.clock.now(), lease);
      expect(again?.attempt).toBe(1);
    });

    it('fails a row for good, and requeues it with a fresh attempt budget for its own tenant only', async () => {
      await f.store.enqueue([change('1')]);
      const [claimed] = await f.store.claim(tenant, 1, f.clock.now(), lease);
      expect(await f.store.fail(claimed!.id, claimed!.attemptToken, 'Duplicate name', f.clock.now())).toBe(true);
      expect(await f.store.stats(tenant, f.clock.now())).toEqual({ pending: 0, failing: 0, failed: 1, oldestAgeMs: 0 });
      expect(await f.store.claim(tenant, 1, f.clock.now() + lease * 10, lease)).toEqual([]);
      expect(await f.store.requeue(uniqueTenant('intruder'), claimed!.id, f.clock.now())).toBe(false);
      expect(await f.store.requeue(tenant, claimed!.id, f.clock.now())).toBe(true);
      expect(await f.store.requeue(tenant, claimed!.id, f.clock.now())).toBe(false);
      const [again] = await f.store.claim(tenant, 1, f.clock.now(), lease);
      expect(again).toMatchObject({ id: claimed!.id, attempt: 1 });
    });

    it('dismisses a failed row handled elsewhere: it leaves the failed count, for its own tenant only, and cannot be requeued', async () => {
      await f.store.enqueue([change('1')]);
      const [claimed] = await f.store.claim(tenant, 1, f.clock.now(), lease);
      expect(await f.store.dismiss(tenant, claimed!.id, f.clock.now())).toBe(false);
      expect(await f.store.fail(claimed!.id, claimed!.attemptToken, 'Duplicate name', f.clock.now())).toBe(true);
      expect(await f.store.dismiss(uniqueTenant('intruder'), claimed!.id, f.clock.now())).toBe(false);
      expect(await f.store.dismiss(tenant, claimed!.id, f.clock.now())).toBe(true);
      expect(await f.store.dismiss(tenant, claimed!.id, f.clock.now())).toBe(false);
      expect(await f.store.stats(tenant, f.clock.now())).toEqual({ pending: 0, failing: 0, failed: 0, oldestAgeMs: 0 });
      expect(await f.store.requeue(tenant, claimed!.id, f.clock.now())).toBe(false);
      expect(await f.store.claim(tenant, 1, f.clock.now() + lease * 10, lease)).toEqual([]);
    });

    it('answers false, not an error, for ids that name no row', async () => {
      for (const id of ['0', 'abc', '-1', '1; DROP TABLE x', '99999999999']) {
        expect(await f.store.complete(id, 'token', f.clock.now())).toBe(false);
        expect(await f.store.requeue(tenant, id, f.clock.now())).toBe(false);
        expect(await f.store.dismiss(tenant, id, f.clock.now())).toBe(false);
      }
    });

    it('lists ready tenants oldest first, including expired leases', async () => {
      const [a, b, c] = [uniqueTenant('a'), uniqueTenant('b'), uniqueTenant('c')];
      await f.store.enqueue([{ tenantId: b, kind: 'item', hostId: '1' }]);
      f.clock.advance(10);
      await f.store.enqueue([{ tenantId: a, kind: 'item', hostId: '1' }, { tenantId: c, kind: 'item', hostId: '1' }]);
      await f.store.claim(c, 1, f.clock.now(), lease);
      const ready = (await f.store.readyTenants(f.clock.now(), 1_000)).filter((t) => [a, b, c].includes(t));
      expect(ready).toEqual([b, a]);
      const later = (await f.store.readyTenants(f.clock.now() + lease, 1_000)).filter((t) => [a, b, c].includes(t));
      expect(later).toEqual([b, a, c]);
    });

    it('names a tenant once a change is enqueued, and no longer once all its rows are done', async () => {
      expect(await f.store.readyTenants(f.clock.now(), 1_000)).not.toContain(tenant);
      await f.store.enqueue([change('1'), change('2')]);
      expect(await f.store.readyTenants(f.clock.now(), 1_000)).toContain(tenant);
      const [a, b] = await f.store.claim(tenant, 10, f.clock.now(), lease);
      expect(await f.store.readyTenants(f.clock.now(), 1_000)).not.toContain(tenant);
      await f.store.complete(a!.id, a!.attemptToken, f.clock.now());
      await f.store.completeMany([{ id: b!.id, attemptToken: b!.attemptToken }], f.clock.now());
      // Past the lease the rows would have had: nothing of the tenant is live any more.
      expect(await f.store.readyTenants(f.clock.now() + lease * 2, 1_000)).not.toContain(tenant);
    });

    it('names a tenant whose failed row is requeued, and not while it is only failed', async () => {
      await f.store.enqueue([change('1')]);
      const [claimed] = await f.store.claim(tenant, 1, f.clock.now(), lease);
      await f.store.fail(claimed!.id, claimed!.attemptToken, 'refused', f.clock.now());
      expect(await f.store.readyTenants(f.clock.now() + lease * 2, 1_000)).not.toContain(tenant);
      expect(await f.store.requeue(tenant, claimed!.id, f.clock.now())).toBe(true);
      expect(await f.store.readyTenants(f.clock.now(), 1_000)).toContain(tenant);
    });

    it('names a tenant when a row released before its lease ends is due, not at the lease end', async () => {
      await f.store.enqueue([change('1')]);
      expect(await f.store.readyTenants(f.clock.now(), 1_000)).toContain(tenant);
      const [claimed] = await f.store.claim(tenant, 1, f.clock.now(), lease);
      const due = f.clock.now() + 1_000;
      await f.store.release(claimed!.id, claimed!.attemptToken, due);
      expect(await f.store.readyTenants(due - 1, 1_000)).not.toContain(tenant);
      expect(await f.store.readyTenants(due, 1_000)).toContain(tenant);
    });

    it('names a tenant at the end of an extended lease, not at the end of the first one', async () => {
      await f.store.enqueue([change('1')]);
      expect(await f.store.readyTenants(f.clock.now(), 1_000)).toContain(tenant);
      const [claimed] = await f.store.claim(tenant, 1, f.clock.now(), lease);
      expect(await f.store.extendClaim(tenant, claimed!.attemptToken, f.clock.now() + lease * 2)).toBe(1);
      expect(await f.store.readyTenants(f.clock.now() + lease, 1_000)).not.toContain(tenant);
      expect(await f.store.readyTenants(f.clock.now() + lease * 2, 1_000)).toContain(tenant);
    });

    it("extends several tenants' claims to one end together, and only rows still claimed with their tokens", async () => {
      const other = uniqueTenant('outbox-other');
      await f.store.enqueue([change('1'), change('2'), { tenantId: other, kind: 'customer', hostId: '1' }]);
      const [first, second] = await f.store.claim(tenant, 2, f.clock.now(), lease);
      const [others] = await f.store.claim(other, 1, f.clock.now(), lease);
      await f.store.complete(second!.id, second!.attemptToken, f.clock.now());
      const until = f.clock.now() + lease * 2;
      // Through ClaimExtensions, as the heartbeat asks: one write when the store has extendClaims, one per claim if not.
      const extensions = new ClaimExtensions(f.store);
      await Promise.all([extensions.extend(tenant, first!.attemptToken, until), extensions.extend(other, others!.attemptToken, until), extensions.extend(other, 'stale', until)]);
      for (const named of [tenant, other]) {
        expect(await f.store.readyTenants(f.clock.now() + lease, 1_000)).not.toContain(named);
        expect(await f.store.readyTenants(until, 1_000)).toContain(named);
      }
      // The extended rows are still the round's own: it completes them with its tokens.
      expect(await f.store.complete(first!.id, first!.attemptToken, f.clock.now())).toBe(true);
      expect(await f.store.complete(others!.id, others!.attemptToken, f.clock.now())).toBe(true);
      expect(await f.store.readyTenants(until, 1_000)).not.toContain(tenant);
    });

    it('names no tenant for a signal its host rolled back', async () => {
      await f.hostTransaction((trx) => f.store.enqueue([change('rolled-back')], trx), 'rollback');
      expect(await f.store.readyTenants(f.clock.now(), 1_000)).not.toContain(tenant);
      await f.hostTransaction((trx) => f.store.enqueue([change('committed')], trx), 'commit');
      expect(await f.store.readyTenants(f.clock.now(), 1_000)).toContain(tenant);
    });

    it('reports the age of the oldest undelivered row', async () => {
      await f.store.enqueue([change('1')]);
      f.clock.advance(2_000);
      await f.store.enqueue([change('2')]);
      expect(await f.store.stats(tenant, f.clock.now() + 500)).toEqual({ pending: 2, failing: 0, failed: 0, oldestAgeMs: 2_500 });
    });

    it('commits the signal with the host transaction and drops it on rollback', async () => {
      await f.hostTransaction((trx) => f.store.enqueue([change('rolled-back')], trx), 'rollback');
      await f.hostTransaction((trx) => f.store.enqueue([change('committed')], trx), 'commit');
      const claimed = await f.store.claim(tenant, 10, f.clock.now(), lease);
      expect(claimed.map((c) => c.hostId)).toEqual(['committed']);
    });

    it('never hands the same row to two concurrent claimers', async () => {
      const ids = Array.from({ length: 60 }, (_, i) => String(i + 1));
      await f.store.enqueue(ids.map((id) => change(id)));
      const drain = async (store: OutboxStore): Promise<string[]> => {
        const got: string[] = [];
        for (;;) {
          const batch = await store.claim(tenant, 4, f.clock.now(), lease);
          if (batch.length === 0) return got;
          got.push(...batch.map((c) => c.hostId));
        }
      };
      const results = await Promise.all([drain(f.store), drain(f.peer), drain(f.store), drain(f.peer)]);
      const all = results.flat();
      expect(all.sort()).toEqual([...ids].sort());
    });
  });
};
