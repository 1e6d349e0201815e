import type { ActivityLog } from '../../ports/activity-log.port';
import type { Clock } from '../../ports/clock.port';
import type { HostDirectory } from '../../ports/host-directory.port';
import type { InitialSyncJob, JobRecordKind } from '../../ports/job-store.port';
import type { JobStore } from '../../ports/job-store.port';
import type { LinkStore } from '../../ports/link-store.port';
import type { OutboxStore } from '../../ports/outbox-store.port';
import type { QboGateway } from '../../ports/qbo-gateway.port';
import type { SettingsStore } from '../../ports/settings-store.port';
import type { TenantLease } from '../../ports/tenant-lease.port';
import { HeldLease } from '../../delivery/held-lease';
import type { BatchSender } from '../../initial-sync/batch-sender';
import { CoalescedSave } from '../../initial-sync/coalesced-save';
import { customerRules, itemRules, plannedCreates, surveyKind, type KindRules, type KindSurvey, type PlannedCreate, type Refusal } from '../../initial-sync/initial-sync-plan';
import { InitialSyncProgress } from '../../initial-sync/initial-sync-progress';
import { readQboNameIndex } from '../../initial-sync/qbo-name-index';
import { defaultLaneShape, sendInLanes, type LaneShape } from '../../initial-sync/send-lanes';

export namespace RunInitialSync {
  export interface Input {
    readonly tenantId: string;
    readonly jobId: string;
    /** Who runs it (one worker per tenant: the tenant lease). */
    readonly owner: string;
    /** Asked between batches: true when the process is stopping. */
    readonly shouldStop: () => boolean;
  }
  export type Step = { readonly kind: 'finished' } | { readonly kind: 'wait'; readonly reason: string };
}

const chunk = 500;
/**
 * The progress (and the lease) is saved at most this often while units are sent: once per unit it was two writes
 * per 4 records, as many as the units' own; the page polls it about once a second.
 */
const progressEveryMs = 200;
const wait = (reason: string): Extract<RunInitialSync.Step, { kind: 'wait' }> => ({ kind: 'wait', reason });
const finished: RunInitialSync.Step = { kind: 'finished' };

/**
 * The initial sync of Save & Sync: link every exact match (with QBO's current fields as what was pushed, so only
 * real differences are sent afterwards), then create every other customer and item, QBO batches and single creates
 * side by side (send-lanes.ts), planned page by page so memory stays flat. Crash-safe: each unit is written down
 * before it is sent and sent again first after a restart (same requestids, so QBO replays instead of copying). It holds the tenant lease, so no delivery runs meanwhile, and
 * turns deliveries on only once it is done. Returns `wait` when QBO or the lease is not available yet.
 */
export class RunInitialSync {
  constructor(
    private readonly jobs: JobStore,
    private readonly host: HostDirectory,
    private readonly links: LinkStore,
    private readonly gateway: QboGateway,
    private readonly settings: SettingsStore,
    private readonly outbox: OutboxStore,
    private readonly lease: TenantLease,
    private readonly sender: BatchSender,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
    private readonly leaseMs: number,
    private readonly shape: LaneShape = defaultLaneShape,
  ) {}

  async execute(input: RunInitialSync.Input): Promise<RunInitialSync.Step> {
    const lease = await HeldLease.take(this.lease, this.clock, input.tenantId, input.owner, this.leaseMs);
    if (!lease) return wait('Another worker is busy with this QuickBooks company.');
    try {
      return await this.run(input, lease);
    } finally {
      await lease.release();
    }
  }

  private async run(input: RunInitialSync.Input, lease: HeldLease): Promise<RunInitialSync.Step> {
    const { tenantId, jobId } = input;
    const job = await this.jobs.get(tenantId, jobId);
    if (!job || job.state !== 'running') return finished;
    const resent = await this.resendWrittenDown(job);
    if (resent !== null) return resent;
    const progress = new InitialSyncProgress();
    const { incomeAccountId, homeCurrency } = await this.settings.get(tenantId);
    const kinds = [customerRules(this.host, tenantId), itemRules(this.host, tenantId, incomeAccountId, homeCurrency)] as const;
    const taken = new Map<JobRecordKind, Set<string>>();
    for (const rules of kinds) {
      const index = await readQboNameIndex(this.gateway, this.links, tenantId, rules.kind);
      if (!index.ok) return wait(index.error.message);
      const survey = await surveyKind(rules as KindRules<{ id: string }>, tenantId, this.links, index.value);
      await this.countUnreadable(tenantId, rules.kind, progress, survey.total, survey.alreadyLinked);
      if (!(await this.save(job, progress))) return finished;
      if (!(await this.adopt(job, survey, progress))) return finished;
      taken.set(rules.kind, index.value.taken);
    }
    async function* allCreates(self: RunInitialSync): AsyncGenerator<PlannedCreate> {
      for (const rules of kinds) {
        const refuse = (refusals: readonly Refusal[]) => self.logRefused(tenantId, rules.kind, refusals, progress);
        yield* plannedCreates(rules as KindRules<{ id: string }>, tenantId, self.links, taken.get(rules.kind) ?? new Set(), refuse);
      }
    }
    const saves = new CoalescedSave(async () => {
      if (!(await this.save(job, progress))) return { kind: 'stopped' } as const;
      if (!(await lease.keep())) return { kind: 'wait', reason: 'The lease on this company was lost; trying again.' } as const;
      return null;
    });
    let savedAt = this.clock.now();
    const end = await sendInLanes({ jobs: this.jobs, sender: this.sender, clock: this.clock, shape: this.shape }, job, allCreates(this), (outcome) => {
      for (const kind of ['customer', 'item'] as const) progress.add(kind, outcome.done[kind], outcome.failed[kind]);
      if (this.clock.now() - savedAt >= progressEveryMs) {
        savedAt = this.clock.now();
        saves.request();
      }
      return saves.failed ? { kind: 'wait', reason: 'The progress of the job could not be saved; trying again.' } : saves.stopped;
    }, input.shouldStop);
    saves.request(); // the step ends with its progress saved exactly
    const last = await saves.flush();
    if (end.kind === 'stopped' || last?.kind === 'stopped') return finished;
    if (end.kind === 'wait') return wait(end.reason);
    if (last?.kind === 'wait') return wait(last.reason);
    await this.complete(job, progress);
    return finished;
  }

  /** What a crash (or a wait) left written down goes first, exactly as it was written; null when all of it is stored. */
  private async resendWrittenDown(job: InitialSyncJob): Promise<RunInitialSync.Step | null> {
    const { tenantId, id: jobId } = job;
    if (job.pendingBatch) {
      const resent = await this.sender.send(tenantId, job.pendingBatch);
      if (resent.kind === 'wait') return wait(resent.reason);
      if (!(await this.jobs.update(tenantId, jobId, { pendingBatch: null }, this.clock.now()))) return finished;
    }
    for (const send of await this.jobs.pendingSends(tenantId, jobId)) {
      const resent = await this.sender.send(tenantId, send.batch, send.mode);
      if (resent.kind === 'wait') return wait(resent.reason);
      await this.jobs.forgetSend(tenantId, jobId, send.id);
    }
    return null;
  }

  /** Links the exact matches (as QBO has them now), then asks the delivery engine to send whatever the host has otherwise. */
  private async adopt(job: InitialSyncJob, survey: KindSurvey, progress: InitialSyncProgress): Promise<boolean> {
    for (let start = 0; start < survey.adoptions.length; start += chunk) {
      const slice = survey.adoptions.slice(start, start + chunk);
      await this.links.saveMany(job.tenantId, slice.map((a) => a.link));
      await this.outbox.enqueue(slice.map((a) => ({ tenantId: job.tenantId, kind: a.link.kind, hostId: a.link.hostId })));
      const at = this.clock.now();
      await this.activity.recordMany(slice.map(({ link, name }) => ({
        tenantId: job.tenantId, at, action: 'link' as const, kind: link.kind, hostId: link.hostId, qboId: link.qboId, outcome: 'success' as const, outboxId: null,
        message: `Linked ${link.kind} "${name}" to the QuickBooks ${link.qboEntity} ${link.qboId} of the same name; no second copy was made.`,
      })));
      progress.add(survey.kind, slice.length, 0);
      if (!(await this.save(job, progress))) return false;
    }
    return true;
  }

  /**
   * Rows of the kind the host has but the mapping cannot read count in the total and as failed, each with its reason
   * in the activity log: an initial sync that left anything out never says "0 failed" (DESIGN.md §3 invariant 9).
   */
  private async countUnreadable(tenantId: string, kind: JobRecordKind, progress: InitialSyncProgress, readable: number, linked: number): Promise<void> {
    const refusals: Refusal[] = [];
    for await (const row of this.host.listUnreadable(tenantId, kind)) {
      refusals.push({ hostId: row.id, name: null, reason: `it could not be read from the app (${row.reason}). Correct the record in the app; it is sent when it is saved.` });
    }
    progress.start(kind, readable + refusals.length, linked);
    for (let start = 0; start < refusals.length; start += chunk) await this.logRefused(tenantId, kind, refusals.slice(start, start + chunk), progress);
  }

  private async logRefused(tenantId: string, kind: JobRecordKind, refusals: readonly Refusal[], progress: InitialSyncProgress): Promise<void> {
    const at = this.clock.now();
    await this.activity.recordMany(refusals.map((refused) => ({
      tenantId, at, action: 'create' as const, kind, hostId: refused.hostId, qboId: null, outcome: 'failure' as const, outboxId: null,
      // A row that could not be read has no name to show: its id is then what the host's engineer finds it by.
      message: `Did not create ${refused.name === null ? `the ${kind} of row ${refused.hostId}` : `${kind} "${refused.name}"`} in QuickBooks: ${refused.reason}`,
    })));
    progress.add(kind, 0, refusals.length);
  }

  /** Deliveries are turned on before the job is marked done: a crash in between leaves a job that resumes and finishes. */
  private async complete(job: InitialSyncJob, progress: InitialSyncProgress): Promise<void> {
    await this.settings.update(job.tenantId, { syncEnabled: true });
    const snapshot = progress.snapshot;
    if (!(await this.jobs.update(job.tenantId, job.id, { ...snapshot, state: 'completed' }, this.clock.now()))) {
      await this.settings.update(job.tenantId, { syncEnabled: false }); // stopped meanwhile: the admin turned it off
      return;
    }
    await this.activity.record({
      tenantId: job.tenantId, at: this.clock.now(), action: 'enable', kind: null, hostId: null, qboId: null, outcome: snapshot.failed > 0 ? 'failure' : 'success', outboxId: null,
      message: snapshot.failed > 0
        ? `The initial sync finished: ${snapshot.done} of ${snapshot.total} records are in QuickBooks, ${snapshot.failed} were refused (see the rows above). Changes now flow to QuickBooks.`
        : `The initial sync finished: all ${snapshot.total} customers and items are in QuickBooks. Changes now flow to QuickBooks.`,
    });
  }

  private save(job: InitialSyncJob, progress: InitialSyncProgress): Promise<boolean> {
    return this.jobs.update(job.tenantId, job.id, progress.snapshot, this.clock.now());
  }
}
