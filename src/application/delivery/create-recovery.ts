import type { QboError } from '../../domain/qbo/qbo-error';
import type { QboRef } from '../../domain/qbo/qbo-records';
import { ok, type Result } from '../../domain/shared/result';
import type { LinkStore } from '../ports/link-store.port';
import type { QboGateway } from '../ports/qbo-gateway.port';
import type { PendingCreate, WriteJournal } from '../ports/write-journal.port';
import type { RecordState } from './record-state';

/**
 * Before deciding, settles a write an earlier attempt sent without storing its outcome (the process died), from
 * the note and link already read. A create found in QBO is adopted as the link; an update leaves the link as it is.
 * Either way nothing is marked as pushed, so the decision sends every host-owned field to that one copy instead
 * of creating a second or believing QBO holds an older version.
 */
export class CreateRecovery {
  constructor(
    private readonly gateway: QboGateway,
    private readonly links: LinkStore,
    private readonly journal: WriteJournal,
  ) {}

  /** The record's state with its note settled (the same state when it had none). */
  async settle(state: RecordState): Promise<Result<RecordState, QboError>> {
    const pending = state.note;
    if (pending === null) return ok(state);
    if (state.link !== null) {
      // An update whose outcome is unknown: QBO may hold it while the link says otherwise, so nothing counts as pushed.
      return ok(await this.relink(state, { ...state.link, fingerprint: null, pushed: null }));
    }
    const found = await this.find(pending);
    if (!found.ok) return found;
    if (found.value === null) return ok(await this.relink(state, null));
    // A name (or marker) already linked to another host record is that record's, never this one's.
    const owner = await this.links.findByQboId(state.tenantId, pending.entity, found.value.id);
    if (owner !== null && !(owner.kind === state.kind && owner.hostId === state.hostId)) return ok(await this.relink(state, null));
    const adopted = { kind: state.kind, hostId: state.hostId, qboEntity: pending.entity, qboId: found.value.id, syncToken: found.value.syncToken, fingerprint: null, pushed: null, retired: false };
    return ok(await this.relink(state, adopted));
  }

  private async relink(state: RecordState, link: RecordState['link']): Promise<RecordState> {
    if (link !== null) await this.links.save(state.tenantId, link);
    await this.journal.end(state.tenantId, state.kind, state.hostId);
    return { ...state, link, note: null };
  }

  private async find(pending: PendingCreate): Promise<Result<QboRef | null, QboError>> {
    const found =
      pending.entity === 'Customer' || pending.entity === 'Item'
        ? await this.gateway.findByName(pending.tenantId, pending.entity, pending.lookup)
        : await this.gateway.findByMarker(pending.tenantId, pending.entity, pending.lookup);
    return found.ok ? ok(found.value?.ref ?? null) : found;
  }
}
