import type { Knex } from 'knex';
import type { Clock } from '../../application/ports/clock.port';
import type { Logger } from '../../application/ports/logger.port';
import { isMysql } from './knex-dialect';

/** How often the offset to the database's clock is measured again (a process clock may drift or be stepped). */
const resyncMs = 5_000;
/** A sample whose round trip took longer says too little about when the database read its clock. */
const usableRoundTripMs = 1_000;
/** Each sample is also off by up to a millisecond: the server's time and the offset are whole milliseconds. */
const sampleResolutionMs = 1;

/**
 * The DATABASE's clock, read through the process's (docs/adr/0060): every instance of the host stamps leases,
 * `available_at` and activity with the same time, so one whose own clock is off (by seconds or by minutes) can never
 * take a lease early or hold one past its end. `now()` stays synchronous: it is the process clock plus the offset
 * measured by the last `sync()` (one `SELECT` of the server's time, halfway through its round trip), which runs again
 * in the background every few seconds. Before the first sync it is the process clock.
 *
 * It never runs backwards: each sample's offset may be off by half its round trip, so a new sample can set the clock
 * a few milliseconds (under load, tens) behind a time it already gave. A row stamped `available_at` with the earlier
 * answer would then not be ready for this same process until the clock caught up again, and a round right after a
 * notify found nothing to claim. A step back that the two samples' errors explain instead holds the clock still until
 * it has caught up; a larger one is the process clock having moved (stepped by NTP, or a first sample of a clock that
 * is off), and the database's time is taken at once, as leases need.
 */
export class KnexDatabaseClock implements Clock {
  private offsetMs = 0;
  private syncedAt = Number.NEGATIVE_INFINITY;
  private syncing: Promise<void> | null = null;
  private latest = Number.NEGATIVE_INFINITY;
  /** How far back the last sample may set the clock and still be the samples' error: their uncertainties added. */
  private explainedStepBackMs = 0;
  /** Half the round trip of the sample in use: how far the offset may be off (for logs and tests). */
  uncertaintyMs = Number.POSITIVE_INFINITY;

  constructor(
    private readonly knex: Knex,
    private readonly base: Clock,
    private readonly logger: Logger,
  ) {}

  now(): number {
    const local = this.base.now();
    if (local - this.syncedAt >= resyncMs && this.syncing === null) void this.sync();
    const candidate = local + this.offsetMs;
    if (candidate >= this.latest || this.latest - candidate > this.explainedStepBackMs) this.latest = candidate;
    return this.latest;
  }

  /** Measures the offset now; a database that does not answer keeps the last offset (and is asked again later). */
  sync(): Promise<void> {
    this.syncing ??= this.measure().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async measure(): Promise<void> {
    const sent = this.base.now();
    try {
      const server = await this.serverTime();
      const received = this.base.now();
      this.syncedAt = received;
      const roundTrip = received - sent;
      if (roundTrip > usableRoundTripMs && Number.isFinite(this.uncertaintyMs)) return;
      const offset = server - (sent + roundTrip / 2);
      if (Math.abs(offset - this.offsetMs) > 1_000 && Number.isFinite(this.uncertaintyMs)) {
        this.logger.warn({ offsetMs: Math.round(offset), previousOffsetMs: Math.round(this.offsetMs) }, "this process's clock moved against the database's; leases follow the database");
      }
      // Whole milliseconds, as every time the plugin stores and answers is (the round trip halves to fractions).
      this.offsetMs = Math.round(offset);
      const previousError = Number.isFinite(this.uncertaintyMs) ? this.uncertaintyMs + sampleResolutionMs : 0;
      this.explainedStepBackMs = previousError + roundTrip / 2 + sampleResolutionMs;
      this.uncertaintyMs = roundTrip / 2;
    } catch (error) {
      this.syncedAt = this.base.now();
      this.logger.debug({ error: error instanceof Error ? error.message : String(error) }, "could not read the database's clock; the last offset stays");
    }
  }

  private async serverTime(): Promise<number> {
    const sql = isMysql(this.knex)
      ? 'SELECT UNIX_TIMESTAMP(NOW(3)) * 1000 AS ms'
      : "SELECT (julianday('now') - 2440587.5) * 86400000.0 AS ms";
    const result: unknown = await this.knex.raw(sql);
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as { ms: unknown }[];
    const ms = Number(rows[0]?.ms);
    if (!Number.isFinite(ms)) throw new Error(`the database answered its time as ${String(rows[0]?.ms)}`);
    return ms;
  }
}
