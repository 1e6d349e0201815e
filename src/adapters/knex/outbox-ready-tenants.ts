import type { Knex } from 'knex';
import { isMysql, retryOnLockConflict } from './knex-dialect';
import type { PluginTables } from './plugin-tables';

/**
 * The ready-companies index (ADR 0071): `outbox_tenant` holds, per tenant, the earliest `available_at` of its live
 * outbox rows, so finding companies with ready work reads the companies ready, not the backlog. The host's
 * transaction never touches it: `enqueue` appends to `outbox_signal`, and the worker folds signals in.
 *
 * Every write of the summary follows one protocol (`refreshTenants`): lock the tenants' summary rows, then read
 * their outbox rows in a new statement, then write. Whoever writes second read after the first one committed, so
 * a wake-up is never overwritten by an older reading.
 */
export type ReadyTables = Pick<PluginTables, 'outbox' | 'outboxSignals' | 'outboxTenants'>;

const signalsPerChunk = 1_000;
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
 * Step 1: takes the tenants' summary rows (creating the missing ones) with an exclusive lock, in key order.
 * MySQL's ON DUPLICATE KEY UPDATE locks an existing row exclusively, where INSERT IGNORE would take a shared lock
 * that two refreshers could both hold and then deadlock upgrading.
 */
export const lockTenantRows = async (trx: Knex.Transaction, t: ReadyTables, tenants: readonly string[]): Promise<void> => {
  for (let start = 0; start < tenants.length; start += writeChunk) {
    const rows = tenants.slice(start, start + writeChunk).map((tenant_id) => ({ tenant_id, next_ready_at: null }));
    await trx(t.outboxTenants).insert(rows).onConflict('tenant_id').merge(['tenant_id']);
  }
};

/** The earliest live row of each tenant, one index dive per state (the claim index orders a tenant's rows of a state by available_at). */
export const nextReadyQuery = (db: Knex | Knex.Transaction, t: ReadyTables, tenants: readonly string[]): Knex.QueryBuilder => {
  const first = (state: string): Knex.Raw =>
    db.raw(`(SELECT o.available_at FROM ?? o WHERE o.state = ? AND o.tenant_id = s.tenant_id ORDER BY o.available_at LIMIT 1)`, [t.outbox, state]);
  return db({ s: t.outboxTenants }).select('s.tenant_id', { pending_at: first('pending') }, { in_flight_at: first('in_flight') }).whereIn('s.tenant_id', tenants);
};

/** Step 2, a statement after the lock, so it reads what committed up to the moment the lock was granted. */
export const readNextReadyAt = async (trx: Knex.Transaction, t: ReadyTables, tenants: readonly string[]): Promise<Map<string, number | null>> => {
  const next = new Map<string, number | null>();
  for (let start = 0; start < tenants.length; start += writeChunk) {
    const rows = (await nextReadyQuery(trx, t, tenants.slice(start, start + writeChunk))) as { tenant_id: string; pending_at: unknown; in_flight_at: unknown }[];
    for (const row of rows) {
      const times = [row.pending_at, row.in_flight_at].filter((at) => at !== null && at !== undefined).map(Number);
      next.set(row.tenant_id, times.length === 0 ? null : Math.min(...times));
    }
  }
  return next;
};

/** Step 3: the values read, written over the locked rows. */
export const writeNextReadyAt = async (trx: Knex.Transaction, t: ReadyTables, next: ReadonlyMap<string, number | null>): Promise<void> => {
  const rows = [...next.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([tenant_id, next_ready_at]) => ({ tenant_id, next_ready_at }));
  for (let start = 0; start < rows.length; start += writeChunk) {
    await trx(t.outboxTenants).insert(rows.slice(start, start + writeChunk)).onConflict('tenant_id').merge(['next_ready_at']);
  }
};

/**
 * Makes the tenants' summary exact, inside the transaction that changed their outbox rows (READ COMMITTED on
 * MySQL, so step 2 sees what committed up to the moment the lock was granted).
 */
export const refreshTenants = async (trx: Knex.Transaction, t: ReadyTables, tenantIds: readonly string[]): Promise<void> => {
  const tenants = sortedUnique(tenantIds);
  if (tenants.length === 0) return;
  await lockTenantRows(trx, t, tenants);
  await writeNextReadyAt(trx, t, await readNextReadyAt(trx, t, tenants));
};

/** Tenants of the given outbox rows, read in the transaction that holds those rows. */
export const tenantsOfRows = async (trx: Knex.Transaction, t: ReadyTables, ids: readonly (string | number)[]): Promise<string[]> =>
  ids.length === 0 ? [] : ((await trx(t.outbox).distinct('tenant_id').whereIn('id', ids)) as { tenant_id: string }[]).map((row) => row.tenant_id);

/**
 * Folds pending signals into the summary: each chunk refreshes its tenants and deletes exactly the signals it read
 * (by id: a range would also delete a signal a host committed meanwhile). SKIP LOCKED lets several workers share
 * the signals and passes over those of host transactions still open.
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
        await trx(t.outboxSignals).whereIn('id', signals.map((signal) => signal.id)).delete();
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
    .select('tenant_id')
    .where('next_ready_at', '<=', now)
    .orderBy([{ column: 'next_ready_at' }, { column: 'tenant_id' }])
    .limit(Math.max(0, limit));

export const listReadyTenants = async (knex: Knex, t: ReadyTables, now: number, limit: number): Promise<string[]> =>
  ((await readyTenantsQuery(knex, t, now, limit)) as { tenant_id: string }[]).map((row) => row.tenant_id);

/**
 * The safety net, and the upgrade's fill: the earliest live row of every tenant, read from the outbox (one loose
 * index scan per state), merged with LEAST. It only ever brings a wake-up earlier, so it needs no lock and cannot
 * race the refreshes: a reading already stale at worst wakes a tenant early, and the claim then finds nothing and
 * refreshes it. It covers rows written without a signal (an older version of the plugin during a rolling upgrade).
 */
export const rebuildFromOutbox = async (knex: Knex, t: ReadyTables): Promise<number> => {
  const earliest = new Map<string, number>();
  for (const state of ['pending', 'in_flight']) {
    const rows = (await knex(t.outbox).select('tenant_id').min({ first: 'available_at' }).where({ state }).groupBy('tenant_id')) as { tenant_id: string; first: unknown }[];
    for (const row of rows) {
      const at = Number(row.first);
      earliest.set(row.tenant_id, Math.min(at, earliest.get(row.tenant_id) ?? at));
    }
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
