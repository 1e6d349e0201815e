import type { Knex } from 'knex';
import type { HostDirectory } from '../../../src/application/ports/host-directory.port';
import { toQboCustomerFields } from '../../../src/domain/customers/customer-to-qbo';
import { toQboItemFields } from '../../../src/domain/items/item-to-qbo';
import type { RecordedWrite } from './qbo-write-recorder';

type ListKind = 'customer' | 'item';
/** What tells one host version from another in QBO: its name and its active flag. */
type Look = string;

const lookOf = (name: unknown, active: unknown): Look => JSON.stringify([name, active !== false]);

/**
 * The witness of delivery order. Every host version of a customer or item is written down as it is committed
 * (as QBO should show it: name and active flag); every write QBO answered is traced to its host record through the
 * link, and the record QBO returned to one of that record's versions. Per record: exactly one create, then only
 * ever newer versions, ending at the host's last one.
 */
export class WriteWitness {
  private readonly versions = new Map<string, Look[]>();

  constructor(private readonly host: HostDirectory) {}

  /** Call after each committed change of a customer or item. */
  async recordVersion(tenantId: string, kind: ListKind, hostId: string): Promise<void> {
    let look: Look;
    if (kind === 'customer') {
      const customer = await this.host.getCustomer(tenantId, hostId);
      if (!customer) throw new Error(`customer ${hostId} of tenant ${tenantId} is not in the host`);
      const fields = toQboCustomerFields(customer);
      look = lookOf(fields.displayName, fields.active);
    } else {
      const item = await this.host.getItem(tenantId, hostId);
      if (!item) throw new Error(`item ${hostId} of tenant ${tenantId} is not in the host`);
      const fields = toQboItemFields(item);
      look = lookOf(fields.name, fields.active);
    }
    const key = `${tenantId}:${kind}:${hostId}`;
    this.versions.set(key, [...(this.versions.get(key) ?? []), look]);
  }

  /** Problems of one tenant: writes no version explains, a second create, an older version after a newer one, a last version missing. */
  async violations(knex: Knex, tenantId: string, realmId: string, writes: readonly RecordedWrite[]): Promise<string[]> {
    const links = (await knex('qbo_links').where({ tenant_id: tenantId }).whereIn('kind', ['customer', 'item']).select('kind', 'host_id', 'qbo_id')) as Array<{ kind: string; host_id: string; qbo_id: string }>;
    const recordOf = new Map(links.map((l) => [`${l.kind === 'customer' ? 'Customer' : 'Item'}:${l.qbo_id}`, `${tenantId}:${l.kind}:${l.host_id}`]));
    const problems: string[] = [];
    const seen = new Map<string, Array<{ operation: string; version: number }>>();
    for (const write of writes) {
      if (write.realmId !== realmId || (write.entity !== 'Customer' && write.entity !== 'Item')) continue;
      const record = recordOf.get(`${write.entity}:${write.id}`);
      if (!record) {
        problems.push(`${write.entity} ${write.id}: ${write.operation} of a QBO record no host record is linked to`);
        continue;
      }
      const look = write.entity === 'Customer' ? lookOf(write.record.DisplayName, write.record.Active) : lookOf(write.record.Name, write.record.Active);
      const versions = this.versions.get(record) ?? [];
      const previous = seen.get(record)?.at(-1)?.version ?? -1;
      // The first version at or after the previous one that looks like this (versions repeat a look only by accident).
      const version = versions.findIndex((v, i) => i >= Math.max(previous, 0) && v === look);
      if (version < 0) problems.push(`${record}: QBO got ${look} after version ${previous}; the host's versions are ${versions.join(' ')}`);
      seen.set(record, [...(seen.get(record) ?? []), { operation: write.operation, version }]);
    }
    for (const [record, versions] of this.versions) {
      if (!record.startsWith(`${tenantId}:`)) continue;
      const applied = seen.get(record) ?? [];
      const creates = applied.filter((w) => w.operation === 'create').length;
      if (creates !== 1 || applied[0]?.operation !== 'create') problems.push(`${record}: ${creates} creates, first write ${applied[0]?.operation ?? 'none'}`);
      if (applied.at(-1)?.version !== versions.length - 1) problems.push(`${record}: QBO last got version ${applied.at(-1)?.version ?? 'none'}, the host is at ${versions.length - 1}`);
    }
    return problems;
  }
}

/** Applied creates of one kind in QBO's request log (`qs-invo-cre-…`, `qs-paym-cre-…`), single requests only. */
export const isAppliedWrite = (request: { method: string; status: number; replayed: boolean; requestid: string | null; path: string }): boolean =>
  request.method === 'POST' && request.status === 200 && !request.replayed && request.requestid !== null && !/\/query$/.test(request.path);
