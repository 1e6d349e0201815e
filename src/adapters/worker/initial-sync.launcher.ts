import { Clock } from '../../application/ports/clock.port';
import { IdGenerator } from '../../application/ports/id-generator.port';
import type { InitialSyncLauncher } from '../../application/ports/initial-sync-launcher.port';
import { JobStore } from '../../application/ports/job-store.port';
import { Logger } from '../../application/ports/logger.port';
import { silentTelemetry, type Telemetry } from '../../application/ports/telemetry.port';
import { RunInitialSync } from '../../application/use-cases/setup/run-initial-sync.use-case';

export interface LauncherTiming {
  /** First wait after a `wait` step; doubles up to `maxWaitMs`. */
  readonly waitMs: number;
  readonly maxWaitMs: number;
}

/** Unexpected errors in a row after which the job is marked failed (a bug, or a database that stays away). */
const maxErrorsInARow = 5;

/**
 * Runs initial-sync jobs in this process, in the background: each job loops until it finishes, waiting (with
 * backoff) while QBO, the connection or the tenant lease is not available. `stop()` lets the batch in flight finish.
 */
export class BackgroundInitialSyncLauncher implements InitialSyncLauncher {
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopping = false;
  private readonly wakers = new Set<() => void>();
  /** This process, as the tenant lease knows it. */
  private readonly owner: string;

  constructor(
    private readonly run: RunInitialSync,
    private readonly jobs: JobStore,
    private readonly logger: Logger,
    private readonly clock: Clock,
    ids: IdGenerator,
    private readonly timing: LauncherTiming,
    private readonly telemetry: Telemetry = silentTelemetry,
  ) {
    this.owner = `initial-sync-${ids.newId()}`;
  }

  launch(tenantId: string, jobId: string): void {
    if (this.stopping || this.inFlight.has(jobId)) return;
    const running = this.loop(tenantId, jobId).finally(() => this.inFlight.delete(jobId));
    this.inFlight.set(jobId, running);
  }

  /** Picks up every job left running (after a crash or a restart). */
  async resumeAll(): Promise<void> {
    this.stopping = false;
    for (const job of await this.jobs.running()) this.launch(job.tenantId, job.id);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakers) wake();
    await Promise.all([...this.inFlight.values()]);
  }

  /** Resolves once no job runs in this process (for tests and a graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()]);
  }

  private async loop(tenantId: string, jobId: string): Promise<void> {
    let waitMs = this.timing.waitMs;
    let errors = 0;
    while (!this.stopping) {
      try {
        const step = await this.run.execute({ tenantId, jobId, owner: this.owner, shouldStop: () => this.stopping });
        errors = 0;
        if (step.kind === 'finished') return await this.tellEnded(tenantId, jobId);
        this.logger.info({ tenantId, jobId, reason: step.reason }, 'initial sync waits');
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.error({ tenantId, jobId, error: message }, 'initial sync step failed');
        if (++errors >= maxErrorsInARow) {
          await this.jobs.update(tenantId, jobId, { state: 'failed', message: `The initial sync stopped after repeated errors (${message}). Turn the sync on again to resume it; if it keeps failing, contact support.` }, this.clock.now()).catch(() => false);
          return await this.tellEnded(tenantId, jobId);
        }
      }
      await this.sleep(waitMs);
      waitMs = Math.min(this.timing.maxWaitMs, waitMs * 2);
    }
  }

  /** The host hears how the job ended; a job this process merely stopped (shutting down) is still running and says nothing. */
  private async tellEnded(tenantId: string, jobId: string): Promise<void> {
    const job = await this.jobs.get(tenantId, jobId).catch((error: unknown) => {
      this.logger.warn({ tenantId, jobId, error: error instanceof Error ? error.message : String(error) }, 'could not read how the initial sync ended; no event is sent');
      return null;
    });
    if (!job || job.state === 'running') return;
    const counts = { tenantId, at: this.clock.now(), jobId, total: job.total, done: job.done, failed: job.failed };
    this.telemetry.event(job.state === 'completed' ? { type: 'initial_sync.completed', ...counts } : { type: 'initial_sync.failed', ...counts, message: job.message ?? 'The initial sync stopped.' });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref(); // a job waiting for QBO must not keep the host process alive
      this.wakers.add(wake);
    });
  }
}
