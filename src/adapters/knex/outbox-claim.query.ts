import type { Knex } from 'knex';
import { isMysql } from './knex-dialect';

export type ClaimableState = 'pending' | 'in_flight';

/**
 * The claim's locking read, shared with the EXPLAIN test. Equality on (state, tenant_id), a range on
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
    .select('id', 'tenant_id', 'kind', 'host_id', 'attempt', 'enqueued_at')
    .where({ state, tenant_id: tenantId })
    .andWhere('available_at', '<=', now)
    .orderBy([{ column: 'available_at' }, { column: 'id' }])
    .limit(limit);
  // SQLite has no row locks: its single writer already serialises claimers.
  return isMysql(db as Knex) ? query.forUpdate().skipLocked() : query;
};
