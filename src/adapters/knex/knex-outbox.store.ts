import type { Knex } from 'knex';
import { Clock } from '../../application/ports/clock.port';
import type { ClaimedChange, ClaimToExtend, OutboxChange, OutboxStats, OutboxStore } from '../../application/ports/outbox-store.port';
import { claimInTransaction } from './outbox-claim';
import { dedupeKeyOf, isRowId, storableError } from './outbox-row';
import { isUniqueViolation, retryOnLockConflict } from './knex-dialect';
import { consumeSignals, readCommitted, rebuildFromOutbox, refreshTenants, signalTenants, tenantsOfRows, type ReadyTables } from './outbox-ready-tenants';
import { readyTenantsReadingSignals } from './outbox-signalled-tenants';
import { pluginTables } from './plugin-tables';
import { SignalFolding } from './signal-folding';

const insertChunk = 500;
const live = ['pending', 'in_flight'] as const;
/** How often each process rebuilds the ready-companies index from the outbox (the safety net of ADR 0071). */
export const readyIndexRebuildMs = 5 * 60_000;

/** The transactional outbox on MySQL/MariaDB or SQLite, following the claim protocol of reliability.md §2.6. */
export class KnexOutboxStore implements OutboxStore {
  private readonly table: string;
  private readonly tables: ReadyTables;
  private lastRebuild = Number.NEGATIVE_INFINITY;
  private readonly signalFolding: SignalFolding;

  constructor(
    private readonly knex: Knex,
    prefix: string,
    private readonly clock: Clock,
  ) {
    this.tables = pluginTables(prefix);
    this.table = this.tables.outbox;
    this.signalFolding = new SignalFolding(() => consumeSignals(this.knex, this.tables));
  }

  async enqueue(changes: readonly OutboxChange[], transaction?: unknown): Promise<void> {
    if (changes.length === 0) return;
    const db = this.hostConnection(transaction);
    const now = this.clock.now();
    const rows = [...new Map(changes.map((change) => [dedupeKeyOf(change), change])).entries()].map(([key, change]) => ({
      tenant_id: change.tenantId,
      kind: change.kind,
      host_id: change.hostId,
      state: 'pending',
      attempt: 0,
      available_at: now,
      enqueued_at: now,
      dedupe_key: key,
    }));
    for (let start = 0; start < rows.length; start += insertChunk) {
      const chunk = rows.slice(start, start + insertChunk);
      const write = async (trx: Knex | Knex.Transaction): Promise<void> => {
        // A pending row of the same record already carries the signal: the worker reads current host state.
        await trx(this.table).insert(chunk).onConflict('dedupe_key').ignore();
        await signalTenants(trx, this.tables, chunk.map((row) => row.tenant_id));
      };
      // Without a host transaction a chunk and its signal still commit together: a row without one would wait for the rebuild.
      if (db === this.knex) await this.knex.transaction(write);
      else await write(db);
    }
  }

  async readyTenants(now: number, limit: number): Promise<readonly string[]> {
    if (now - this.lastRebuild >= readyIndexRebuildMs) {
      this.lastRebuild = now;
      await rebuildFromOutbox(this.knex, this.tables);
    }
    return readyTenantsReadingSignals(this.knex, this.tables, now, limit, this.signalFolding);
  }

  /** Resolves once no fold of signals started beside a pass is under way (ADR 0089). */
  backgroundWorkSettled(): Promise<void> {
    return this.signalFolding.settled();
  }

  async claim(tenantId: string, limit: number, now: number, leaseMs: number): Promise<readonly ClaimedChange[]> {
    if (limit <= 0) return [];
    return retryOnLockConflict(() => this.knex.transaction((trx) => claimInTransaction(trx, this.tables, tenantId, limit, now, leaseMs), readCommitted(this.knex)));
  }

  async extendClaim(tenantId: string, attemptToken: string, until: number): Promise<number> {
    return this.changeTenant(tenantId, (trx) =>
      trx(this.table)
        .where({ tenant_id: tenantId, attempt_token: attemptToken, state: 'in_flight' })
        .andWhere('available_at', '<', until)
        .update({ available_at: until }),
    );
  }

  async extendClaims(claims: readonly ClaimToExtend[], until: number): Promise<number> {
    if (claims.length === 0) return 0;
    const tenants = [...new Set(claims.map((claim) => claim.tenantId))];
    return retryOnLockConflict(() =>
      this.knex.transaction(async (trx) => {
        let extended = 0;
        for (let start = 0; start < claims.length; start += insertChunk) {
          const pairs = claims.slice(start, start + insertChunk).map((claim) => [claim.tenantId, claim.attemptToken]);
          extended += await trx(this.table)
            .whereIn(['tenant_id', 'attempt_token'], pairs)
            .andWhere({ state: 'in_flight' })
            .andWhere('available_at', '<', until)
            .update({ available_at: until });
        }
        // Every named tenant's wake-up, whether or not its rows moved: one statement for all of them.
        if (extended > 0) await refreshTenants(trx, this.tables, tenants);
        return extended;
      }, readCommitted(this.knex)),
    );
  }

  async complete(id: string, attemptToken: string, now: number): Promise<boolean> {
    return this.settle(id, attemptToken, { state: 'done', settled_at: now, attempt_token: null });
  }

  async completeMany(rows: readonly { readonly id: string; readonly attemptToken: string }[], now: number): Promise<number> {
    const valid = rows.filter((row) => isRowId(row.id));
    if (valid.length === 0) return 0;
    return this.changeRows(valid.map((row) => row.id), (trx) =>
      trx(this.table)
        .whereIn(['id', 'attempt_token'], valid.map((row) => [row.id, row.attemptToken]))
        .andWhere({ state: 'in_flight' })
        .update({ state: 'done', settled_at: now, attempt_token: null }),
    );
  }

  async purgeDone(olderThan: number, limit: number): Promise<number> {
    // Ids first, then the delete: SQLite has no DELETE … LIMIT, and a short id list keeps MySQL's locks narrow.
    const ids = (await this.knex(this.table).select('id').where({ state: 'done' }).andWhere('settled_at', '<', olderThan).limit(Math.max(0, limit))) as { id: number | string }[];
    if (ids.length === 0) return 0;
    return retryOnLockConflict(() => this.knex(this.table).whereIn('id', ids.map((row) => row.id)).andWhere({ state: 'done' }).delete());
  }

  async retryLater(id: string, attemptToken: string, availableAt: number, error: string): Promise<boolean> {
    const settled = await this.settle(id, attemptToken, {
      state: 'pending',
      available_at: availableAt,
      last_error: storableError(error),
      attempt_token: null,
    });
    if (settled) await this.restoreDedupeKey(id);
    return settled;
  }

  async fail(id: string, attemptToken: string, error: string, now: number): Promise<boolean> {
    return this.settle(id, attemptToken, { state: 'failed', last_error: storableError(error), settled_at: now, attempt_token: null });
  }

  async release(id: string, attemptToken: string, availableAt: number): Promise<boolean> {
    const settled = await this.settle(id, attemptToken, {
      state: 'pending',
      available_at: availableAt,
      attempt: this.knex.raw('attempt - 1'),
      attempt_token: null,
    });
    if (settled) await this.restoreDedupeKey(id);
    return settled;
  }

  async postpone(tenantId: string, until: number): Promise<number> {
    return this.changeTenant(tenantId, (trx) =>
      trx(this.table).where({ tenant_id: tenantId, state: 'pending' }).andWhere('available_at', '<', until).update({ available_at: until }),
    );
  }

  async requeue(tenantId: string, id: string, now: number): Promise<boolean> {
    if (!isRowId(id)) return false;
    const count = await this.changeTenant(tenantId, (trx) =>
      trx(this.table)
        .where({ id, tenant_id: tenantId, state: 'failed' })
        .update({ state: 'pending', attempt: 0, available_at: now, last_error: null, settled_at: null }),
    );
    if (count === 1) await this.restoreDedupeKey(id);
    return count === 1;
  }

  async dismiss(tenantId: string, id: string, now: number): Promise<boolean> {
    if (!isRowId(id)) return false;
    // Done, not deleted: the row's last error stays readable until purgeDone clears old rows.
    const count = await retryOnLockConflict(() =>
      this.knex(this.table).where({ id, tenant_id: tenantId, state: 'failed' }).update({ state: 'done', settled_at: now }),
    );
    return count === 1;
  }

  stats(tenantId: string, now: number): Promise<OutboxStats> {
    return this.statsWhere({ tenant_id: tenantId }, now);
  }

  backlog(now: number): Promise<OutboxStats> {
    return this.statsWhere({}, now);
  }

  private async statsWhere(where: Record<string, string>, now: number): Promise<OutboxStats> {
    const row: Record<string, unknown> | undefined = await this.knex(this.table)
      .where(where)
      .whereIn('state', [...live, 'failed'])
      .select(
        this.knex.raw(`SUM(CASE WHEN state IN ('pending', 'in_flight') THEN 1 ELSE 0 END) AS pending`),
        this.knex.raw(
          `SUM(CASE WHEN state IN ('pending', 'in_flight') AND attempt > 0 AND last_error IS NOT NULL THEN 1 ELSE 0 END) AS failing`,
        ),
        this.knex.raw(`SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed`),
        this.knex.raw(`MIN(CASE WHEN state IN ('pending', 'in_flight') THEN enqueued_at END) AS oldest`),
      )
      .first();
    const oldest = row?.['oldest'] === null || row?.['oldest'] === undefined ? null : Number(row['oldest']);
    return {
      pending: Number(row?.['pending'] ?? 0),
      failing: Number(row?.['failing'] ?? 0),
      failed: Number(row?.['failed'] ?? 0),
      oldestAgeMs: oldest === null ? 0 : Math.max(0, now - oldest),
    };
  }

  /** Every settle is one conditional UPDATE fenced by the attempt token: a worker that lost its lease changes nothing. */
  private async settle(id: string, attemptToken: string, changes: Record<string, unknown>): Promise<boolean> {
    if (!isRowId(id)) return false;
    const count = await this.changeRows([id], (trx) => trx(this.table).where({ id, attempt_token: attemptToken, state: 'in_flight' }).update(changes));
    return count === 1;
  }

  /** A write of one tenant's live rows, and the refresh of its wake-up, in one transaction (ADR 0071). */
  private changeTenant(tenantId: string, write: (trx: Knex.Transaction) => Promise<number>): Promise<number> {
    return retryOnLockConflict(() =>
      this.knex.transaction(async (trx) => {
        const count = await write(trx);
        if (count > 0) await refreshTenants(trx, this.tables, [tenantId]);
        return count;
      }, readCommitted(this.knex)),
    );
  }

  /** `changeTenant` for writes named by row ids: the rows' tenants are read in the transaction that changed them. */
  private changeRows(ids: readonly string[], write: (trx: Knex.Transaction) => Promise<number>): Promise<number> {
    return retryOnLockConflict(() =>
      this.knex.transaction(async (trx) => {
        const count = await write(trx);
        if (count > 0) await refreshTenants(trx, this.tables, await tenantsOfRows(trx, this.tables, ids));
        return count;
      }, readCommitted(this.knex)),
    );
  }

  /** A row back in pending coalesces new signals again, unless a newer pending row of the record already does. */
  private async restoreDedupeKey(id: string): Promise<void> {
    const row: { tenant_id: string; kind: string; host_id: string } | undefined = await this.knex(this.table)
      .select('tenant_id', 'kind', 'host_id')
      .where({ id })
      .first();
    if (!row) return;
    const key = dedupeKeyOf({ tenantId: row.tenant_id, kind: row.kind as OutboxChange['kind'], hostId: row.host_id });
    try {
      await retryOnLockConflict(() =>
        this.knex(this.table).where({ id, state: 'pending' }).whereNull('dedupe_key').update({ dedupe_key: key }),
      );
    } catch (error) {
      // Two pending rows for one record are harmless (the worker is level-triggered), only less tidy.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  private hostConnection(transaction: unknown): Knex | Knex.Transaction {
    if (transaction === undefined || transaction === null) return this.knex;
    if (typeof transaction === 'function' && 'insert' in transaction) return transaction as Knex.Transaction;
    throw new TypeError('notify: `trx` must be the knex transaction the host is writing the change in.');
  }
}
