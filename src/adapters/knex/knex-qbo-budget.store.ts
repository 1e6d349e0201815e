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

/**
 * The shared pace in the plugin's database: read the company's row, work out the starts (domain/qbo/shared-pace), then
 * one conditional UPDATE on the version read. A process that lost the race reads again, so no start is handed out
 * twice; no lock is held while the process thinks, and SQLite and MariaDB behave the same.
 */
export class KnexQboBudgetStore implements QboBudgetStore {
  private readonly table: string;

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
    for (let race = 0; race < maxRaces; race += 1) {
      const row: BudgetRow | undefined = await this.knex(this.table).select('single_at', 'batch_at', 'paused_until', 'version').where(key).first();
      if (!row) {
        // The primary key lets one of several first inserts through; everyone then reads the row it made.
        await retryOnLockConflict(() =>
          this.knex(this.table).insert({ ...key, single_at: idlePace.singleAt, batch_at: idlePace.batchAt, paused_until: idlePace.pausedUntil, version: 0 }).onConflict(['tenant_id', 'realm_id']).ignore(),
        );
        continue;
      }
      const version = Number(row.version);
      const result = next({ singleAt: Number(row.single_at), batchAt: Number(row.batch_at), pausedUntil: Number(row.paused_until) });
      const changed = await retryOnLockConflict(() =>
        this.knex(this.table)
          .where({ ...key, version })
          .update({ single_at: result.state.singleAt, batch_at: result.state.batchAt, paused_until: result.state.pausedUntil, version: version + 1 }),
      );
      if (changed === 1) return result;
    }
    throw new Error(`the shared QBO budget of realm ${realmId} changed under this process ${maxRaces} times in a row`);
  }
}
