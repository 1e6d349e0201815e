import type { Knex } from 'knex';
import { isMysql } from './knex-dialect';
import { earliestOfState, laterThanAnyTime, readyTenantsQuery, type ReadyTables } from './outbox-ready-tenants';

/**
 * Up to this many unfolded signals, readyTenants reads the signalled companies' earliest live rows from the outbox
 * instead of folding the signals into the summary first: a pass that writes nothing has no commit (an fsync) to wait
 * for (ADR 0074). At this many it folds them in before it answers, as the read in place covers only these.
 */
export const signalsReadInPlace = 200;

/**
 * From this many unfolded signals a pass starts a fold beside itself (ADR 0089): the signals read in place, two index
 * dives per company, stay few, and the fold's commit is not the pass's.
 */
export const signalsFoldedBeside = 32;

/** How a pass gets signals folded: now, before it reads the summary, or beside it while it answers. */
export interface SignalFolder {
  foldNow(): Promise<void>;
  startBeside(): void;
}

interface Wakeup {
  readonly tenantId: string;
  readonly at: number;
}

/** utf8mb4_bin's order (code points), which the summary index uses to break ties; plain `<` compares UTF-16 units. */
const byCodePoint = (a: string, b: string): number => (a === b ? 0 : Buffer.compare(Buffer.from(a), Buffer.from(b)));
const earliestFirst = (a: Wakeup, b: Wakeup): number => a.at - b.at || byCodePoint(a.tenantId, b.tenantId);

/** The first signals, oldest first, as a derived table. */
const firstSignals = (t: ReadyTables): [string, Knex.RawBinding[]] => ['(SELECT id, tenant_id FROM ?? ORDER BY id LIMIT ?)', [t.outboxSignals, signalsReadInPlace]];

/**
 * Everything readyTenants decides from, in one statement (one round trip, one snapshot), as rows of three parts:
 * - `signals`: how many signals wait, counted up to `signalsReadInPlace`;
 * - `index`: the summary's ready companies oldest first, `limit + signalsReadInPlace` of them (an index range on
 *   (next_ready_at, tenant_id)): enough for `limit` once the signalled ones, whose summary may be stale, are left
 *   out. Leaving them out in SQL (`NOT IN` the signals) cost 0.74 ms of the server's time per 1,000 rows; the
 *   extra rows cost less to send;
 * - `signalled`: each signalled company's earliest pending and in-flight rows, two dives on the claim index each.
 * Once `signalsReadInPlace` signals wait they are folded in instead (ADR 0074): the last two parts then read nothing.
 */
export const readyTenantsReadQuery = (knex: Knex, t: ReadyTables, now: number, limit: number): Knex.Raw => {
  const least = isMysql(knex) ? 'LEAST' : 'MIN';
  const wrap = isMysql(knex) ? (sql: string) => `(${sql})` : (sql: string) => `SELECT * FROM (${sql})`;
  const [signals, signalBindings] = firstSignals(t);
  const fewSignals = `(SELECT COUNT(*) FROM ${signals} c) < ?`;
  const fewSignalsBindings = [...signalBindings, signalsReadInPlace];
  const parts: [string, Knex.RawBinding[]][] = [
    [`SELECT 'signals' AS part, NULL AS tenant_id, COUNT(*) AS at FROM ${signals} c`, signalBindings],
    [
      `SELECT 'index' AS part, i.tenant_id, i.next_ready_at AS at FROM ?? i
       WHERE i.next_ready_at <= ? AND ${fewSignals} ORDER BY i.next_ready_at, i.tenant_id LIMIT ?`,
      [t.outboxTenants, now, ...fewSignalsBindings, Math.max(0, limit) + signalsReadInPlace],
    ],
    [
      `SELECT 'signalled' AS part, s.tenant_id, ${least}(COALESCE(${earliestOfState}, ${laterThanAnyTime}), COALESCE(${earliestOfState}, ${laterThanAnyTime})) AS at
       FROM (SELECT DISTINCT f.tenant_id FROM ${signals} f) s WHERE ${fewSignals}`,
      [t.outbox, 'pending', 's', t.outbox, 'in_flight', 's', ...signalBindings, ...fewSignalsBindings],
    ],
  ];
  return knex.raw(parts.map(([sql]) => wrap(sql)).join(' UNION ALL '), parts.flatMap(([, bindings]) => bindings));
};

/**
 * Companies with ready work at `now`, oldest first, exact without writing: the summary is exact for every company
 * but those with a signal not folded in yet (a host's change the worker has not seen), whose summary may be stale;
 * those are read from the outbox instead, in the same statement (one snapshot). No signal is deleted here, so a
 * signal committed after the read is seen by the next pass (late by one poll, as with a fold). From
 * `signalsFoldedBeside` signals a fold is started beside the pass, which still answers from this read (one snapshot:
 * a signal is either still there or folded by a commit that also refreshed its company). Only at
 * `signalsReadInPlace` are they folded in before the answer, and the summary alone is read.
 */
export const readyTenantsReadingSignals = async (knex: Knex, t: ReadyTables, now: number, limit: number, folder: SignalFolder): Promise<string[]> => {
  const result: unknown = await readyTenantsReadQuery(knex, t, now, limit);
  // mysql2 answers [rows, fields]; SQLite answers the rows.
  const rows = (isMysql(knex) ? (result as [unknown[]])[0] : result) as { part: string; tenant_id: string | null; at: unknown }[];
  const waiting = Number(rows.find((row) => row.part === 'signals')?.at ?? 0);
  if (waiting >= signalsReadInPlace) {
    await folder.foldNow();
    return ((await readyTenantsQuery(knex, t, now, limit)) as { tenant_id: string }[]).map((row) => row.tenant_id);
  }
  if (waiting >= signalsFoldedBeside) folder.startBeside();
  const signalledRows = rows.filter((row) => row.part === 'signalled');
  const signalled = new Set(signalledRows.map((row) => row.tenant_id));
  const wakeupsOf = (part: typeof rows): Wakeup[] =>
    part.filter((row) => Number(row.at) <= now).map((row) => ({ tenantId: row.tenant_id as string, at: Number(row.at) }));
  // The summary's part comes sorted by its index; signalled companies are read from their rows and merged into it.
  const indexed = wakeupsOf(rows.filter((row) => row.part === 'index' && !signalled.has(row.tenant_id)));
  const wakeups = signalled.size === 0 ? indexed : [...indexed, ...wakeupsOf(signalledRows)].sort(earliestFirst);
  return wakeups.slice(0, Math.max(0, limit)).map((wakeup) => wakeup.tenantId);
};
