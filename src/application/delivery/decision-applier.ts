import type { QboError } from '../../domain/qbo/qbo-error';
import type { QboDraft, QboRef } from '../../domain/qbo/qbo-records';
import type { Result } from '../../domain/shared/result';
import { requestIdFor } from '../../domain/sync/request-id';
import type { SyncDecision } from '../../domain/sync/sync-decision';
import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { LinkStore } from '../ports/link-store.port';
import type { QboGateway } from '../ports/qbo-gateway.port';
import type { WriteJournal } from '../ports/write-journal.port';
import type { DeliveryOutcome } from './delivery-outcome';
import { logDelivery, successMessage, type RecordAddress } from './delivery-log';
import { outcomeOfQboError } from './qbo-error-outcome';

export type { RecordAddress } from './delivery-log';

export type Write = Extract<SyncDecision, { kind: 'create' | 'update' | 'delete' | 'void' }>;

/** What applying a write came to; `name-taken` goes back to the caller, which picks another name and decides again. */
export type Applied = DeliveryOutcome | { readonly kind: 'name-taken'; readonly error: QboError };

/** Carries out one write decision in QBO, then stores the link and one activity row, whatever the outcome. */
export class DecisionApplier {
  constructor(
    private readonly gateway: QboGateway,
    private readonly links: LinkStore,
    private readonly journal: WriteJournal,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
  ) {}

  /** `note` is appended to the activity message (e.g. why the name differs from the host's). */
  async apply(record: RecordAddress, decision: Write, note?: string): Promise<Applied> {
    let written = await this.write(record, decision);
    if (written.ok && decision.kind === 'create' && written.value && (await this.linkedElsewhere(record, decision.draft, written.value.id))) {
      // An unanswered create settled by name found a record another host record owns: the name was taken.
      written = { ok: false, error: { kind: 'DuplicateName', message: `QuickBooks already uses this name for another record (${decision.draft.entity} ${written.value.id}).` } };
    }
    if (!written.ok) return this.settleFailure(record, decision, written.error);
    await this.storeLink(record, decision, written.value);
    if (decision.kind === 'create' || decision.kind === 'update') await this.journal.end(record.tenantId, record.kind, record.hostId);
    await logDelivery(this.activity, this.clock, record, decision.kind, written.value?.id ?? null, 'success', successMessage(record, decision, written.value) + (note ? ` Note: ${note}.` : ''));
    return { kind: 'delivered' };
  }

  private async write(record: RecordAddress, decision: Write): Promise<Result<QboRef | null, QboError>> {
    const { tenantId } = record;
    switch (decision.kind) {
      case 'create':
        // Written down before the request (updates too): if the process dies before the link is stored, the next try knows.
        await this.journal.begin({ tenantId, kind: record.kind, hostId: record.hostId, entity: decision.draft.entity, lookup: lookupOf(decision.draft), at: this.clock.now() });
        return this.gateway.create(tenantId, decision.draft, decision.requestId);
      case 'update': {
        await this.journal.begin({ tenantId, kind: record.kind, hostId: record.hostId, entity: decision.changes.entity, lookup: '', at: this.clock.now() });
        const first = await this.gateway.update(tenantId, decision.ref, decision.changes, decision.requestId);
        if (first.ok || first.error.kind !== 'StaleObject') return first;
        // Someone edited the record in QBO: re-read its SyncToken and apply only the host-owned fields again.
        const fresh = await this.gateway.get(tenantId, decision.changes.entity, decision.ref.id);
        if (!fresh.ok) return fresh;
        const retryId = requestIdFor(tenantId, record.kind, record.hostId, 'update', `${decision.fingerprint}@${fresh.value.ref.syncToken}`);
        return this.gateway.update(tenantId, fresh.value.ref, decision.changes, retryId);
      }
      case 'delete': {
        const deleted = await this.withFreshSyncToken(record, decision, async (ref, requestId) => {
          const result = await this.gateway.delete(tenantId, decision.entity, ref, requestId);
          return result.ok ? { ok: true, value: null } : result;
        });
        if (!deleted.ok && deleted.error.kind === 'NotFound') return { ok: true, value: null }; // already gone: the goal holds
        return deleted;
      }
      case 'void':
        return this.withFreshSyncToken(record, decision, (ref, requestId) => this.gateway.void(tenantId, decision.entity, ref, requestId));
    }
  }

  /**
   * A delete or void sends the SyncToken the link knows; QBO raises it on its own when a payment changes an
   * invoice's balance (or a bookkeeper edits the record). Refused as stale: re-read the token and send once more.
   */
  private async withFreshSyncToken(
    record: RecordAddress,
    decision: Extract<Write, { kind: 'delete' | 'void' }>,
    send: (ref: QboRef, requestId: string) => Promise<Result<QboRef | null, QboError>>,
  ): Promise<Result<QboRef | null, QboError>> {
    const first = await send(decision.ref, decision.requestId);
    if (first.ok || first.error.kind !== 'StaleObject') return first;
    const fresh = await this.gateway.get(record.tenantId, decision.entity, decision.ref.id);
    if (!fresh.ok) return fresh;
    return send(fresh.value.ref, requestIdFor(record.tenantId, record.kind, record.hostId, decision.kind, `${decision.requestId}@${fresh.value.ref.syncToken}`));
  }

  /** Another host record owns that QBO record, or another record's create of the same name is still unsettled. */
  private async linkedElsewhere(record: RecordAddress, draft: QboDraft, qboId: string): Promise<boolean> {
    const owner = await this.links.findByQboId(record.tenantId, draft.entity, qboId);
    if (owner !== null) return !(owner.kind === record.kind && owner.hostId === record.hostId);
    const notes = await this.journal.withLookup(record.tenantId, draft.entity, lookupOf(draft));
    return notes.some((note) => !(note.kind === record.kind && note.hostId === record.hostId));
  }

  private async storeLink(record: RecordAddress, decision: Write, ref: QboRef | null): Promise<void> {
    const { tenantId, kind, hostId } = record;
    if (decision.kind === 'create' && ref) {
      await this.links.save(tenantId, { kind, hostId, qboEntity: decision.draft.entity, qboId: ref.id, syncToken: ref.syncToken, fingerprint: decision.fingerprint, pushed: decision.pushed, retired: false });
      return;
    }
    const link = await this.links.get(tenantId, kind, hostId);
    if (!link) return;
    if (decision.kind === 'update' && ref) await this.links.save(tenantId, { ...link, syncToken: ref.syncToken, fingerprint: decision.fingerprint, pushed: decision.pushed });
    if (decision.kind === 'delete' || decision.kind === 'void') await this.links.save(tenantId, { ...link, syncToken: ref?.syncToken ?? link.syncToken, retired: true });
  }

  private async settleFailure(record: RecordAddress, decision: Write, error: QboError): Promise<Applied> {
    const outcome = outcomeOfQboError(error);
    // A refused create did not happen; an unanswered one may have, so its note stays for the next attempt.
    if ((decision.kind === 'create' || decision.kind === 'update') && outcome.kind === 'failed') await this.journal.end(record.tenantId, record.kind, record.hostId);
    if (error.kind === 'DuplicateName' && (decision.kind === 'create' || decision.kind === 'update')) return { kind: 'name-taken', error };
    if (outcome.kind === 'failed') {
      await logDelivery(this.activity, this.clock, record, decision.kind, null, 'failure', `Could not ${decision.kind} ${record.kind} ${record.hostId} in QuickBooks: ${error.message}`);
    }
    return outcome;
  }
}

const lookupOf = (draft: QboDraft): string => {
  switch (draft.entity) {
    case 'Customer':
      return draft.fields.displayName;
    case 'Item':
      return draft.fields.name;
    default:
      return draft.fields.privateNote;
  }
};
