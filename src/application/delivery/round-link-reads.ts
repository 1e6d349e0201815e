import type { HostRecordKind } from '../../domain/host/host-records';
import type { QboWritableEntity } from '../../domain/qbo/qbo-records';
import type { Link } from '../../domain/sync/link';
import type { LinkStore } from '../ports/link-store.port';
import { recordKey } from './record-state';

type RecordRef = { readonly kind: HostRecordKind; readonly hostId: string };

/**
 * The links one delivery round's decisions read (ADR 0078), each read once: the customer, item and invoice its rows
 * name. A link is forgotten whenever the round begins to deliver its record and after each write of it (`forget`),
 * so no decision reads a link the round has changed since. Everything else passes through.
 */
export class RoundLinkReads implements LinkStore {
  /** null: read, and there is none. */
  private readonly links = new Map<string, Promise<Link | null>>();
  /** Links read and then forgotten, by kind: the next read of that kind reads them again with it (one statement, not one each). */
  private readonly forgotten = new Map<HostRecordKind, Set<string>>();

  constructor(
    private readonly store: LinkStore,
    private readonly tenantId: string,
  ) {}

  /** A link the round read at its start (its own rows'), kept unless one is already known. */
  remember(record: RecordRef & { readonly link: Link | null }): void {
    const key = recordKey(record);
    if (!this.links.has(key)) this.links.set(key, Promise.resolve(record.link));
  }

  forget(record: RecordRef): void {
    if (this.links.delete(recordKey(record))) this.forgotten.set(record.kind, (this.forgotten.get(record.kind) ?? new Set()).add(record.hostId));
  }

  async get(tenantId: string, kind: HostRecordKind, hostId: string): Promise<Link | null> {
    return (await this.getMany(tenantId, kind, [hostId])).get(hostId) ?? null;
  }

  /** The ids not read yet this round, and those of the kind forgotten since, go in one read of the store; a read that fails is not kept. */
  async getMany(tenantId: string, kind: HostRecordKind, hostIds: readonly string[]): Promise<ReadonlyMap<string, Link>> {
    if (tenantId !== this.tenantId) return this.store.getMany(tenantId, kind, hostIds);
    const wanted = [...new Set(hostIds)];
    const unread = (hostId: string): boolean => !this.links.has(recordKey({ kind, hostId }));
    if (wanted.some(unread)) {
      const missing = [...new Set([...wanted, ...(this.forgotten.get(kind) ?? [])])].filter(unread);
      this.forgotten.delete(kind);
      const reading = this.store.getMany(tenantId, kind, missing);
      for (const hostId of missing) {
        const key = recordKey({ kind, hostId });
        const one = reading.then((links) => links.get(hostId) ?? null);
        this.links.set(key, one);
        one.catch(() => this.links.get(key) === one && this.links.delete(key));
      }
    }
    const found = new Map<string, Link>();
    for (const hostId of wanted) {
      const link = await this.links.get(recordKey({ kind, hostId }))!;
      if (link !== null) found.set(hostId, link);
    }
    return found;
  }

  findByQboId(tenantId: string, entity: QboWritableEntity, qboId: string): Promise<Link | null> {
    return this.store.findByQboId(tenantId, entity, qboId);
  }

  async save(tenantId: string, link: Link): Promise<void> {
    this.forget(link);
    await this.store.save(tenantId, link);
    this.forget(link);
  }

  async saveMany(tenantId: string, links: readonly Link[]): Promise<void> {
    for (const link of links) this.forget(link);
    await this.store.saveMany(tenantId, links);
    for (const link of links) this.forget(link);
  }

  list(tenantId: string, kind: HostRecordKind): AsyncIterable<Link> {
    return this.store.list(tenantId, kind);
  }

  count(tenantId: string, kind?: HostRecordKind): Promise<number> {
    return this.store.count(tenantId, kind);
  }

  async removeAll(tenantId: string): Promise<void> {
    this.links.clear();
    await this.store.removeAll(tenantId);
  }
}
