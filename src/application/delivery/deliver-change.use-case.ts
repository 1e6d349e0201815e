import type { HostRecordKind } from '../../domain/host/host-records';
import type { QboError } from '../../domain/qbo/qbo-error';
import type { SyncDecision } from '../../domain/sync/sync-decision';
import { CreateRecovery } from './create-recovery';
import { DecisionApplier, type Write } from './decision-applier';
import { logDelivery } from './delivery-log';
import type { DeliveryOutcome } from './delivery-outcome';
import { NameResolver } from './name-resolver';
import { outcomeOfQboError } from './qbo-error-outcome';
import { RecordDecider, type Naming, type RecordDecision } from './record-decider';
import { RelatedRecords } from './related-records';
import { TenantReadiness } from './tenant-readiness';
import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';

/** How deep a chain of dependencies may go (refund → payment → invoice → customer and items). */
const maxDependencyDepth = 4;

export namespace DeliverChange {
  export interface Input {
    readonly tenantId: string;
    readonly kind: HostRecordKind;
    readonly hostId: string;
    readonly outboxId: string | null;
  }
}

/**
 * Level-triggered delivery of one host record: whatever signal brought it here, compute what QBO must hold from
 * the host's current state, push what it depends on first, then write it. Repeating it changes nothing.
 */
export class DeliverChange {
  constructor(
    private readonly readiness: TenantReadiness,
    private readonly decider: RecordDecider,
    private readonly applier: DecisionApplier,
    private readonly recovery: CreateRecovery,
    private readonly names: NameResolver,
    private readonly related: RelatedRecords,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
  ) {}

  async execute(input: DeliverChange.Input): Promise<DeliveryOutcome> {
    const hold = await this.readiness.holdReason(input.tenantId);
    if (hold !== null) return { kind: 'held', reason: hold };
    const outcome = await this.deliver(input, 0, {});
    if (outcome.kind === 'delivered') await this.related.enqueueFor(input.tenantId, input.kind, input.hostId);
    return outcome;
  }

  private async deliver(input: DeliverChange.Input, depth: number, naming: Naming): Promise<DeliveryOutcome> {
    // First settle a create an earlier attempt left unfinished: whatever the record became since (even deleted),
    // the decision must start from the copy QBO already holds.
    const adopted = await this.recovery.adoptEarlierCreate(input);
    if (!adopted.ok) return this.unreachable(input, adopted.error);
    let decision = await this.decider.decide(input.tenantId, input.kind, input.hostId, naming);
    if (decision.kind === 'awaiting') {
      const blocked = await this.deliverDependencies(input, decision, depth);
      if (blocked) return blocked;
      decision = await this.decider.decide(input.tenantId, input.kind, input.hostId, naming);
    }
    return this.carryOut(input, decision, depth, naming);
  }

  private async carryOut(input: DeliverChange.Input, decision: RecordDecision, depth: number, naming: Naming): Promise<DeliveryOutcome> {
    switch (decision.kind) {
      case 'nothing':
        return { kind: 'delivered' };
      case 'skipped':
        await logDelivery(this.activity, this.clock, input, 'skip', null, 'skipped', `Did not send ${input.kind} ${input.hostId} to QuickBooks: ${decision.reason}`);
        return { kind: 'delivered' };
      case 'awaiting':
        return this.reject(input, `it still waits for ${decision.dependencies.map((d) => `${d.kind} ${d.hostId}`).join(', ')} to reach QuickBooks`);
      case 'rejected':
        return this.reject(input, decision.reason);
      default: {
        const applied = await this.applier.apply(input, decision, naming.note);
        if (applied.kind !== 'name-taken') return applied;
        return this.withAnotherName(input, decision, depth, naming, applied.error.message);
      }
    }
  }

  /** QBO says the name is taken: pick the domain's deterministic variant and write again, once. */
  private async withAnotherName(input: DeliverChange.Input, decision: Write, depth: number, naming: Naming, refusal: string): Promise<DeliveryOutcome> {
    const target = nameOf(decision);
    if (target === null || naming.qboName !== undefined) return this.reject(input, refusal);
    const variant = await this.names.variantFor(input.tenantId, target.entity, target.name, input.hostId);
    if (!variant.ok) return variant.error.kind === 'DuplicateName' ? this.reject(input, variant.error.message) : this.unreachable(input, variant.error);
    return this.deliver(input, depth, { qboName: variant.value.name, note: variant.value.changes.join('; ') });
  }

  /** Pushes each dependency first; the first one that does not get through decides this record's outcome. */
  private async deliverDependencies(input: DeliverChange.Input, decision: Extract<SyncDecision, { kind: 'awaiting' }>, depth: number): Promise<DeliveryOutcome | null> {
    if (depth >= maxDependencyDepth) return this.reject(input, 'its chain of dependencies is too deep');
    for (const dependency of decision.dependencies) {
      const outcome = await this.deliver({ tenantId: input.tenantId, kind: dependency.kind, hostId: dependency.hostId, outboxId: null }, depth + 1, {});
      if (outcome.kind !== 'delivered') {
        return outcome.kind === 'failed' ? this.reject(input, `${dependency.kind} ${dependency.hostId}, which it needs, could not be sent: ${outcome.reason}`) : outcome;
      }
    }
    return null;
  }

  private async unreachable(input: DeliverChange.Input, error: QboError): Promise<DeliveryOutcome> {
    const outcome = outcomeOfQboError(error);
    if (outcome.kind === 'failed') return this.reject(input, error.message);
    return outcome;
  }

  private async reject(input: DeliverChange.Input, reason: string): Promise<DeliveryOutcome> {
    const message = `Did not send ${input.kind} ${input.hostId} to QuickBooks: ${reason}`;
    await logDelivery(this.activity, this.clock, input, 'skip', null, 'failure', message);
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
