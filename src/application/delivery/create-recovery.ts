import type { QboError } from '../../domain/qbo/qbo-error';
import type { QboRef } from '../../domain/qbo/qbo-records';
import { ok, type Result } from '../../domain/shared/result';
import type { LinkStore } from '../ports/link-store.port';
import type { QboGateway } from '../ports/qbo-gateway.port';
import type { PendingCreate, WriteJournal } from '../ports/write-journal.port';
import type { RecordAddress } from './delivery-log';

/**
 * Before deciding, settles a write an earlier attempt sent without storing its outcome (the process died). A
 * create found in QBO is adopted as the link; an update leaves the link as it is. Either way nothing is marked as
 * pushed, so the next decision sends every host-owned field to that one copy instead of creating a second or
 * believing QBO holds an older version.
 */
export class CreateRecovery {
  constructor(
    private readonly gateway: QboGateway,
    private readonly links: LinkStore,
    private readonly journal: WriteJournal,
  ) {}

  /** True when an earlier copy was found and linked. */
  async adoptEarlierCreate(record: RecordAddress): Promise<Result<boolean, QboError>> {
    const pending = await this.journal.get(record.tenantId, record.kind, record.hostId);
    if (pending === null) return ok(false);
    const link = await this.links.get(record.tenantId, record.kind, record.hostId);
    if (link !== null) {
      // An update whose outcome is unknown: QBO may hold it while the link says otherwise, so nothing counts as pushed.
      await this.links.save(record.tenantId, { ...link, fingerprint: null, pushed: null });
      await this.journal.end(record.tenantId, record.kind, record.hostId);
      return ok(false);
    }
    const found = await this.find(pending);
    if (!found.ok) return found;
    // A name (or marker) already linked to another host record is that record's, never this one's.
    const owner = found.value === null ? null : await this.links.findByQboId(record.tenantId, pending.entity, found.value.id);
    if (found.value !== null && owner !== null && !(owner.kind === record.kind && owner.hostId === record.hostId)) {
      await this.journal.end(record.tenantId, record.kind, record.hostId);
      return ok(false);
    }
    if (found.value !== null) {
      await this.links.save(record.tenantId, { kind: record.kind, hostId: record.hostId, qboEntity: pending.entity, qboId: found.value.id, syncToken: found.value.syncToken, fingerprint: null, pushed: null, retired: false });
    }
    await this.journal.end(record.tenantId, record.kind, record.hostId);
    return ok(found.value !== null);
  }

  private async find(pending: PendingCreate): Promise<Result<QboRef | null, QboError>> {
    const found =
      pending.entity === 'Customer' || pending.entity === 'Item'
        ? await this.gateway.findByName(pending.tenantId, pending.entity, pending.lookup)
        : await this.gateway.findByMarker(pending.tenantId, pending.entity, pending.lookup);
    return found.ok ? ok(found.value?.ref ?? null) : found;
  }
}
