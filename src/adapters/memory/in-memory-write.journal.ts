import type { PendingCreate, RefusedRecord, WriteJournal } from '../../application/ports/write-journal.port';
import type { HostRecordKind } from '../../domain/host/host-records';
import type { QboWritableEntity } from '../../domain/qbo/qbo-records';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const keyOf = (tenantId: string, kind: HostRecordKind, hostId: string): string => JSON.stringify([tenantId, kind, hostId]);

export class InMemoryWriteJournal implements WriteJournal {
  private readonly notes = new Map<string, PendingCreate>();
  private readonly refusals = new Map<string, number>();
  private readonly lastRefusal = new Map<string, RefusedRecord & { tenantId: string }>();

  async refused(tenantId: string, kind: HostRecordKind, hostId: string, at: number): Promise<number> {
    const key = keyOf(tenantId, kind, hostId);
    const count = (this.refusals.get(key) ?? 0) + 1;
    this.refusals.set(key, count);
    this.lastRefusal.set(key, { tenantId, kind, hostId, refusals: count, refusedAt: at });
    return count;
  }

  async healed(tenantId: string, kind: HostRecordKind, hostId: string): Promise<void> {
    this.lastRefusal.delete(keyOf(tenantId, kind, hostId));
  }

  async refusedRecords(tenantId: string, limit: number): Promise<readonly RefusedRecord[]> {
    return [...this.lastRefusal.values()]
      .filter((row) => row.tenantId === tenantId)
      .sort((a, b) => a.refusedAt - b.refusedAt || byText(a.kind, b.kind) || byText(a.hostId, b.hostId))
      .slice(0, limit)
      .map(({ kind, hostId, refusals, refusedAt }) => ({ kind, hostId, refusals, refusedAt }));
  }

  async refusalsOf(tenantId: string, kind: HostRecordKind, hostIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
    return new Map(hostIds.flatMap((hostId) => {
      const count = this.refusals.get(keyOf(tenantId, kind, hostId));
      return count === undefined ? [] : [[hostId, count] as const];
    }));
  }

  async begin(entry: PendingCreate): Promise<void> {
    this.notes.set(keyOf(entry.tenantId, entry.kind, entry.hostId), { ...entry });
  }

  async get(tenantId: string, kind: HostRecordKind, hostId: string): Promise<PendingCreate | null> {
    return this.notes.get(keyOf(tenantId, kind, hostId)) ?? null;
  }

  async begunBefore(tenantId: string, before: number, limit: number): Promise<readonly PendingCreate[]> {
    return [...this.notes.values()]
      .filter((note) => note.tenantId === tenantId && note.at < before)
      .sort((a, b) => a.at - b.at || byText(a.kind, b.kind) || byText(a.hostId, b.hostId))
      .slice(0, limit);
  }

  async withLookup(tenantId: string, entity: QboWritableEntity, lookup: string): Promise<readonly PendingCreate[]> {
    return [...this.notes.values()].filter((note) => note.tenantId === tenantId && note.entity === entity && note.lookup === lookup);
  }

  async beginMany(entries: readonly PendingCreate[]): Promise<void> {
    for (const entry of entries) await this.begin(entry);
  }

  async getMany(tenantId: string, kind: HostRecordKind, hostIds: readonly string[]): Promise<ReadonlyMap<string, PendingCreate>> {
    return new Map(hostIds.flatMap((hostId) => {
      const note = this.notes.get(keyOf(tenantId, kind, hostId));
      return note ? [[hostId, note] as const] : [];
    }));
  }

  async endMany(tenantId: string, kind: HostRecordKind, hostIds: readonly string[]): Promise<void> {
    for (const hostId of hostIds) this.notes.delete(keyOf(tenantId, kind, hostId));
  }

  async end(tenantId: string, kind: HostRecordKind, hostId: string): Promise<void> {
    this.notes.delete(keyOf(tenantId, kind, hostId));
  }
}
