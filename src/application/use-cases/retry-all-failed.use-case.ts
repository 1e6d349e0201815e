import { ok, type Result } from '../../domain/shared/result';
import type { ApplicationError } from '../application-error';
import type { ActivityLog } from '../ports/activity-log.port';
import { openFailures } from './open-failures';
import type { Clock } from '../ports/clock.port';
import type { OutboxStore } from '../ports/outbox-store.port';

export namespace RetryAllFailed {
  export interface Output {
    /** How many failed changes went back into the outbox. */
    readonly retried: number;
  }
}

/**
 * `POST /activity/retry-failed` ("Retry all failed"): every failed delivery the log shows, not dismissed, goes back
 * into the outbox with a fresh attempt budget, exactly as the single Retry does. A change logged as failed twice is
 * sent once; one already retried or delivered since is left alone.
 */
export class RetryAllFailed {
  constructor(
    private readonly activity: ActivityLog,
    private readonly outbox: OutboxStore,
    private readonly clock: Clock,
  ) {}

  async execute(tenantId: string): Promise<Result<RetryAllFailed.Output, ApplicationError>> {
    const failures = await openFailures(this.activity, tenantId);
    const now = this.clock.now();
    let retried = 0;
    for (const entry of failures) {
      if (!(await this.outbox.requeue(tenantId, entry.outboxId!, now))) continue;
      retried += 1;
      await this.activity.record({
        tenantId, at: now, action: 'retry', kind: entry.kind, hostId: entry.hostId, qboId: null, outcome: 'success', outboxId: entry.outboxId,
        message: `Queued again by "Retry all failed" to be sent to QuickBooks; it had failed: ${entry.message}`,
      });
    }
    return ok({ retried });
  }
}
