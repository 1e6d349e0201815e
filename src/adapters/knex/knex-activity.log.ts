import type { Knex } from 'knex';
import type {
  ActivityAction,
  ActivityEntry,
  ActivityEntryInput,
  ActivityLog,
  ActivityOutcome,
  ActivityPage,
  ActivityQuery,
} from '../../application/ports/activity-log.port';
import type { HostRecordKind } from '../../domain/host/host-records';
import { activityPageLimit, activitySearchText, parseActivityCursor } from '../../application/ports/activity-log.port';
import { pluginTables } from './plugin-tables';

interface ActivityRow {
  id: number | string;
  tenant_id: string;
  at: number | string;
  action: string;
  kind: string | null;
  host_id: string | null;
  qbo_id: string | null;
  outcome: string;
  message: string;
  outbox_id: string | null;
  dismissed_at: number | string | null;
}

const fromRow = (row: ActivityRow): ActivityEntry => ({
  id: String(row.id),
  tenantId: row.tenant_id,
  at: Number(row.at),
  action: row.action as ActivityAction,
  kind: row.kind as HostRecordKind | null,
  hostId: row.host_id,
  qboId: row.qbo_id,
  outcome: row.outcome as ActivityOutcome,
  message: row.message,
  outboxId: row.outbox_id,
  dismissedAt: row.dismissed_at === null || row.dismissed_at === undefined ? null : Number(row.dismissed_at),
});

const rowOf = (entry: ActivityEntryInput): Omit<ActivityRow, 'id' | 'dismissed_at'> => ({
  tenant_id: entry.tenantId,
  at: entry.at,
  action: entry.action,
  kind: entry.kind,
  host_id: entry.hostId,
  qbo_id: entry.qboId,
  outcome: entry.outcome,
  message: entry.message,
  outbox_id: entry.outboxId,
});

/** Newest first by id, one index per filter (tenant, [kind | outcome], id), so every page is an index range. */
export class KnexActivityLog implements ActivityLog {
  private readonly table: string;

  constructor(private readonly knex: Knex, prefix: string) {
    this.table = pluginTables(prefix).activity;
  }

  async recordMany(entries: readonly ActivityEntryInput[]): Promise<void> {
    if (entries.length > 0) await this.knex(this.table).insert(entries.map(rowOf));
  }

  async record(entry: ActivityEntryInput): Promise<ActivityEntry> {
    const row = rowOf(entry);
    const [id] = await this.knex(this.table).insert(row);
    return { ...entry, id: String(id), dismissedAt: null };
  }

  async list(tenantId: string, query: ActivityQuery): Promise<ActivityPage> {
    const limit = activityPageLimit(query.limit);
    const before = parseActivityCursor(query.cursor);
    const select = this.knex(this.table).where({ tenant_id: tenantId }).orderBy('id', 'desc').limit(limit + 1);
    if (query.kind) select.andWhere({ kind: query.kind });
    if (query.outcome) select.andWhere({ outcome: query.outcome });
    if (before !== null) select.andWhere('id', '<', before);
    if (query.from !== undefined) select.andWhere('at', '>=', query.from);
    if (query.to !== undefined) select.andWhere('at', '<', query.to);
    const search = activitySearchText(query.search);
    if (search) {
      // LIKE's own wildcards in the text are matched literally. '!' escapes them: a backslash would itself need
      // escaping in MariaDB's string literals but not in SQLite's.
      const pattern = `%${search.replace(/[!%_]/g, (c) => `!${c}`)}%`;
      select.andWhere((where) => {
        where.whereRaw("LOWER(message) LIKE ? ESCAPE '!'", [pattern])
          .orWhereRaw("LOWER(COALESCE(host_id, '')) LIKE ? ESCAPE '!'", [pattern])
          .orWhereRaw("LOWER(COALESCE(qbo_id, '')) LIKE ? ESCAPE '!'", [pattern]);
      });
    }
    const rows: ActivityRow[] = await select;
    const items = rows.slice(0, limit).map(fromRow);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
  }

  async dismiss(tenantId: string, id: string, at: number): Promise<boolean> {
    if (!/^[1-9][0-9]{0,18}$/.test(id)) return false;
    const count = await this.knex(this.table).where({ tenant_id: tenantId, id, outcome: 'failure', dismissed_at: null }).update({ dismissed_at: at });
    return count === 1;
  }

  async get(tenantId: string, id: string): Promise<ActivityEntry | null> {
    if (!/^[1-9][0-9]{0,18}$/.test(id)) return null;
    const row: ActivityRow | undefined = await this.knex(this.table).where({ tenant_id: tenantId, id }).first();
    return row ? fromRow(row) : null;
  }
}
