import { ok, type Result } from '../../domain/shared/result';
import type { ApplicationError } from '../application-error';
import type { ActivityEntry, ActivityLog } from '../ports/activity-log.port';
import { maxActivityPage } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { OutboxStore } from '../ports/outbox-store.port';

export namespace RetryAllFailed {
  export interface Output {
    /** How many failed changes went back into the outbox. */
    readonly retried: number;
  }
}

/** The failures looked at in one request: far more than a log shows; the rest wait for the next press. */
const maxFailuresScanned = 20_000;

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
    const failures = await this.openFailures(tenantId);
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

  /** The newest failure entry of each outbox row still open (not dismissed), newest first. */
  private async openFailures(tenantId: string): Promise<ActivityEntry[]> {
    const byOutboxRow = new Map<string, ActivityEntry>();
    let cursor: string | undefined;
    for (let scanned = 0; scanned < maxFailuresScanned;) {
      const page = await this.activity.list(tenantId, { limit: maxActivityPage, outcome: 'failure', ...(cursor ? { cursor } : {}) });
      scanned += page.items.length;
      for (const entry of page.items) {
        if (entry.outboxId !== null && entry.dismissedAt === null && !byOutboxRow.has(entry.outboxId)) byOutboxRow.set(entry.outboxId, entry);
      }
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    return [...byOutboxRow.values()];
  }
}
