import { err, ok, type Result } from '../../domain/shared/result';
import { applicationError, type ApplicationError } from '../application-error';
import type { ActivityLog, ActivityPage, ActivityQuery } from '../ports/activity-log.port';

/** The activity log, newest first, filtered and paginated. */
export class ListActivity {
  constructor(private readonly activity: ActivityLog) {}

  async execute(tenantId: string, query: ActivityQuery): Promise<Result<ActivityPage, ApplicationError>> {
    try {
      return ok(await this.activity.list(tenantId, query));
    } catch (error) {
      // A cursor the log never handed out (edited by hand, or from another list) is the caller's to fix.
      if (error instanceof RangeError) return err(applicationError('InvalidInput', 'invalid_cursor', 'This page link is not valid any more. Start again from the first page.'));
      throw error;
    }
  }
}
