import type { Knex } from 'knex';
import type { LinkStore } from '../../application/ports/link-store.port';
import type { HostRecordKind } from '../../domain/host/host-records';
import type { QboWritableEntity } from '../../domain/qbo/qbo-records';
import type { Link } from '../../domain/sync/link';
import { pluginTables } from './plugin-tables';

interface LinkRow {
  tenant_id: string;
  kind: string;
  host_id: string;
  qbo_entity: string;
  qbo_id: string;
  sync_token: string;
  fingerprint: string | null;
  pushed: string | null;
  retired: boolean | number;
}

const pageSize = 500;
const updatable = ['qbo_entity', 'qbo_id', 'sync_token', 'fingerprint', 'pushed', 'retired'];

const toRow = (tenantId: string, link: Link): LinkRow => ({
  tenant_id: tenantId,
  kind: link.kind,
  host_id: link.hostId,
  qbo_entity: link.qboEntity,
  qbo_id: link.qboId,
  sync_token: link.syncToken,
  fingerprint: link.fingerprint,
  pushed: link.pushed === null ? null : JSON.stringify(link.pushed),
  retired: link.retired,
});

const fromRow = (row: LinkRow): Link => ({
  kind: row.kind as HostRecordKind,
  hostId: row.host_id,
  qboEntity: row.qbo_entity as QboWritableEntity,
  qboId: row.qbo_id,
  syncToken: row.sync_token,
  fingerprint: row.fingerprint,
  pushed: row.pushed === null ? null : (JSON.parse(row.pushed) as Record<string, unknown>),
  retired: Boolean(row.retired),
});

export class KnexLinkStore implements LinkStore {
  private readonly table: string;

  constructor(private readonly knex: Knex, prefix: string) {
    this.table = pluginTables(prefix).links;
  }

  async get(tenantId: string, kind: HostRecordKind, hostId: string): Promise<Link | null> {
    const row: LinkRow | undefined = await this.knex(this.table).where({ tenant_id: tenantId, kind, host_id: hostId }).first();
    return row ? fromRow(row) : null;
  }

  async getMany(tenantId: string, kind: HostRecordKind, hostIds: readonly string[]): Promise<ReadonlyMap<string, Link>> {
    const links = new Map<string, Link>();
    const unique = [...new Set(hostIds)];
    for (let start = 0; start < unique.length; start += pageSize) {
      const rows: LinkRow[] = await this.knex(this.table)
        .where({ tenant_id: tenantId, kind })
        .whereIn('host_id', unique.slice(start, start + pageSize));
      for (const row of rows) links.set(row.host_id, fromRow(row));
    }
    return links;
  }

  async findByQboId(tenantId: string, entity: QboWritableEntity, qboId: string): Promise<Link | null> {
    const row: LinkRow | undefined = await this.knex(this.table)
      .where({ tenant_id: tenantId, qbo_entity: entity, qbo_id: qboId })
      .orderBy([{ column: 'retired' }, { column: 'kind' }, { column: 'host_id' }])
      .first();
    return row ? fromRow(row) : null;
  }

  async save(tenantId: string, link: Link): Promise<void> {
    await this.saveMany(tenantId, [link]);
  }

  async saveMany(tenantId: string, links: readonly Link[]): Promise<void> {
    // The last link given for a record wins, as if saved one after the other.
    const rows = [...new Map(links.map((link) => [`${link.kind}:${link.hostId}`, toRow(tenantId, link)])).values()];
    for (let start = 0; start < rows.length; start += pageSize) {
      await this.knex(this.table)
        .insert(rows.slice(start, start + pageSize))
        .onConflict(['tenant_id', 'kind', 'host_id'])
        .merge(updatable);
    }
  }

  async *list(tenantId: string, kind: HostRecordKind): AsyncIterable<Link> {
    let after: string | null = null;
    for (;;) {
      const query = this.knex(this.table).where({ tenant_id: tenantId, kind }).orderBy('host_id').limit(pageSize);
      if (after !== null) query.andWhere('host_id', '>', after);
      const rows: LinkRow[] = await query;
      for (const row of rows) yield fromRow(row);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.host_id;
    }
  }

  async count(tenantId: string, kind?: HostRecordKind): Promise<number> {
    const query = this.knex(this.table).where({ tenant_id: tenantId }).count({ n: '*' });
    if (kind) query.andWhere({ kind });
    const [row] = (await query) as { n: number | string }[];
    return Number(row?.n ?? 0);
  }

  async removeAll(tenantId: string): Promise<void> {
    await this.knex(this.table).where({ tenant_id: tenantId }).delete();
  }
}
