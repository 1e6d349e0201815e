import type { Knex } from 'knex';
import type { PendingCreate, RefusedRecord, WriteJournal } from '../../application/ports/write-journal.port';
import type { HostRecordKind } from '../../domain/host/host-records';
import type { QboWritableEntity } from '../../domain/qbo/qbo-records';
import { deliveryTables } from './delivery-tables';

interface Row {
  tenant_id: string;
  kind: string;
  host_id: string;
  qbo_entity: string;
  lookup: string;
  at: number | string;
}

const noteFrom = (row: Row): PendingCreate => ({ tenantId: row.tenant_id, kind: row.kind as HostRecordKind, hostId: row.host_id, entity: row.qbo_entity as QboWritableEntity, lookup: row.lookup, at: Number(row.at) });

export class KnexWriteJournal implements WriteJournal {
  private readonly table: string;
  private readonly refusals: string;

  constructor(private readonly knex: Knex, prefix: string) {
    this.table = deliveryTables(prefix).pendingCreates;
    this.refusals = deliveryTables(prefix).refusals;
  }

  async refused(tenantId: string, kind: HostRecordKind, hostId: string, at: number): Promise<number> {
    return this.knex.transaction(async (trx) => {
      await trx(this.refusals)
        .insert({ tenant_id: tenantId, kind, host_id: hostId, refusals: 1, refused_at: at })
        .onConflict(['tenant_id', 'kind', 'host_id'])
        .merge({ refusals: trx.raw('?? + 1', [`${this.refusals}.refusals`]), refused_at: at });
      const row: { refusals: number | string } | undefined = await trx(this.refusals).select('refusals').where({ tenant_id: tenantId, kind, host_id: hostId }).first();
      return Number(row?.refusals ?? 1);
    });
  }

  async healed(tenantId: string, kind: HostRecordKind, hostId: string): Promise<void> {
    await this.knex(this.refusals).where({ tenant_id: tenantId, kind, host_id: hostId }).update({ refused_at: null });
  }

  async refusedRecords(tenantId: string, limit: number): Promise<readonly RefusedRecord[]> {
    const rows: { kind: string; host_id: string; refusals: number | string; refused_at: number | string }[] = await this.knex(this.refusals)
      .select('kind', 'host_id', 'refusals', 'refused_at').where({ tenant_id: tenantId }).whereNotNull('refused_at').orderBy('refused_at').orderBy('kind').orderBy('host_id').limit(limit);
    return rows.map((row) => ({ kind: row.kind as HostRecordKind, hostId: row.host_id, refusals: Number(row.refusals), refusedAt: Number(row.refused_at) }));
  }

  async refusalsOf(tenantId: string, kind: HostRecordKind, hostIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
    const counts = new Map<string, number>();
    const ids = [...new Set(hostIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const rows: { host_id: string; refusals: number | string }[] = await this.knex(this.refusals).select('host_id', 'refusals').where({ tenant_id: tenantId, kind }).whereIn('host_id', ids.slice(i, i + 500));
      for (const row of rows) counts.set(row.host_id, Number(row.refusals));
    }
    return counts;
  }

  async begin(entry: PendingCreate): Promise<void> {
    await this.knex(this.table)
      .insert({ tenant_id: entry.tenantId, kind: entry.kind, host_id: entry.hostId, qbo_entity: entry.entity, lookup: entry.lookup, at: entry.at })
      .onConflict(['tenant_id', 'kind', 'host_id'])
      .merge(['qbo_entity', 'lookup', 'at']);
  }

  async get(tenantId: string, kind: HostRecordKind, hostId: string): Promise<PendingCreate | null> {
    const row: Row | undefined = await this.knex(this.table).where({ tenant_id: tenantId, kind, host_id: hostId }).first();
    return row ? noteFrom(row) : null;
  }

  async begunBefore(tenantId: string, before: number, limit: number): Promise<readonly PendingCreate[]> {
    const rows: Row[] = await this.knex(this.table)
      .where({ tenant_id: tenantId })
      .andWhere('at', '<', before)
      .orderBy([{ column: 'at' }, { column: 'kind' }, { column: 'host_id' }])
      .limit(limit);
    return rows.map(noteFrom);
  }

  async withLookup(tenantId: string, entity: QboWritableEntity, lookup: string): Promise<readonly PendingCreate[]> {
    // Few notes exist at a time (one per create in flight): filtering them in code keeps `lookup` a plain TEXT column.
    const rows: Row[] = await this.knex(this.table).where({ tenant_id: tenantId, qbo_entity: entity });
    return rows.filter((row) => row.lookup === lookup).map(noteFrom);
  }

  async beginMany(entries: readonly PendingCreate[]): Promise<void> {
    if (entries.length === 0) return;
    await this.knex(this.table)
      .insert(entries.map((entry) => ({ tenant_id: entry.tenantId, kind: entry.kind, host_id: entry.hostId, qbo_entity: entry.entity, lookup: entry.lookup, at: entry.at })))
      .onConflict(['tenant_id', 'kind', 'host_id'])
      .merge(['qbo_entity', 'lookup', 'at']);
  }

  async getMany(tenantId: string, kind: HostRecordKind, hostIds: readonly string[]): Promise<ReadonlyMap<string, PendingCreate>> {
    if (hostIds.length === 0) return new Map();
    const rows: Row[] = await this.knex(this.table).where({ tenant_id: tenantId, kind }).whereIn('host_id', [...hostIds]);
    return new Map(rows.map((row) => [row.host_id, noteFrom(row)]));
  }

  async endMany(tenantId: string, kind: HostRecordKind, hostIds: readonly string[]): Promise<void> {
    if (hostIds.length === 0) return;
    await this.knex(this.table).where({ tenant_id: tenantId, kind }).whereIn('host_id', [...hostIds]).delete();
  }

  async end(tenantId: string, kind: HostRecordKind, hostId: string): Promise<void> {
    await this.knex(this.table).where({ tenant_id: tenantId, kind, host_id: hostId }).delete();
  }
}
