import type { Knex } from 'knex';
import { isMysql } from './knex-dialect';
import type { OutboxRow } from './outbox-row';
import type { ReadyTables } from './outbox-ready-tenants';

export type ClaimableState = 'pending' | 'in_flight';

const rowColumns = ['id', 'tenant_id', 'kind', 'host_id', 'attempt', 'enqueued_at', 'state', 'available_at'] as const;

/**
 * The claim's locking read of one state, shared with the EXPLAIN test. Equality on (state, tenant_id), a range on
 * available_at and ORDER BY available_at, id follow the `_claim` index exactly, so InnoDB reads (and locks)
 * only the rows it returns instead of sorting the table (reliability.md §2.2 item 3).
 */
export const claimableRows = (
  db: Knex | Knex.Transaction,
  table: string,
  state: ClaimableState,
  tenantId: string,
  now: number,
  limit: number,
): Knex.QueryBuilder => {
  const query = db(table)
    .select(...rowColumns)
    .where({ state, tenant_id: tenantId })
    .andWhere('available_at', '<=', now)
    .orderBy([{ column: 'available_at' }, { column: 'id' }])
    .limit(limit);
  // SQLite has no row locks: its single writer already serialises claimers.
  return isMysql(db as Knex) ? query.forUpdate().skipLocked() : query;
};

/** The row columns other than those of the claim index, as NULLs: a part that needs only the index stays in it. */
const notInClaimIndex = (db: Knex | Knex.Transaction): Knex.Raw[] => ['kind', 'host_id', 'attempt', 'enqueued_at'].map((column) => db.raw('NULL AS ??', [column]));

/**
 * A tenant's first `count` rows of a state, whenever due, read without a lock: where its wake-up after the claim is.
 * Only the claim index's own columns (state, tenant_id, available_at, id), so InnoDB never leaves the index.
 */
export const firstRowsOfState = (db: Knex | Knex.Transaction, table: string, state: ClaimableState, tenantId: string, count: number): Knex.QueryBuilder =>
  db(table)
    .select('id', 'tenant_id', ...notInClaimIndex(db), 'state', 'available_at')
    .where({ state, tenant_id: tenantId })
    .orderBy([{ column: 'available_at' }, { column: 'id' }])
    .limit(count);

/** The tenant's summary row, held (MySQL) before any outbox row is read: the refresh protocol of ADR 0071. */
const summaryRow = (db: Knex | Knex.Transaction, t: ReadyTables, tenantId: string): Knex.QueryBuilder => {
  const query = db(t.outboxTenants)
    .select(db.raw('NULL AS ??', ['id']), 'tenant_id', ...notInClaimIndex(db), db.raw('? AS ??', ['summary', 'state']), db.raw('?? AS ??', ['next_ready_at', 'available_at']))
    .where({ tenant_id: tenantId });
  return isMysql(db as Knex) ? query.forUpdate() : query;
};

export type ClaimReadPart = 'summary' | 'claimable' | 'first';

/**
 * Everything a claim decides from, in one statement (one round trip inside the claim's transaction), its parts run
 * in order: the tenant's summary row, held first; the expired and the pending rows it may take (locking, SKIP
 * LOCKED); then the first `limit + 1` rows of each live state, read without a lock once the summary is held, so
 * every writer that moves a row's time (and refreshes the summary after) either committed before or waits for this
 * claim. MySQL takes parenthesised parts (each keeps its ORDER BY, LIMIT and lock); SQLite takes neither
 * parentheses nor a LIMIT in a compound's parts, only in subqueries. Each row says which part read it.
 */
export const claimReadQuery = (db: Knex | Knex.Transaction, t: ReadyTables, tenantId: string, now: number, limit: number): Knex.Raw => {
  const parts: [ClaimReadPart, Knex.QueryBuilder][] = [
    ['summary', summaryRow(db, t, tenantId)],
    ['claimable', claimableRows(db, t.outbox, 'in_flight', tenantId, now, limit)],
    ['claimable', claimableRows(db, t.outbox, 'pending', tenantId, now, limit)],
    ['first', firstRowsOfState(db, t.outbox, 'pending', tenantId, limit + 1)],
    ['first', firstRowsOfState(db, t.outbox, 'in_flight', tenantId, limit + 1)],
  ];
  const wrap = isMysql(db as Knex) ? (sql: string) => `(${sql})` : (sql: string) => `SELECT * FROM (${sql})`;
  const native = parts.map(([part, query]) => query.select(db.raw('? AS ??', [part, 'part'])).toSQL().toNative());
  return db.raw(native.map(({ sql }) => wrap(sql)).join(' UNION ALL '), native.flatMap(({ bindings }) => bindings));
};

/** The taken rows' new state: in flight until the lease ends, fenced by the attempt token (`prefix`: a table alias). */
export const inFlightUntil = (db: Knex | Knex.Transaction, attemptToken: string, leaseEndsAt: number, prefix = ''): Record<string, unknown> => ({
  [`${prefix}state`]: 'in_flight',
  [`${prefix}attempt`]: db.raw('?? + 1', [`${prefix}attempt`]),
  [`${prefix}attempt_token`]: attemptToken,
  [`${prefix}available_at`]: leaseEndsAt,
  // A notify arriving during delivery must make a new pending row, not vanish into this one.
  [`${prefix}dedupe_key`]: null,
});

/**
 * MySQL's one write of a claim (ADR 0084): the taken rows in flight and the tenant's wake-up, in one multi-table
 * UPDATE. The summary row is named by its key (a constant read of the row the claim holds), the outbox rows by
 * theirs, so no other row is read or locked.
 */
export const takeRowsSettingWakeUp = (
  db: Knex | Knex.Transaction,
  t: ReadyTables,
  tenantId: string,
  ids: readonly (number | string)[],
  attemptToken: string,
  leaseEndsAt: number,
  wakeUp: number | null,
): Knex.QueryBuilder =>
  db(`${t.outbox} as o`)
    .join(`${t.outboxTenants} as s`, 's.tenant_id', '=', 'o.tenant_id')
    .where('s.tenant_id', tenantId)
    .whereIn('o.id', ids)
    .update({ ...inFlightUntil(db, attemptToken, leaseEndsAt, 'o.'), 's.next_ready_at': wakeUp });
