import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { ClaimedChange } from '../../application/ports/outbox-store.port';
import { isMysql } from './knex-dialect';
import { claimReadQuery, inFlightUntil, takeRowsSettingWakeUp, type ClaimReadPart } from './outbox-claim.query';
import { refreshTenants, type ReadyTables } from './outbox-ready-tenants';
import { claimedFromRow, type OutboxRow } from './outbox-row';

type ClaimReadRow = OutboxRow & { readonly part: ClaimReadPart };

const oldestFirst = (a: OutboxRow, b: OutboxRow): number => Number(a.available_at) - Number(b.available_at) || Number(a.id) - Number(b.id);

/**
 * What one claim read decides: the rows taken (those whose lease expired first, as they are older than anything
 * still pending, then pending ones, each oldest first) and the tenant's wake-up once they are in flight until
 * `leaseEndsAt`. The wake-up is the earliest of the first row of each live state the claim does not take, and the
 * taken rows' lease end: the first `limit + 1` rows of a state always hold one not taken, if the state has one.
 * `summaryHeld` is false when the tenant has no summary row yet (its signals were read in place, never folded in).
 */
export const decideClaim = (
  rows: readonly ClaimReadRow[],
  limit: number,
  leaseEndsAt: number,
): { readonly taken: OutboxRow[]; readonly wakeUp: number | null; readonly summaryHeld: boolean; readonly summaryWakeUp: number | null } => {
  const claimable = rows.filter((row) => row.part === 'claimable');
  const expired = claimable.filter((row) => row.state === 'in_flight').sort(oldestFirst);
  const pending = claimable.filter((row) => row.state === 'pending').sort(oldestFirst);
  const taken = [...expired, ...pending].slice(0, limit);
  const takenIds = new Set(taken.map((row) => String(row.id)));
  const firstNotTaken = (state: string): number[] => {
    const row = rows.filter((r) => r.part === 'first' && r.state === state).sort(oldestFirst).find((r) => !takenIds.has(String(r.id)));
    return row ? [Number(row.available_at)] : [];
  };
  const times = [...firstNotTaken('pending'), ...firstNotTaken('in_flight'), ...(taken.length > 0 ? [leaseEndsAt] : [])];
  const summary = rows.find((row) => row.part === 'summary');
  const summaryAt = summary?.available_at;
  return {
    taken,
    wakeUp: times.length > 0 ? Math.min(...times) : null,
    summaryHeld: summary !== undefined,
    summaryWakeUp: summaryAt === null || summaryAt === undefined ? null : Number(summaryAt),
  };
};

const readRows = async (trx: Knex.Transaction, t: ReadyTables, tenantId: string, now: number, limit: number): Promise<ClaimReadRow[]> => {
  const result: unknown = await claimReadQuery(trx, t, tenantId, now, limit);
  // mysql2 answers [rows, fields]; SQLite answers the rows.
  return (isMysql(trx as unknown as Knex) ? (result as [ClaimReadRow[]])[0] : result) as ClaimReadRow[];
};

/**
 * One claim inside the caller's transaction (READ COMMITTED on MySQL): one read, then one write on MySQL, where the
 * taken rows and the tenant's summary change in one multi-table UPDATE (ADR 0084). A tenant without a summary row
 * takes the refresh of ADR 0071, which creates it.
 */
export const claimInTransaction = async (
  trx: Knex.Transaction,
  t: ReadyTables,
  tenantId: string,
  limit: number,
  now: number,
  leaseMs: number,
): Promise<ClaimedChange[]> => {
  const leaseEndsAt = now + leaseMs;
  const { taken, wakeUp, summaryHeld, summaryWakeUp } = decideClaim(await readRows(trx, t, tenantId, now, limit), limit, leaseEndsAt);
  const attemptToken = randomUUID();
  const ids = taken.map((row) => row.id);
  if (!summaryHeld) {
    if (ids.length > 0) await trx(t.outbox).whereIn('id', ids).update(inFlightUntil(trx, attemptToken, leaseEndsAt));
    await refreshTenants(trx, t, [tenantId]);
  } else if (ids.length === 0) {
    // Woken for nothing (the summary ran ahead of the rows): set the tenant's wake-up right, if it is not.
    if (summaryWakeUp !== wakeUp) await trx(t.outboxTenants).where({ tenant_id: tenantId }).update({ next_ready_at: wakeUp });
  } else if (isMysql(trx as unknown as Knex)) {
    await takeRowsSettingWakeUp(trx, t, tenantId, ids, attemptToken, leaseEndsAt, wakeUp);
  } else {
    await trx(t.outbox).whereIn('id', ids).update(inFlightUntil(trx, attemptToken, leaseEndsAt));
    await trx(t.outboxTenants).where({ tenant_id: tenantId }).update({ next_ready_at: wakeUp });
  }
  return taken.map((row) => claimedFromRow(row, attemptToken)).sort((a, b) => Number(a.id) - Number(b.id));
};
