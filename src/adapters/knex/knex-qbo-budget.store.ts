import type { Knex } from 'knex';
import type { Clock } from '../../application/ports/clock.port';
import type { QboBudgetStore, StartReservation } from '../../application/ports/qbo-budget-store.port';
import { idlePace, pausedPace, reserveStarts, type PaceRule, type PaceState, type StartAsk } from '../../domain/qbo/shared-pace';
import { retryOnLockConflict } from './knex-dialect';
import { qboBudgetTable } from './qbo-budget-table';

interface BudgetRow {
  single_at: number | string;
  batch_at: number | string;
  paused_until: number | string;
  version: number | string;
}

/** Another process changed the row between our read and our write this many times in a row: give up for now. */
const maxRaces = 25;
/** Companies whose last write this process remembers; past that the oldest is forgotten (it is read again when used). */
const rememberedRows = 10_000;

/** A company's row as this process last wrote it. */
interface WrittenRow {
  readonly version: number;
  readonly state: PaceState;
}

/**
 * The shared pace in the plugin's database: read the company's row, work out the starts (domain/qbo/shared-pace), then
 * one conditional UPDATE on the version read. A process that lost the race reads again, so no start is handed out
 * twice; no lock is held while the process thinks, and SQLite and MariaDB behave the same.
 *
 * The read is skipped when this process wrote the row last (ADR 0081): the lease keeps a company with one process at a
 * time, so the row it wrote is usually still the row, and the version in the UPDATE proves it. Each version is written
 * once, so a row still at the version this process wrote holds the state it wrote.
 */
export class KnexQboBudgetStore implements QboBudgetStore {
  private readonly table: string;
  private readonly written = new Map<string, WrittenRow>();

  constructor(
    private readonly knex: Knex,
    prefix: string,
    /**
     * The plugin's clock: starts are then reserved from when the row is read, not from when they were asked for. A
     * busy process's request waited for a pooled connection first (a second under the month-end burst), and starts
     * reserved in the past were already too late to use: its requests reserved again and again (docs/adr/0075).
     */
    private readonly clock?: Clock,
  ) {
    this.table = qboBudgetTable(prefix);
  }

  async reserve(tenantId: string, realmId: string, ask: StartAsk, rule: PaceRule, now: number): Promise<StartReservation> {
    const reserved = await this.change(tenantId, realmId, (state) => reserveStarts(state, ask, rule, Math.max(now, this.clock?.now() ?? now)));
    return { singles: reserved.singles, batches: reserved.batches, pausedUntil: reserved.state.pausedUntil };
  }

  async pause(tenantId: string, realmId: string, untilMs: number): Promise<void> {
    await this.change(tenantId, realmId, (state) => ({ state: pausedPace(state, untilMs) }));
  }

  private async change<T extends { readonly state: PaceState }>(tenantId: string, realmId: string, next: (state: PaceState) => T): Promise<T> {
    const key = { tenant_id: tenantId, realm_id: realmId };
    const memo = `${tenantId}\u0000${realmId}`;
    for (let race = 0; race < maxRaces; race += 1) {
      const current = this.written.get(memo) ?? (await this.read(key));
      this.written.delete(memo);
      if (!current) continue;
      const result = next(current.state);
      const changed = await retryOnLockConflict(() =>
        this.knex(this.table)
          .where({ ...key, version: current.version })
          .update({ single_at: result.state.singleAt, batch_at: result.state.batchAt, paused_until: result.state.pausedUntil, version: current.version + 1 }),
      );
      if (changed === 1) {
        this.remember(memo, { version: current.version + 1, state: result.state });
        return result;
      }
    }
    throw new Error(`the shared QBO budget of realm ${realmId} changed under this process ${maxRaces} times in a row`);
  }

  /** The company's row as it is now; undefined once a missing row was created (the next turn reads it). */
  private async read(key: { tenant_id: string; realm_id: string }): Promise<WrittenRow | undefined> {
    const row: BudgetRow | undefined = await this.knex(this.table).select('single_at', 'batch_at', 'paused_until', 'version').where(key).first();
    if (row) return { version: Number(row.version), state: { singleAt: Number(row.single_at), batchAt: Number(row.batch_at), pausedUntil: Number(row.paused_until) } };
    // The primary key lets one of several first inserts through; everyone then reads the row it made.
    await retryOnLockConflict(() =>
      this.knex(this.table).insert({ ...key, single_at: idlePace.singleAt, batch_at: idlePace.batchAt, paused_until: idlePace.pausedUntil, version: 0 }).onConflict(['tenant_id', 'realm_id']).ignore(),
    );
    return undefined;
  }

  private remember(memo: string, row: WrittenRow): void {
    if (this.written.size >= rememberedRows) this.written.delete(this.written.keys().next().value as string);
    this.written.set(memo, row);
  }
}
