import type { HostRecordKind } from '../../domain/host/host-records';
import type { DeliveryPolicy } from './delivery-policy';
import type { RecordDecider } from './record-decider';
import type { RecordReader } from './record-reader';
import type { Clock } from '../ports/clock.port';
import type { HostDirectory } from '../ports/host-directory.port';
import type { OutboxChange, OutboxStore } from '../ports/outbox-store.port';
import type { SettingsStore, TenantSettings } from '../ports/settings-store.port';
import type { SweepMarkStore } from '../ports/sweep-mark-store.port';
import type { WriteJournal } from '../ports/write-journal.port';

const kinds: readonly HostRecordKind[] = ['customer', 'item', 'invoice', 'payment', 'refund', 'payout'];
/** Changed records read and decided together. */
const sweepChunk = 200;
/** Unsettled writes handed back per sweep; the oldest go first and the next sweep takes the rest. */
const unsettledPerSweep = 1000;
/** Refused records looked at again per sweep, least recently refused first. */
const refusedPerSweep = 500;
const refusalWaitMs = (policy: DeliveryPolicy, refusals: number): number => Math.min(24 * 60 * 60_000, policy.refusalWaitMs * 2 ** Math.min(20, Math.max(0, refusals - 1)));

export namespace SweepChanges {
  export interface Output {
    readonly tenants: number;
    /** Records found out of step with QBO that no signal had brought. */
    readonly enqueued: number;
  }
}

/**
 * The safety net for a host that forgot to call `notify`: for every tenant whose sync is on, the host records
 * changed since the last sweep (all of them on the periodic full pass) are decided again, and those QBO does not
 * hold as the rules give are enqueued. Rejected records are left to their own signals, so a record the rules
 * refuse does not write a failure into the activity log at every sweep.
 *
 * It also hands back to delivery every write a worker noted and never settled (it died between QBO's answer and
 * the link), once the note is older than a claim's lease: delivery then adopts the copy QBO already holds. Host
 * records would come back through their own changes, but the plugin's "Refund" item has none.
 */
export class SweepChanges {
  constructor(
    private readonly settings: SettingsStore,
    private readonly marks: SweepMarkStore,
    private readonly host: HostDirectory,
    private readonly reader: RecordReader,
    private readonly decider: RecordDecider,
    private readonly outbox: OutboxStore,
    private readonly journal: WriteJournal,
    private readonly policy: DeliveryPolicy,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<SweepChanges.Output> {
    const tenants = await this.settings.enabledTenants();
    let enqueued = 0;
    const failed: string[] = [];
    let firstError: unknown;
    // One company that cannot be swept (its connection still being confirmed, say) never keeps the others from theirs:
    // the chaos run saw one pending connection stop every company's sweep in the process.
    for (const tenantId of tenants) {
      try {
        enqueued += await this.sweep(tenantId);
      } catch (error) {
        failed.push(tenantId);
        firstError ??= error;
      }
    }
    if (failed.length > 0) {
      const why = firstError instanceof Error ? firstError.message : String(firstError);
      throw new Error(`The sweep could not look at ${failed.length} of ${tenants.length} companies (${failed.join(', ')}): ${why} The others were swept (${enqueued} changes queued).`);
    }
    return { tenants: tenants.length, enqueued };
  }

  private async sweep(tenantId: string): Promise<number> {
    const startedAt = this.clock.now();
    const mark = await this.marks.get(tenantId);
    const settings = await this.settings.get(tenantId);
    const full = mark === null || startedAt - mark.fullPassAt >= this.policy.fullSweepMs;
    const since = full ? 0 : Math.max(0, mark.sweptAt - this.policy.sweepOverlapMs);
    let enqueued = 0;
    for (const kind of kinds) {
      let ids: string[] = [];
      for await (const hostId of this.host.changedSince(tenantId, kind, since)) {
        ids.push(hostId);
        if (ids.length < sweepChunk) continue;
        enqueued += await this.enqueueOutOfStep(tenantId, kind, ids, settings);
        ids = [];
      }
      enqueued += await this.enqueueOutOfStep(tenantId, kind, ids, settings);
    }
    enqueued += await this.retryRefused(tenantId, startedAt, settings);
    const unsettled = await this.journal.begunBefore(tenantId, startedAt - this.policy.leaseMs, unsettledPerSweep);
    await this.outbox.enqueue(unsettled.map(({ kind, hostId }) => ({ tenantId, kind, hostId })));
    enqueued += unsettled.length;
    // The sync may have been turned off meanwhile; the mark still records how far this pass looked.
    if (settings.syncEnabled) await this.marks.save(tenantId, { sweptAt: startedAt, fullPassAt: full ? startedAt : (mark?.fullPassAt ?? startedAt) });
    return enqueued;
  }

  /**
   * A write QBO refused may succeed once its cause is gone (a customer active again, a dependency now there), with
   * no edit of the record: each refused record is decided again once its wait is over (`refusalWaitMs`, doubling
   * with each refusal, at most a day), and enqueued if QBO still does not hold it. Its next write carries a new request id.
   */
  private async retryRefused(tenantId: string, now: number, settings: TenantSettings): Promise<number> {
    const refused = await this.journal.refusedRecords(tenantId, refusedPerSweep);
    const due = refused.filter((record) => record.refusedAt + refusalWaitMs(this.policy, record.refusals) <= now);
    let enqueued = 0;
    for (const kind of kinds) enqueued += await this.enqueueOutOfStep(tenantId, kind, due.filter((record) => record.kind === kind).map((record) => record.hostId), settings);
    return enqueued;
  }

  /** Reads a chunk of records together, decides each, and enqueues those QBO does not hold as the rules give. */
  private async enqueueOutOfStep(tenantId: string, kind: HostRecordKind, hostIds: readonly string[], settings: TenantSettings): Promise<number> {
    if (hostIds.length === 0) return 0;
    const states = await this.reader.readKind(tenantId, kind, hostIds.map((hostId) => ({ tenantId, kind, hostId, outboxId: null })));
    const outOfStep: OutboxChange[] = [];
    for (const state of states.values()) {
      const decision = await this.decider.decide(state, settings);
      if (decision.kind === 'create' || decision.kind === 'update' || decision.kind === 'delete' || decision.kind === 'void' || decision.kind === 'awaiting') outOfStep.push({ tenantId, kind, hostId: state.hostId });
    }
    await this.outbox.enqueue(outOfStep);
    return outOfStep.length;
  }
}
