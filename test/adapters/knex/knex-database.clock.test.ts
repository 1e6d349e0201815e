import type { Knex } from 'knex';
import { KnexDatabaseClock } from '../../../src/adapters/knex/knex-database.clock';
import { RecordingLogger } from '../../support/recording-logger';

/**
 * The database clock against a scripted server: the test sets the process clock, the database's offset from it and
 * each sample's round trip (the server reads its clock halfway through), so every sample measures the offset exactly
 * and has an error of half its round trip, as the clock assumes.
 */
const scripted = () => {
  const at = { local: 1_000_000, databaseOffset: 0, roundTripMs: 0 };
  const knex = {
    client: { config: { client: 'mysql2' } },
    raw: async () => {
      const ms = at.local + at.roundTripMs / 2 + at.databaseOffset;
      at.local += at.roundTripMs;
      return [[{ ms }]];
    },
  } as unknown as Knex;
  const clock = new KnexDatabaseClock(knex, { now: () => at.local }, new RecordingLogger());
  return { at, clock };
};

describe("the database's clock as one process reads it", () => {
  it("never gives a time before one it already gave when the next sample, within both samples' error, sets it back", async () => {
    const { at, clock } = scripted();
    at.roundTripMs = 60;
    at.databaseOffset = 40;
    await clock.sync();
    const stamped = clock.now();
    expect(stamped).toBe(1_000_100);

    // The next sample (10 ms round trip) finds the database 30 ms earlier than the loaded one before it (60 ms) did:
    // their errors, 30 and 5 ms, explain it. The clock holds still rather than give 1,000,080.
    at.roundTripMs = 10;
    at.databaseOffset = 10;
    await clock.sync();
    expect(clock.now()).toBe(stamped);
    at.local += 15;
    expect(clock.now()).toBe(stamped);
    at.local += 10;
    // Caught up (1,000,095 + 10 is past what was given) and running on from there.
    expect(clock.now()).toBe(1_000_105);
  });

  it("takes a step back the samples' error cannot explain at once: the process clock moved, and leases need the database's time", async () => {
    const { at, clock } = scripted();
    at.roundTripMs = 2;
    await clock.sync();
    expect(clock.now()).toBe(1_000_002);
    at.databaseOffset = -30;
    await clock.sync();
    expect(clock.now()).toBe(1_000_004 - 30);
    at.databaseOffset = -30_030;
    await clock.sync();
    expect(clock.now()).toBe(1_000_006 - 30_030);
  });

  it('takes a step forward at once', async () => {
    const { at, clock } = scripted();
    await clock.sync();
    at.databaseOffset = 250;
    await clock.sync();
    expect(clock.now()).toBe(1_000_250);
  });
});
