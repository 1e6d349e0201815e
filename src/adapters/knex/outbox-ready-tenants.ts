import type { Knex } from 'knex';
import { isMysql, retryOnLockConflict } from './knex-dialect';
import type { PluginTables } from './plugin-tables';

/**
 * The ready-companies index (ADR 0071): `outbox_tenant` holds, per tenant, the earliest `available_at` of its live
 * outbox rows, so finding companies with ready work reads the companies ready, not the backlog. The host's
 * transaction never touches it: `enqueue` appends to `outbox_signal`, and the worker folds signals in.
 *
 * Every write of the summary follows one protocol (`refreshTenants`): hold the tenant's summary row, then read
 * its outbox rows, then write. Whoever writes second read after the first one committed, so a wake-up is never
 * overwritten by an older reading.
 */
export type ReadyTables = Pick<PluginTables, 'outbox' | 'outboxSignals' | 'outboxTenants'>;

const signalsPerChunk = 500;
/** A pass folds in at most this many chunks; the rest waits for the next pass (late by one poll, never lost). */
const signalChunksPerPass = 10;
const writeChunk = 500;

export const readCommitted = (knex: Knex): Knex.TransactionConfig | undefined =>
  isMysql(knex) ? { isolationLevel: 'read committed' } : undefined;

const sortedUnique = (tenantIds: readonly string[]): string[] => [...new Set(tenantIds)].sort();

/** Part of `enqueue`, inside the host's transaction: plain appends on an auto-increment key, no row anyone waits on. */
export const signalTenants = async (db: Knex | Knex.Transaction, t: ReadyTables, tenantIds: readonly string[]): Promise<void> => {
  const tenants = sortedUnique(tenantIds);
  if (tenants.length > 0) await db(t.outboxSignals).insert(tenants.map((tenant_id) => ({ tenant_id })));
};

/**
 * Creates the tenants' missing summary rows, and holds them all exclusively. MySQL's ON DUPLICATE KEY UPDATE locks
 * an existing row exclusively, where INSERT IGNORE would take a shared lock that two refreshers could both hold and
 * then deadlock upgrading.
 */
export const lockTenantRows = async (trx: Knex.Transaction, t: ReadyTables, tenants: readonly string[]): Promise<void> => {
  await trx(t.outboxTenants).insert(tenants.map((tenant_id) => ({ tenant_id, next_ready_at: null }))).onConflict('tenant_id').merge(['tenant_id']);
};

/** A tenant's earliest row of one state (bindings: outbox, state, the outer table's name): one dive on the claim index. */
export const earliestOfState = '(SELECT o.available_at FROM ?? o WHERE o.state = ? AND o.tenant_id = ??.tenant_id ORDER BY o.available_at LIMIT 1)';

/** Later than any time: the smaller of two times either of which may be NULL, with each subquery written (and run) once. */
export const laterThanAnyTime = '9223372036854775807';

/**
 * Sets each tenant's row to its earliest live outbox row. The UPDATE takes the row's lock first (waiting for whoever
 * holds it); the subqueries are correlated, so they run per row once it is held, and under READ COMMITTED they are
 * consistent reads that lock nothing in the outbox (a refresh never waits on a claim). One index dive per state:
 * the claim index orders a tenant's rows of a state by available_at, however long its backlog.
 */
export const refreshQuery = (db: Knex | Knex.Transaction, t: ReadyTables, tenants: readonly string[]): Knex.QueryBuilder => {
  // MySQL's LEAST and SQLite's MIN answer NULL for any NULL: absent states count as never, and never as NULL.
  const least = isMysql(db as Knex) ? 'LEAST' : 'MIN';
  return db(t.outboxTenants)
    .whereIn('tenant_id', tenants)
    .update({
      next_ready_at: db.raw(`NULLIF(${least}(COALESCE(${earliestOfState}, ${laterThanAnyTime}), COALESCE(${earliestOfState}, ${laterThanAnyTime})), ${laterThanAnyTime})`, [
        t.outbox, 'pending', t.outboxTenants,
        t.outbox, 'in_flight', t.outboxTenants,
      ]),
    });
};

/**
 * Makes the tenants' summary exact, inside the transaction that changed their outbox rows (READ COMMITTED on
 * MySQL). Rows that do not exist yet are created and locked first, then set by a second UPDATE.
 */
export const refreshTenants = async (trx: Knex.Transaction, t: ReadyTables, tenantIds: readonly string[]): Promise<void> => {
  const tenants = sortedUnique(tenantIds);
  for (let start = 0; start < tenants.length; start += writeChunk) {
    const chunk = tenants.slice(start, start + writeChunk);
    // Rows matched, not rows changed (mysql2's FOUND_ROWS; SQLite counts matches): fewer means some are missing.
    if ((await refreshQuery(trx, t, chunk)) === chunk.length) continue;
    await lockTenantRows(trx, t, chunk);
    await refreshQuery(trx, t, chunk);
  }
};

/** Tenants of the given outbox rows, read in the transaction that holds those rows. */
export const tenantsOfRows = async (trx: Knex.Transaction, t: ReadyTables, ids: readonly (string | number)[]): Promise<string[]> =>
  ids.length === 0 ? [] : ((await trx(t.outbox).distinct('tenant_id').whereIn('id', ids)) as { tenant_id: string }[]).map((row) => row.tenant_id);

/**
 * Deletes exactly these signals without waiting on a host transaction still open. On MySQL, `id IN (…)` is a range
 * scan that also reads the record after the last id, which is usually a host's uncommitted signal: the delete would
 * wait for that host to commit. Joined from a list of ids, each is a unique lookup that reads nothing else.
 */
const deleteSignals = async (trx: Knex.Transaction, t: ReadyTables, ids: readonly (number | string)[]): Promise<void> => {
  if (!isMysql(trx as unknown as Knex)) {
    await trx(t.outboxSignals).whereIn('id', ids).delete();
    return;
  }
  const list = ids.map(() => 'SELECT ? AS id').join(' UNION ALL ');
  await trx.raw(`DELETE s FROM (${list}) d STRAIGHT_JOIN ?? s FORCE INDEX (PRIMARY) ON s.id = d.id`, [...ids.map(Number), t.outboxSignals]);
};

/**
 * Folds pending signals into the summary: each chunk refreshes its tenants and deletes exactly the signals it read
 * (by id: a range would also delete a signal a host committed meanwhile). SKIP LOCKED lets several workers share
 * the signals and passes over those of host transactions still open, which are folded in once they commit.
 */
export const consumeSignals = async (knex: Knex, t: ReadyTables): Promise<number> => {
  let consumed = 0;
  for (let chunk = 0; chunk < signalChunksPerPass; chunk += 1) {
    // A plain read first: an empty signal table (the usual case) costs one indexed read, no transaction.
    if ((await knex(t.outboxSignals).select('id').limit(1)).length === 0) break;
    const taken = await retryOnLockConflict(() =>
      knex.transaction(async (trx) => {
        const query = trx(t.outboxSignals).select('id', 'tenant_id').orderBy('id').limit(signalsPerChunk);
        const signals = (await (isMysql(knex) ? query.forUpdate().skipLocked() : query)) as { id: number | string; tenant_id: string }[];
        if (signals.length === 0) return 0;
        await refreshTenants(trx, t, signals.map((signal) => signal.tenant_id));
        await deleteSignals(trx, t, signals.map((signal) => signal.id));
        return signals.length;
      }, readCommitted(knex)),
    );
    consumed += taken;
    if (taken < signalsPerChunk) break;
  }
  return consumed;
};

/** Tenants whose earliest live row is ready at `now`, oldest first: an index range on the summary, no scan of the outbox. */
export const readyTenantsQuery = (knex: Knex, t: ReadyTables, now: number, limit: number): Knex.QueryBuilder =>
  knex(t.outboxTenants)
    .select('tenant_id', 'next_ready_at')
    .where('next_ready_at', '<=', now)
    .orderBy([{ column: 'next_ready_at' }, { column: 'tenant_id' }])
    .limit(Math.max(0, limit));

/**
 * Each company's earliest row per live state. Grouped by (state, tenant_id), the claim index's own prefix, MariaDB
 * reads it with a loose index scan: one dive per company and state (24 ms against 169 ms grouped by tenant_id alone,
 * 200,000 rows over 1,000 companies).
 */
export const earliestLiveRows = (knex: Knex, t: ReadyTables): Knex.QueryBuilder =>
  knex(t.outbox).select('state', 'tenant_id').min({ first: 'available_at' }).whereIn('state', ['pending', 'in_flight']).groupBy('state', 'tenant_id');

/**
 * The safety net, and the upgrade's fill: the earliest live row of every tenant, read from the outbox (one loose
 * index scan), merged with LEAST. It only ever brings a wake-up earlier, so it needs no lock and cannot
 * race the refreshes: a reading already stale at worst wakes a tenant early, and the claim then finds nothing and
 * refreshes it. It covers rows written without a signal (an older version of the plugin during a rolling upgrade).
 */
export const rebuildFromOutbox = async (knex: Knex, t: ReadyTables): Promise<number> => {
  const earliest = new Map<string, number>();
  for (const row of (await earliestLiveRows(knex, t)) as { tenant_id: string; first: unknown }[]) {
    const at = Number(row.first);
    earliest.set(row.tenant_id, Math.min(at, earliest.get(row.tenant_id) ?? at));
  }
  const rows = [...earliest.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([tenant_id, next_ready_at]) => ({ tenant_id, next_ready_at }));
  const incoming = isMysql(knex) ? 'VALUES(next_ready_at)' : 'excluded.next_ready_at';
  const least = isMysql(knex) ? 'LEAST' : 'MIN';
  for (let start = 0; start < rows.length; start += writeChunk) {
    await retryOnLockConflict(() =>
      knex(t.outboxTenants)
        .insert(rows.slice(start, start + writeChunk))
        .onConflict('tenant_id')
        .merge({ next_ready_at: knex.raw(`${least}(COALESCE(next_ready_at, ${incoming}), ${incoming})`) }),
    );
  }
  return rows.length;
};
