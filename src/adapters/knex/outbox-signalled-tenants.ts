import type { Knex } from 'knex';
import { isMysql } from './knex-dialect';
import { consumeSignals, earliestOfState, readyTenantsQuery, type ReadyTables } from './outbox-ready-tenants';

/**
 * Up to this many unfolded signals, readyTenants reads the signalled companies' earliest live rows from the outbox
 * instead of folding the signals into the summary: a pass that writes nothing has no commit (an fsync) to wait for.
 * At this many it folds them in (ADR 0074): one pass in this many notifies pays for a fold, and the others read at
 * most this many companies' rows (two index dives each).
 */
export const signalsReadInPlace = 200;

interface Wakeup {
  readonly tenantId: string;
  readonly at: number;
}

/** utf8mb4_bin's order (code points), which the summary index uses to break ties; plain `<` compares UTF-16 units. */
const byCodePoint = (a: string, b: string): number => (a === b ? 0 : Buffer.compare(Buffer.from(a), Buffer.from(b)));
const earliestFirst = (a: Wakeup, b: Wakeup): number => a.at - b.at || byCodePoint(a.tenantId, b.tenantId);

/**
 * The companies' earliest pending and in-flight rows, read from the outbox: two correlated subqueries per company,
 * each one dive on the claim index (state, tenant_id, available_at), however long the company's backlog.
 */
export const earliestLiveRowsQuery = (knex: Knex, t: ReadyTables, tenants: readonly string[]): Knex.Raw => {
  const list = tenants.map(() => 'SELECT ? AS tenant_id').join(' UNION ALL ');
  return knex.raw(`SELECT s.tenant_id, ${earliestOfState} AS pending_at, ${earliestOfState} AS in_flight_at FROM (${list}) s`, [
    t.outbox, 'pending', 's',
    t.outbox, 'in_flight', 's',
    ...tenants,
  ]);
};

/** Each company's earliest live row (pending, or in flight until its lease ends); companies with none are absent. */
const earliestLiveRowsOf = async (knex: Knex, t: ReadyTables, tenants: readonly string[]): Promise<Map<string, number>> => {
  const result: unknown = await earliestLiveRowsQuery(knex, t, tenants);
  // mysql2 answers [rows, fields]; SQLite answers the rows.
  const rows = (isMysql(knex) ? (result as [unknown[]])[0] : result) as { tenant_id: string; pending_at: unknown; in_flight_at: unknown }[];
  const earliest = new Map<string, number>();
  for (const row of rows) {
    const times = [row.pending_at, row.in_flight_at].filter((at) => at !== null && at !== undefined).map(Number);
    if (times.length > 0) earliest.set(row.tenant_id, Math.min(...times));
  }
  return earliest;
};

/**
 * Companies with ready work at `now`, oldest first, exact without writing: the summary is exact for every company
 * but those with a signal not folded in yet (a host's change the worker has not seen), whose summary may be stale;
 * those are read from the outbox instead. Each read is of committed rows, and no signal is deleted here, so a signal
 * committed after the first read is seen by the next pass (late by one poll, as with a fold).
 */
export const readyTenantsReadingSignals = async (knex: Knex, t: ReadyTables, now: number, limit: number): Promise<string[]> => {
  const signals = (await knex(t.outboxSignals).select('tenant_id').orderBy('id').limit(signalsReadInPlace)) as { tenant_id: string }[];
  if (signals.length >= signalsReadInPlace) await consumeSignals(knex, t);
  const signalled = signals.length >= signalsReadInPlace ? new Set<string>() : new Set(signals.map((signal) => signal.tenant_id));
  // The summary's first rows include every unsignalled company that can make the cut, whatever the signalled ones
  // hold. The two reads are independent (each company is taken from one of them), so they run at once.
  const [indexed, fresh] = await Promise.all([
    readyTenantsQuery(knex, t, now, limit + signalled.size) as Promise<{ tenant_id: string; next_ready_at: unknown }[]>,
    signalled.size > 0 ? earliestLiveRowsOf(knex, t, [...signalled]) : new Map<string, number>(),
  ]);
  const wakeups: Wakeup[] = indexed.filter((row) => !signalled.has(row.tenant_id)).map((row) => ({ tenantId: row.tenant_id, at: Number(row.next_ready_at) }));
  if (signalled.size > 0) {
    for (const [tenantId, at] of fresh) if (at <= now) wakeups.push({ tenantId, at });
    wakeups.sort(earliestFirst);
  }
  return wakeups.slice(0, Math.max(0, limit)).map((wakeup) => wakeup.tenantId);
};
