import type { LinkStore } from '../../application/ports/link-store.port';
import type { HostRecordKind } from '../../domain/host/host-records';
import type { QboWritableEntity } from '../../domain/qbo/qbo-records';
import type { Link } from '../../domain/sync/link';

const keyOf = (tenantId: string, kind: HostRecordKind, hostId: string): string => JSON.stringify([tenantId, kind, hostId]);
const byHostId = (a: Link, b: Link): number => (a.hostId < b.hostId ? -1 : a.hostId > b.hostId ? 1 : 0);
/**
 * Stored as a JSON round trip, exactly as the knex store keeps it: a caller mutating its object later changes
 * nothing here, and what comes back is what a database would give back (`-0` becomes `0`, `undefined` keys vanish).
 */
const copy = (link: Link): Link => ({ ...link, pushed: link.pushed === null ? null : (JSON.parse(JSON.stringify(link.pushed)) as Link['pushed']) });

export class InMemoryLinkStore implements LinkStore {
  private readonly links = new Map<string, { tenantId: string; link: Link }>();

  async get(tenantId: string, kind: HostRecordKind, hostId: string): Promise<Link | null> {
    const entry = this.links.get(keyOf(tenantId, kind, hostId));
    return entry ? copy(entry.link) : null;
  }

  async getMany(tenantId: string, kind: HostRecordKind, hostIds: readonly string[]): Promise<ReadonlyMap<string, Link>> {
    const found = new Map<string, Link>();
    for (const hostId of hostIds) {
      const link = await this.get(tenantId, kind, hostId);
      if (link) found.set(hostId, link);
    }
    return found;
  }

  async findByQboId(tenantId: string, entity: QboWritableEntity, qboId: string): Promise<Link | null> {
    const matches = this.ofTenant(tenantId).filter((link) => link.qboEntity === entity && link.qboId === qboId);
    matches.sort((a, b) => Number(a.retired) - Number(b.retired) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : byHostId(a, b)));
    return matches[0] ? copy(matches[0]) : null;
  }

  async save(tenantId: string, link: Link): Promise<void> {
    this.links.set(keyOf(tenantId, link.kind, link.hostId), { tenantId, link: copy(link) });
  }

  async saveMany(tenantId: string, links: readonly Link[]): Promise<void> {
    for (const link of links) await this.save(tenantId, link);
  }

  async *list(tenantId: string, kind: HostRecordKind): AsyncIterable<Link> {
    for (const link of this.ofTenant(tenantId).filter((l) => l.kind === kind).sort(byHostId)) yield copy(link);
  }

  async count(tenantId: string, kind?: HostRecordKind): Promise<number> {
    return this.ofTenant(tenantId).filter((link) => kind === undefined || link.kind === kind).length;
  }

  async removeAll(tenantId: string): Promise<void> {
    for (const [key, entry] of this.links) if (entry.tenantId === tenantId) this.links.delete(key);
  }

  private ofTenant(tenantId: string): Link[] {
    return [...this.links.values()].filter((entry) => entry.tenantId === tenantId).map((entry) => entry.link);
  }
}
