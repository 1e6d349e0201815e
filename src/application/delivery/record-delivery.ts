import type { QboError } from '../../domain/qbo/qbo-error';
import type { SyncDecision } from '../../domain/sync/sync-decision';
import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { CreateRecovery } from './create-recovery';
import type { Applied, DecisionApplier, Write } from './decision-applier';
import { logDelivery } from './delivery-log';
import type { DeliveryOutcome } from './delivery-outcome';
import type { NameResolver } from './name-resolver';
import { outcomeOfQboError } from './qbo-error-outcome';
import type { Naming, RecordDecider, RecordDecision } from './record-decider';
import { wordsOf, type RecordState } from './record-state';
import type { RelatedRecords } from './related-records';
import type { RoundStates } from './round-states';
import type { WriteJournal } from '../ports/write-journal.port';

/** How deep a chain of dependencies may go (refund → payment → invoice → customer and items). */
const maxDependencyDepth = 4;

/** A record made ready to write: its earlier unfinished write settled and its decision made. */
export type Prepared = { readonly state: RecordState; readonly decision: RecordDecision } | { readonly outcome: DeliveryOutcome };

/**
 * Level-triggered delivery of one record, from its state as the round read it: settle what an earlier attempt left
 * unfinished, decide once, push what the record depends on first, then write. Repeating it changes nothing.
 */
export class RecordDelivery {
  /** Each round's decider and related records, reading through the round's reads (ADR 0078). */
  private readonly rounds = new WeakMap<RoundStates, { readonly decider: RecordDecider; readonly related: RelatedRecords }>();

  constructor(
    private readonly decider: RecordDecider,
    private readonly applier: DecisionApplier,
    private readonly recovery: CreateRecovery,
    private readonly names: NameResolver,
    private readonly related: RelatedRecords,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
    private readonly journal: WriteJournal,
  ) {}

  async deliver(round: RoundStates, state: RecordState, depth = 0): Promise<DeliveryOutcome> {
    round.startDeciding(state);
    try {
      const prepared = await this.prepare(round, state, depth);
      return 'outcome' in prepared ? prepared.outcome : await this.carryOut(round, prepared.state, prepared.decision, {});
    } finally {
      round.doneDeciding(state);
    }
  }

  /**
   * A create an earlier attempt left unsettled comes first: whatever the record became since (even deleted), the
   * decision must start from the copy QBO already holds. A record waiting for others gets them delivered, then
   * is decided again against their new links.
   */
  async prepare(round: RoundStates, state: RecordState, depth: number): Promise<Prepared> {
    round.touch(state);
    const recovered = await this.recovery.settle(state).finally(() => round.wrote(state));
    if (!recovered.ok) return { outcome: await this.unreachable(state, recovered.error) };
    const { decider } = this.within(round);
    let decision = await decider.decide(recovered.value, round.settings);
    if (decision.kind === 'awaiting') {
      const blocked = await this.deliverDependencies(round, state, decision, depth);
      if (blocked) return { outcome: blocked };
      decision = await decider.decide(recovered.value, round.settings);
    }
    return { state: recovered.value, decision };
  }

  async carryOut(round: RoundStates, state: RecordState, decision: RecordDecision, naming: Naming): Promise<DeliveryOutcome> {
    switch (decision.kind) {
      case 'nothing':
        return this.delivered(round, state);
      case 'skipped':
        await logDelivery(this.activity, this.clock, state, 'skip', null, 'skipped', `Did not send ${wordsOf(state)} to QuickBooks: ${decision.reason}`);
        return this.delivered(round, state);
      case 'awaiting': {
        // Named as the host shows them: the round reads each (it usually holds them already).
        const waitingFor = await Promise.all(decision.dependencies.map(async (d) => wordsOf(await round.of({ tenantId: state.tenantId, kind: d.kind, hostId: d.hostId, outboxId: null }))));
        return this.reject(state, `it still waits for ${waitingFor.join(', ')} to reach QuickBooks`);
      }
      case 'rejected':
        return this.reject(state, decision.reason);
      default:
        return this.finish(round, state, decision, await this.applier.apply(state, decision, naming.note).finally(() => round.wrote(state)), naming);
    }
  }

  /** After a write was applied, alone or in a batch: a name QBO says is taken gets the domain's variant, once. */
  async finish(round: RoundStates, state: RecordState, decision: Write, applied: Applied, naming: Naming = {}): Promise<DeliveryOutcome> {
    round.wrote(state);
    if (applied.kind === 'delivered') return this.delivered(round, state, true);
    if (applied.kind !== 'name-taken') return applied;
    const target = nameOf(decision);
    if (target === null || naming.qboName !== undefined) return this.reject(state, applied.error.message);
    const variant = await this.names.variantFor(state.tenantId, target.entity, target.name);
    if (!variant.ok) return variant.error.kind === 'DuplicateName' ? this.reject(state, variant.error.message) : this.unreachable(state, variant.error);
    const renamed = { qboName: variant.value.name, note: variant.value.changes.join('; ') };
    return this.carryOut(round, state, await this.within(round).decider.decide(state, round.settings, renamed), renamed);
  }

  /** Pushes each dependency first; the first one that does not get through decides this record's outcome. */
  private async deliverDependencies(round: RoundStates, state: RecordState, decision: Extract<SyncDecision, { kind: 'awaiting' }>, depth: number): Promise<DeliveryOutcome | null> {
    if (depth >= maxDependencyDepth) return this.reject(state, 'its chain of dependencies is too deep');
    for (const dependency of decision.dependencies) {
      const needed = await round.of({ tenantId: state.tenantId, kind: dependency.kind, hostId: dependency.hostId, outboxId: null });
      const outcome = await this.deliver(round, needed, depth + 1);
      if (outcome.kind !== 'delivered') {
        if (outcome.kind !== 'failed') return outcome;
        // Curable once the dependency gets through: listed with the refused records, so the sweep tries it again.
        await this.journal.refused(state.tenantId, state.kind, state.hostId, this.clock.now());
        return this.reject(state, `${wordsOf(needed)}, which it needs, could not be sent: ${outcome.reason}`);
      }
    }
    return null;
  }

  /** QBO holds what the rules give; a payment or refund brings back the record it leans on. */
  private async delivered(round: RoundStates, state: RecordState, wrote = false): Promise<DeliveryOutcome> {
    round.markDelivered(state);
    if ((state.refusals ?? 0) > 0) await this.journal.healed(state.tenantId, state.kind, state.hostId);
    // The record that pushed this one first (a payment, for its invoice) is decided right after, and one this round
    // delivered with this record's row in place decides nothing new: neither is queued again for it.
    await this.within(round).related.enqueueFor(state, wrote, (change) => !round.isDeciding(change) && !round.decidedWith(change, state));
    return { kind: 'delivered' };
  }

  private within(round: RoundStates): { readonly decider: RecordDecider; readonly related: RelatedRecords } {
    const known = this.rounds.get(round);
    if (known) return known;
    const { host, links } = round.reads;
    const made = { decider: this.decider.readingThrough(host, links), related: this.related.readingThrough(host) };
    this.rounds.set(round, made);
    return made;
  }

  private async unreachable(state: RecordState, error: QboError): Promise<DeliveryOutcome> {
    const outcome = outcomeOfQboError(error);
    if (outcome.kind === 'failed') return this.reject(state, error.message);
    return outcome;
  }

  private async reject(state: RecordState, reason: string): Promise<DeliveryOutcome> {
    const message = `Did not send ${wordsOf(state)} to QuickBooks: ${reason}`;
    await logDelivery(this.activity, this.clock, state, 'skip', null, 'failure', message);
    return { kind: 'failed', reason: message };
  }
}

const nameOf = (decision: Write): { entity: 'Customer' | 'Item'; name: string } | null => {
  const fields = (decision.kind === 'create' ? decision.draft.fields : decision.kind === 'update' ? decision.changes.fields : {}) as { displayName?: unknown; name?: unknown };
  const entity = decision.kind === 'create' ? decision.draft.entity : decision.kind === 'update' ? decision.changes.entity : null;
  if (entity === 'Customer' && typeof fields.displayName === 'string') return { entity, name: fields.displayName };
  if (entity === 'Item' && typeof fields.name === 'string') return { entity, name: fields.name };
  return null;
};
