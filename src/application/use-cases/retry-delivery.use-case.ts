import { err, ok, type Result } from '../../domain/shared/result';
import { applicationError, type ApplicationError } from '../application-error';
import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { OpaqueIds } from '../ports/opaque-ids.port';
import type { OutboxStore } from '../ports/outbox-store.port';

export namespace RetryDelivery {
  export interface Output {
    readonly retried: true;
    readonly kind: string | null;
    readonly hostId: string | null;
  }
}

/** `POST /activity/:id/retry`: a failed delivery goes back into the outbox with a fresh attempt budget. */
export class RetryDelivery {
  constructor(
    private readonly activity: ActivityLog,
    private readonly outbox: OutboxStore,
    private readonly clock: Clock,
    private readonly ids: OpaqueIds,
  ) {}

  /** `activityId` is the opaque id GET /activity showed (ListActivity). */
  async execute(tenantId: string, activityId: string): Promise<Result<RetryDelivery.Output, ApplicationError>> {
    // Another tenant's entry is "not found" too: its existence is not ours to confirm.
    const rowId = this.ids.open(tenantId, 'activity', activityId);
    const entry = rowId === null ? null : await this.activity.get(tenantId, rowId);
    if (entry === null) return err(applicationError('NotFound', 'activity_not_found', `There is no activity entry ${activityId}. Reload the activity log.`));
    if (entry.outcome !== 'failure' || entry.outboxId === null) {
      return err(applicationError('Conflict', 'not_retryable', 'Only a failed delivery can be retried; this entry is not one.'));
    }
    const now = this.clock.now();
    if (!(await this.outbox.requeue(tenantId, entry.outboxId, now))) {
      return err(applicationError('Conflict', 'not_failed', 'This change is not failed any more: it was already retried or delivered. Reload the activity log.'));
    }
    await this.activity.record({
      tenantId, at: now, action: 'retry', kind: entry.kind, hostId: entry.hostId, qboId: null, outcome: 'success', outboxId: entry.outboxId,
      // The failed entry already names the record as the host shows it; the host id is internal (a UUID for some hosts).
      message: `Queued again to be sent to QuickBooks; it had failed: ${entry.message}`,
    });
    return ok({ retried: true, kind: entry.kind, hostId: entry.hostId });
  }
}
