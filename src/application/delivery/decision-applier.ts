import type { QboError } from '../../domain/qbo/qbo-error';
import type { QboDraft, QboRef } from '../../domain/qbo/qbo-records';
import type { Result } from '../../domain/shared/result';
import { afterRefusals, requestIdFor } from '../../domain/sync/request-id';
import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { LinkStore } from '../ports/link-store.port';
import type { QboCreated, QboGateway } from '../ports/qbo-gateway.port';
import type { WriteJournal } from '../ports/write-journal.port';
import type { DeliveryOutcome } from './delivery-outcome';
import { logDelivery, successMessage, type Write } from './delivery-log';
import { outcomeOfQboError } from './qbo-error-outcome';
import { wordsOf, type RecordState } from './record-state';
import { linkAfterWrite, lookupOf, noteOf } from './write-effects';

export type { Write } from './delivery-log';

/** QBO's first answer to a write, whether it was sent alone or in a batch. */
export type FirstAnswer = Result<QboCreated | QboRef | null, QboError>;

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
  async apply(state: RecordState, decision: Write, note?: string): Promise<Applied> {
    // Written down before the request: if the process dies before the link is stored, the next attempt knows.
    if (decision.kind === 'create' || decision.kind === 'update') await this.journal.begin(noteOf(state, decision, this.clock.now()));
    return this.settle(state, decision, await this.send(state, decision, decision.kind === 'create' ? undefined : decision.ref, decision.requestId), note);
  }

  /** Takes a write on from QBO's first answer: a stale SyncToken is re-read and the write sent once more, then the outcome is stored. */
  async settle(state: RecordState, decision: Write, first: FirstAnswer, note?: string): Promise<Applied> {
    let written = await this.resendIfStale(state, decision, first);
    if (written.ok && decision.kind === 'create' && !isAnswered(written.value) && written.value && (await this.linkedElsewhere(state, decision.draft, written.value.id))) {
      // A create settled by looking the name up found a record another host record owns: the name was taken.
      written = { ok: false, error: { kind: 'DuplicateName', message: `QuickBooks already uses this name for another record (${decision.draft.entity} ${written.value.id}).` } };
    }
    if (!written.ok) return this.settleFailure(state, decision, written.error);
    const link = linkAfterWrite(state, decision, written.value);
    if (link !== state.link && link !== null) await this.links.save(state.tenantId, link);
    if (decision.kind === 'create' || decision.kind === 'update') await this.journal.end(state.tenantId, state.kind, state.hostId);
    if ((state.refusals ?? 0) > 0) await this.journal.healed(state.tenantId, state.kind, state.hostId);
    await logDelivery(this.activity, this.clock, state, decision.kind, written.value?.id ?? null, 'success', successMessage(wordsOf(state), decision, written.value, state.link?.pushed ?? null, state.currency ?? null) + notes(note, decision));
    return { kind: 'delivered' };
  }

  /** One request of the write, with the SyncToken of `ref` (a create has none). */
  private async send(state: RecordState, decision: Write, ref: QboRef | undefined, requestId: string): Promise<FirstAnswer> {
    const { tenantId } = state;
    switch (decision.kind) {
      case 'create':
        return this.gateway.create(tenantId, decision.draft, requestId);
      case 'update':
        return this.gateway.update(tenantId, ref!, decision.changes, requestId);
      case 'delete': {
        const deleted = await this.gateway.delete(tenantId, decision.entity, ref!, requestId);
        return deleted.ok ? { ok: true, value: null } : deleted;
      }
      case 'void':
        return this.gateway.void(tenantId, decision.entity, ref!, requestId);
    }
  }

  /**
   * Someone edited the record in QBO, or QBO raised its SyncToken itself (a payment changes an invoice's balance):
   * re-read the token and send the same write once more. A delete that finds the record gone has reached its goal.
   */
  private async resendIfStale(state: RecordState, decision: Write, first: FirstAnswer): Promise<FirstAnswer> {
    let answer = first;
    if (!answer.ok && answer.error.kind === 'StaleObject' && decision.kind !== 'create') {
      const entity = decision.kind === 'update' ? decision.changes.entity : decision.entity;
      const fresh = await this.gateway.get(state.tenantId, entity, decision.ref.id);
      if (!fresh.ok) return fresh;
      const token = fresh.value.ref.syncToken;
      const retryId = decision.kind === 'update'
        ? afterRefusals(requestIdFor(state.tenantId, state.kind, state.hostId, 'update', `${decision.fingerprint}@${token}`), state.refusals ?? 0)
        : requestIdFor(state.tenantId, state.kind, state.hostId, decision.kind, `${decision.requestId}@${token}`);
      answer = await this.send(state, decision, fresh.value.ref, retryId);
    }
    if (!answer.ok && answer.error.kind === 'NotFound' && decision.kind === 'delete') return { ok: true, value: null };
    return answer;
  }

  /** Another host record owns that QBO record, or another record's create of the same name is still unsettled. */
  private async linkedElsewhere(state: RecordState, draft: QboDraft, qboId: string): Promise<boolean> {
    const owner = await this.links.findByQboId(state.tenantId, draft.entity, qboId);
    if (owner !== null) return !(owner.kind === state.kind && owner.hostId === state.hostId);
    const notes = await this.journal.withLookup(state.tenantId, draft.entity, lookupOf(draft));
    return notes.some((note) => !(note.kind === state.kind && note.hostId === state.hostId));
  }

  private async settleFailure(state: RecordState, decision: Write, error: QboError): Promise<Applied> {
    const outcome = outcomeOfQboError(error);
    // A refused write did not happen; an unanswered one may have, so its note stays for the next attempt.
    if ((decision.kind === 'create' || decision.kind === 'update') && outcome.kind === 'failed') await this.journal.end(state.tenantId, state.kind, state.hostId);
    // QBO definitely refused this request: the record's next write goes out under a new request id (DESIGN §3.10).
    if (outcome.kind === 'failed') await this.journal.refused(state.tenantId, state.kind, state.hostId, this.clock.now());
    if (error.kind === 'DuplicateName' && (decision.kind === 'create' || decision.kind === 'update')) return { kind: 'name-taken', error };
    if (outcome.kind === 'failed') {
      await logDelivery(this.activity, this.clock, state, decision.kind, null, 'failure', `Could not ${decision.kind} ${wordsOf(state)} in QuickBooks: ${error.message}`);
    }
    return outcome;
  }
}

/** QBO's own answer to this create (or its replay); a record found by name after a lost answer is not. */
const isAnswered = (ref: QboCreated | QboRef | null): boolean => ref !== null && 'answered' in ref && ref.answered === true;

/** The activity line's notes: the name change made for QBO, and the decision's own word (a customer kept active). */
const notes = (note: string | undefined, decision: Write): string => {
  const own = decision.kind === 'create' || decision.kind === 'update' ? decision.note : undefined;
  return [note, own].filter((part) => part).map((part) => ` Note: ${part}.`).join('');
};
