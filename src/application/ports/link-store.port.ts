import type { HostRecordKind } from '../../domain/host/host-records';
import type { QboWritableEntity } from '../../domain/qbo/qbo-records';
import type { Link } from '../../domain/sync/link';

/** Host id ↔ QBO id, SyncToken and what was pushed last, per tenant. */
export const LinkStore = Symbol('qbo-sync.LinkStore');
export interface LinkStore {
  get(tenantId: string, kind: HostRecordKind, hostId: string): Promise<Link | null>;
  getMany(tenantId: string, kind: HostRecordKind, hostIds: readonly string[]): Promise<ReadonlyMap<string, Link>>;
  findByQboId(tenantId: string, entity: QboWritableEntity, qboId: string): Promise<Link | null>;
  /** Inserts or replaces the link of (tenant, kind, hostId). */
  save(tenantId: string, link: Link): Promise<void>;
  saveMany(tenantId: string, links: readonly Link[]): Promise<void>;
  /** Every link of a kind, in host-id order, page by page. */
  list(tenantId: string, kind: HostRecordKind): AsyncIterable<Link>;
  count(tenantId: string, kind?: HostRecordKind): Promise<number>;
  /** Forgets every link of the tenant (after the admin chose to reset them for another QBO company). */
  removeAll(tenantId: string): Promise<void>;
}
