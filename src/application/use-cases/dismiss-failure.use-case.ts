import { err, ok, type Result } from '../../domain/shared/result';
import { applicationError, type ApplicationError } from '../application-error';
import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { OpaqueIds } from '../ports/opaque-ids.port';
import type { OutboxStore } from '../ports/outbox-store.port';

export namespace DismissFailure {
  export interface Output {
    readonly dismissed: true;
    readonly dismissedAt: number;
  }
}

/**
 * `POST /activity/:id/dismiss`: a failure a person handled elsewhere (fixed by hand in QuickBooks). The entry stays
 * in the log and the CSV, marked dismissed; it leaves the failed count, and its change is not sent again. A later
 * change of the record is sent as usual.
 */
export class DismissFailure {
  constructor(
    private readonly activity: ActivityLog,
    private readonly outbox: OutboxStore,
    private readonly clock: Clock,
    private readonly ids: OpaqueIds,
  ) {}

  /** `activityId` is the opaque id GET /activity showed. */
  async execute(tenantId: string, activityId: string): Promise<Result<DismissFailure.Output, ApplicationError>> {
    const rowId = this.ids.open(tenantId, 'activity', activityId);
    const entry = rowId === null ? null : await this.activity.get(tenantId, rowId);
    if (entry === null || rowId === null) return err(applicationError('NotFound', 'activity_not_found', `There is no activity entry ${activityId}. Reload the activity log.`));
    if (entry.outcome !== 'failure') return err(applicationError('Conflict', 'not_dismissible', 'Only a failure can be dismissed; this entry is not one.'));
    const now = this.clock.now();
    if (!(await this.activity.dismiss(tenantId, rowId, now))) {
      return err(applicationError('Conflict', 'already_dismissed', 'This failure is already dismissed. Reload the activity log.'));
    }
    // The failed outbox row leaves the failed count too; a row retried meanwhile is left to run.
    if (entry.outboxId !== null) await this.outbox.dismiss(tenantId, entry.outboxId, now);
    return ok({ dismissed: true, dismissedAt: now });
  }
}
