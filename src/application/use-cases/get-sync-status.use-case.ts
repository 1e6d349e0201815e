import type { Clock } from '../ports/clock.port';
import type { InitialSyncJob, JobStore } from '../ports/job-store.port';
import type { OutboxStats, OutboxStore } from '../ports/outbox-store.port';
import type { SettingsStore } from '../ports/settings-store.port';

export namespace GetSyncStatus {
  /** What the progress bar shows of a job; its resume state stays inside. */
  export type Job = Pick<InitialSyncJob, 'id' | 'state' | 'total' | 'done' | 'failed' | 'byKind' | 'message'>;
  export interface Output {
    /** On, or being turned on (the initial sync runs). */
    readonly enabled: boolean;
    readonly enabledAt: number | null;
    /** The latest initial-sync job (the progress bar), null before the first Save & Sync. */
    readonly job: Job | null;
    readonly outbox: Pick<OutboxStats, 'pending' | 'failing' | 'failed' | 'oldestAgeMs'>;
  }
}

/** Whether the sync is on, how far the initial sync got, and how much waits in the outbox. */
export class GetSyncStatus {
  constructor(
    private readonly settings: SettingsStore,
    private readonly outbox: OutboxStore,
    private readonly jobs: JobStore,
    private readonly clock: Clock,
  ) {}

  async execute(tenantId: string): Promise<GetSyncStatus.Output> {
    const [settings, outbox, latest] = await Promise.all([this.settings.get(tenantId), this.outbox.stats(tenantId, this.clock.now()), this.jobs.latest(tenantId)]);
    const job = latest && { id: latest.id, state: latest.state, total: latest.total, done: latest.done, failed: latest.failed, byKind: latest.byKind, message: latest.message };
    return { enabled: settings.syncEnabled || job?.state === 'running', enabledAt: settings.enabledAt, job, outbox };
  }
}
