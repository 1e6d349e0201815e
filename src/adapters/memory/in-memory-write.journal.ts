import type { PendingCreate, WriteJournal } from '../../application/ports/write-journal.port';
import type { HostRecordKind } from '../../domain/host/host-records';
import type { QboWritableEntity } from '../../domain/qbo/qbo-records';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const keyOf = (tenantId: string, kind: HostRecordKind, hostId: string): string => JSON.stringify([tenantId, kind, hostId]);

export class InMemoryWriteJournal implements WriteJournal {
  private readonly notes = new Map<string, PendingCreate>();

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
