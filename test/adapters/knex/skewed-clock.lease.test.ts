import type { Clock } from '../../../src/application/ports/clock.port';
import { HeldLease } from '../../../src/application/delivery/held-lease';
import { KnexDatabaseClock } from '../../../src/adapters/knex/knex-database.clock';
import { KnexTenantLease } from '../../../src/adapters/knex/knex-tenant.lease';
import { migratePluginTables } from '../../../src/adapters/knex/plugin-migrations';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { RecordingLogger } from '../../support/recording-logger';

/** The process clock of an instance whose system time is off by `skewMs`. */
const skewed = (skewMs: number): Clock => ({ now: () => Date.now() + skewMs });

const leaseMs = 600;
const runMs = 4_000;

interface Holding {
  readonly worker: string;
  readonly from: number;
  readonly to: number;
}

/**
 * Two workers contend for one company for a few seconds, each taking the lease, working while `held()` says so, and
 * giving it back. Every span a worker believed it held the company is measured on one reference clock (this
 * process's); two spans of different workers that overlap are a second holder.
 */
const contend = async (db: TestDatabase, clocks: Record<string, Clock>, tenant: string): Promise<Holding[]> => {
  const holdings: Holding[] = [];
  const end = Date.now() + runMs;
  await Promise.all(
    Object.entries(clocks).map(async ([worker, clock], index) => {
      const lease = new KnexTenantLease(index === 0 ? db.knex : db.openPeer(), 'qbo_');
      // The first worker takes the company first; the other (the skewed one) comes in while it holds it.
      if (index > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      while (Date.now() < end) {
        // A new owner name per take, as a restarted process would have: nobody extends a lease it abandoned.
        const held = await HeldLease.take(lease, clock, tenant, `${worker}-${holdings.length}-${Math.random()}`, leaseMs);
        if (!held) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          continue;
        }
        const from = Date.now();
        // Works across several renewals, stopping at once if the lease is no longer its own.
        const until = from + leaseMs * (1 + Math.random() * 2);
        let to = from;
        while (Date.now() < until && held.held()) {
          to = Date.now();
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        holdings.push({ worker, from, to });
        // Half of the time the worker "dies" (gives nothing back): the other must wait out the lease.
        if (Math.random() < 0.5) await held.release();
        else await abandon(held);
        // Between rounds a real worker does other work before it asks again; without this pause the worker that just
        // gave the lease back wins it again at once on a loaded machine, and the other never holds it.
        await new Promise((resolve) => setTimeout(resolve, 30 + Math.random() * 30));
      }
    }),
  );
  return holdings;
};

/** Stops the heartbeat without releasing: as a process that was killed. */
const abandon = async (held: HeldLease): Promise<void> => {
  (held as unknown as { stopBeating(): void }).stopBeating();
};

const overlaps = (holdings: readonly Holding[]): Array<[Holding, Holding]> => {
  const found: Array<[Holding, Holding]> = [];
  for (const a of holdings) for (const b of holdings) if (a.worker < b.worker && a.from < b.to && b.from < a.to) found.push([a, b]);
  return found;
};

describe("leases on the database's clock: an instance whose clock is 30 s off never makes a second holder (MariaDB)", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await migratePluginTables(db.knex, 'qbo_');
  });
  afterAll(() => db.destroy());

  it.each([30_000, -30_000])('one worker %i ms off: every handover waits for the lease, none overlaps', async (skewMs) => {
    const logger = new RecordingLogger();
    const clocks = { a: new KnexDatabaseClock(db.knex, skewed(0), logger), b: new KnexDatabaseClock(db.openPeer(), skewed(skewMs), logger) };
    await Promise.all([clocks.a.sync(), clocks.b.sync()]);
    expect(Math.abs(clocks.a.now() - clocks.b.now())).toBeLessThan(250);
    const holdings = await contend(db, clocks, `skew-${skewMs}`);
    expect(new Set(holdings.map((h) => h.worker))).toEqual(new Set(['a', 'b']));
    expect(holdings.length).toBeGreaterThanOrEqual(2);
    expect(overlaps(holdings)).toEqual([]);
  }, 30_000);

  it("the process clocks alone would make a second holder (the test can fail)", async () => {
    const holdings = await contend(db, { a: skewed(0), b: skewed(30_000) }, 'skew-raw');
    expect(overlaps(holdings).length).toBeGreaterThan(0);
  }, 30_000);
});
