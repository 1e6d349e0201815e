import type { Knex } from 'knex';
import { isMysql } from './knex-dialect';
import type { OutboxRow } from './outbox-row';

export type ClaimableState = 'pending' | 'in_flight';

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
    .select('id', 'tenant_id', 'kind', 'host_id', 'attempt', 'enqueued_at', 'state', 'available_at')
    .where({ state, tenant_id: tenantId })
    .andWhere('available_at', '<=', now)
    .orderBy([{ column: 'available_at' }, { column: 'id' }])
    .limit(limit);
  // SQLite has no row locks: its single writer already serialises claimers.
  return isMysql(db as Knex) ? query.forUpdate().skipLocked() : query;
};

/**
 * Both states' locking reads in one statement (one round trip inside the claim's transaction, not two): each part
 * is the indexed read above, so the plan is unchanged. MySQL takes parenthesised parts (each keeps its ORDER BY,
 * LIMIT and lock); SQLite takes neither parentheses nor a LIMIT in a compound's parts, only in subqueries.
 */
export const claimableRowsOfBothStates = (db: Knex | Knex.Transaction, table: string, tenantId: string, now: number, limit: number): Knex.Raw => {
  const [expired, pending] = (['in_flight', 'pending'] as const).map((state) => claimableRows(db, table, state, tenantId, now, limit).toSQL().toNative());
  const part = isMysql(db as Knex) ? (sql: string) => `(${sql})` : (sql: string) => `SELECT * FROM (${sql})`;
  return db.raw(`${part(expired!.sql)} UNION ALL ${part(pending!.sql)}`, [...expired!.bindings, ...pending!.bindings]);
};

/**
 * The rows a claim of `limit` takes: those whose lease expired first (they are older than anything still pending),
 * then pending ones, each oldest first. When expired rows fill part of the claim, the pending part has locked a few
 * rows it does not take until the claim commits; another claimer skips them (SKIP LOCKED), as it would the taken ones.
 */
export const readClaimableRows = async (trx: Knex.Transaction, table: string, tenantId: string, now: number, limit: number): Promise<OutboxRow[]> => {
  const result: unknown = await claimableRowsOfBothStates(trx, table, tenantId, now, limit);
  // mysql2 answers [rows, fields]; SQLite answers the rows.
  const rows = (isMysql(trx as unknown as Knex) ? (result as [OutboxRow[]])[0] : result) as OutboxRow[];
  const oldestFirst = (a: OutboxRow, b: OutboxRow): number => Number(a.available_at) - Number(b.available_at) || Number(a.id) - Number(b.id);
  const expired = rows.filter((row) => row.state === 'in_flight').sort(oldestFirst);
  const pending = rows.filter((row) => row.state === 'pending').sort(oldestFirst);
  return [...expired, ...pending].slice(0, limit);
};
