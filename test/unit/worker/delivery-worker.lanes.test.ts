import { DeliveryWorker, deliveryWorkerOwnerPrefix } from '../../../src/adapters/worker/delivery-worker';
import type { RunDeliveryRound } from '../../../src/application/delivery/run-delivery-round.use-case';
import type { SweepChanges } from '../../../src/application/delivery/sweep-changes.use-case';
import type { OutboxStore } from '../../../src/application/ports/outbox-store.port';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent };

/**
 * A worker over an outbox that knows only how many rows each company has ready, and rounds that settle one row
 * each; the rounds of `slow` wait until the test lets them go, as a company waiting out QBO's pace would.
 */
const workerOver = (
  pending: Map<string, number>,
  options: { pollMs?: number; tenantConcurrency?: number; heldElsewhere?: Set<string>; backgroundWork?: Promise<void> } = {},
) => {
  let letSlowGo: () => void = () => undefined;
  const slowGate = new Promise<void>((resolve) => (letSlowGo = resolve));
  const rounds: string[] = [];
  const outbox = {
    readyTenants: async () => [...pending].filter(([, rows]) => rows > 0).map(([tenant]) => tenant),
    purgeDone: async () => 0,
    ...(options.backgroundWork ? { backgroundWorkSettled: () => options.backgroundWork } : {}),
  } as unknown as OutboxStore;
  const runRound = {
    execute: async (tenantId: string) => {
      rounds.push(tenantId);
      if (tenantId === 'slow') await slowGate;
      const rows = pending.get(tenantId) ?? 0;
      pending.set(tenantId, Math.max(0, rows - 1));
      return { settled: rows > 0 ? 1 : 0, leased: true };
    },
  } as unknown as RunDeliveryRound;
  const sweep = { execute: async () => ({ tenants: 0, enqueued: 0 }) } as unknown as SweepChanges;
  const worker = new DeliveryWorker(outbox, runRound, sweep, { now: () => Date.now() }, silent, { pollMs: options.pollMs ?? 60_000, tenantConcurrency: options.tenantConcurrency ?? 4, workerId: 'w', sweepMs: 0 }, options.heldElsewhere ? { heldByOthers: async (owner) => (owner === 'w' ? options.heldElsewhere! : new Set()) } : {});
  return { worker, rounds, letSlowGo };
};

const until = async (condition: () => boolean): Promise<void> => {
  for (let tries = 0; !condition(); tries += 1) {
    if (tries > 500) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

describe('the delivery worker lanes', () => {
  it('drives a company with more work again while another company is still waiting on QBO', async () => {
    const pending = new Map([['slow', 1], ['busy', 3]]);
    const { worker, rounds, letSlowGo } = workerOver(pending);
    worker.start();
    // A pass would have waited for `slow` before looking at `busy` again; the lanes do not.
    await until(() => pending.get('busy') === 0);
    expect(pending.get('slow')).toBe(1);
    letSlowGo();
    await until(() => pending.get('slow') === 0);
    await worker.stop();
    expect(rounds.filter((tenant) => tenant === 'busy')).toHaveLength(3);
  });

  it('takes a notified company at once, not at the next poll', async () => {
    const pending = new Map<string, number>();
    const { worker } = workerOver(pending, { pollMs: 60_000 });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    pending.set('quiet', 1);
    worker.wake();
    await until(() => pending.get('quiet') === 0);
    await worker.stop();
  });

  it('stop() waits for the round in flight, then every lane ends', async () => {
    const pending = new Map([['slow', 1]]);
    const { worker, letSlowGo } = workerOver(pending, { pollMs: 60_000 });
    worker.start();
    await until(() => worker.heartbeat().lastRoundAt !== null);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    letSlowGo();
    await stopping;
    expect(pending.get('slow')).toBe(0);
    expect(worker.heartbeat().running).toBe(false);
  });

  it("waits for the store's background work (a fold of signals) when it stops and at the end of a deliverPending pass", async () => {
    let endBackgroundWork: () => void = () => undefined;
    const backgroundWork = new Promise<void>((resolve) => (endBackgroundWork = resolve));
    const pending = new Map([['busy', 1]]);
    const { worker } = workerOver(pending, { backgroundWork });
    let passEnded = false;
    const pass = worker.drainOnce().then((settled) => ((passEnded = true), settled));
    await until(() => pending.get('busy') === 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(passEnded).toBe(false);

    worker.start();
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    endBackgroundWork();
    await expect(pass).resolves.toBe(1);
    await stopping;
  });

  it('leaves a company another worker holds to that worker, and takes it once that worker lets go', async () => {
    const pending = new Map([['theirs', 2], ['mine', 2]]);
    const heldElsewhere = new Set(['theirs']);
    const { worker, rounds } = workerOver(pending, { pollMs: 5, heldElsewhere });
    worker.start();
    try {
      await until(() => pending.get('mine') === 0);
      // Several reads listed `theirs` as ready meanwhile; no lane asked for its lease.
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(rounds).not.toContain('theirs');
      heldElsewhere.delete('theirs');
      await until(() => pending.get('theirs') === 0);
    } finally {
      await worker.stop();
    }
  });
});

/**
 * A worker of six lanes whose rounds all wait at a gate the test opens, beside `others.count` other workers holding
 * leases; counts the rounds in flight.
 */
const sharingWorker = (pending: Map<string, number>, others: { count: number }) => {
  let inRound = 0;
  const newGate = () => {
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  };
  let gate = newGate();
  const outbox = {
    readyTenants: async () => [...pending].filter(([, rows]) => rows > 0).map(([tenant]) => tenant),
    purgeDone: async () => 0,
  } as unknown as OutboxStore;
  const runRound = {
    execute: async (tenantId: string) => {
      inRound += 1;
      await gate.opened;
      inRound -= 1;
      pending.set(tenantId, 0);
      return { settled: 1, leased: true };
    },
  } as unknown as RunDeliveryRound;
  const sweep = { execute: async () => ({ tenants: 0, enqueued: 0 }) } as unknown as SweepChanges;
  const leases = { heldByOthers: async () => new Set<string>(), othersHolding: async (owner: string, _now: number, ownerPrefix: string) => (owner === 'w' && ownerPrefix === deliveryWorkerOwnerPrefix ? others.count : 0) };
  const worker = new DeliveryWorker(outbox, runRound, sweep, { now: () => Date.now() }, silent, { pollMs: 60_000, tenantConcurrency: 6, workerId: 'w', sweepMs: 0 }, leases);
  /** Lets the rounds in flight end; the next ones wait at a new gate. */
  const letRoundsGo = () => {
    const passing = gate;
    gate = newGate();
    passing.open();
  };
  return { worker, inRound: () => inRound, letRoundsGo, openForGood: () => gate.open() };
};

const companies = (prefix: string, count: number): [string, number][] => Array.from({ length: count }, (_, n) => [`${prefix}${n}`, 1]);

describe('lanes shared with other workers (ADR 0087)', () => {
  it('runs its share of the lanes while two other workers hold companies', async () => {
    const pending = new Map(companies('c', 14));
    const { worker, inRound, letRoundsGo, openForGood } = sharingWorker(pending, { count: 2 });
    worker.start();
    try {
      // The first lanes took companies before the read that told of the others.
      await until(() => inRound() === 6);
      letRoundsGo();
      await until(() => inRound() === 2);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(inRound()).toBe(2);
    } finally {
      openForGood();
      await worker.stop();
    }
  });

  it('runs every lane alone', async () => {
    const pending = new Map(companies('c', 14));
    const { worker, inRound, letRoundsGo, openForGood } = sharingWorker(pending, { count: 0 });
    worker.start();
    try {
      await until(() => inRound() === 6);
      letRoundsGo();
      await until(() => inRound() === 6);
    } finally {
      openForGood();
      await worker.stop();
    }
  });

  it('takes its lanes back once the others stopped driving companies', async () => {
    const pending = new Map(companies('c', 8));
    const others = { count: 2 };
    const { worker, inRound, letRoundsGo, openForGood } = sharingWorker(pending, others);
    worker.start();
    try {
      await until(() => inRound() === 6);
      letRoundsGo();
      // The share's two lanes take the last two companies read.
      await until(() => inRound() === 2);
      others.count = 0;
      for (const [tenant, rows] of companies('d', 6)) pending.set(tenant, rows);
      letRoundsGo();
      await until(() => inRound() === 6);
    } finally {
      openForGood();
      await worker.stop();
    }
  });
});
