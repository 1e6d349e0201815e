import type { HostRecordKind } from '../../domain/host/host-records';
import type { Link } from '../../domain/sync/link';
import type { ActivityEntryInput, ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { LinkStore } from '../ports/link-store.port';
import type { QboBatchOperation, QboGateway } from '../ports/qbo-gateway.port';
import type { WriteJournal } from '../ports/write-journal.port';
import type { Applied, DecisionApplier, Write } from './decision-applier';
import { successMessage } from './delivery-log';
import { wordsOf, type RecordState } from './record-state';
import { linkAfterWrite, noteOf } from './write-effects';

/** QBO takes at most 30 operations in one batch request. */
const maxBatch = 30;

/** A decision already made for a record: the batch only sends it. */
export interface PlannedWrite {
  readonly state: RecordState;
  readonly decision: Extract<Write, { kind: 'create' | 'update' }>;
}

/**
 * The batch variant of applying writes: the same decisions, sent up to 30 in one QBO request instead of one each.
 * Each write is noted in the journal before the request; the answers QBO accepted are stored together (links,
 * notes, activity in one write each), and every other answer is taken on by the single path's `settle` — a stale
 * SyncToken re-read, a name taken, a refusal logged, an unanswered write left noted — exactly as if sent alone.
 */
export class BatchDelivery {
  constructor(
    private readonly gateway: QboGateway,
    private readonly links: LinkStore,
    private readonly journal: WriteJournal,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
    private readonly applier: DecisionApplier,
  ) {}

  async apply(tenantId: string, writes: readonly PlannedWrite[]): Promise<ReadonlyMap<PlannedWrite, Applied>> {
    const applied = new Map<PlannedWrite, Applied>();
    for (let i = 0; i < writes.length; i += maxBatch) {
      for (const [write, outcome] of await this.send(tenantId, writes.slice(i, i + maxBatch))) applied.set(write, outcome);
    }
    return applied;
  }

  private async send(tenantId: string, writes: readonly PlannedWrite[]): Promise<Map<PlannedWrite, Applied>> {
    const at = this.clock.now();
    await this.journal.beginMany(writes.map(({ state, decision }) => noteOf(state, decision, at)));
    const answers = await this.gateway.batch(tenantId, writes.map(({ decision }) => operationOf(decision)));
    const applied = new Map<PlannedWrite, Applied>();
    const links: Link[] = [];
    const ended: Partial<Record<HostRecordKind, string[]>> = {};
    const entries: ActivityEntryInput[] = [];
    const others: [PlannedWrite, (typeof answers)[number]][] = [];
    const healed: PlannedWrite['state'][] = [];
    writes.forEach((write, index) => {
      const answer = answers[index]!;
      if (!answer.ok) return void others.push([write, answer]);
      const { state, decision } = write;
      links.push(linkAfterWrite(state, decision, answer.value)!);
      (ended[state.kind] ??= []).push(state.hostId);
      if ((state.refusals ?? 0) > 0) healed.push(state);
      entries.push({ tenantId, kind: state.kind, hostId: state.hostId, outboxId: state.outboxId, at: this.clock.now(), action: decision.kind, qboId: answer.value.id, outcome: 'success', message: successMessage(wordsOf(state), decision, answer.value, state.link?.pushed ?? null, state.currency ?? null) });
      applied.set(write, { kind: 'delivered' });
    });
    await this.links.saveMany(tenantId, links);
    for (const [kind, hostIds] of Object.entries(ended)) await this.journal.endMany(tenantId, kind as HostRecordKind, hostIds);
    for (const state of healed) await this.journal.healed(tenantId, state.kind, state.hostId);
    await this.activity.recordMany(entries);
    for (const [write, answer] of others) applied.set(write, await this.applier.settle(write.state, write.decision, answer));
    return applied;
  }
}

const operationOf = (decision: PlannedWrite['decision']): QboBatchOperation =>
  decision.kind === 'create'
    ? { operation: 'create', draft: decision.draft, requestId: decision.requestId }
    : { operation: 'update', ref: decision.ref, changes: decision.changes, requestId: decision.requestId };
