import type { Clock } from '../../ports/clock.port';
import type { JobStore } from '../../ports/job-store.port';

/** Turning the sync off while the initial sync runs stops that job; enabling again starts a new one that only does what is left. */
export class StopInitialSync {
  constructor(
    private readonly jobs: JobStore,
    private readonly clock: Clock,
  ) {}

  async execute(tenantId: string): Promise<{ stopped: boolean }> {
    const latest = await this.jobs.latest(tenantId);
    if (!latest || latest.state !== 'running') return { stopped: false };
    const stopped = await this.jobs.update(tenantId, latest.id, { state: 'failed', message: 'Stopped because the sync was turned off before the initial sync finished. Turn it on again to finish it.' }, this.clock.now());
    return { stopped };
  }
}
