import { err, ok, type Result } from '../../domain/shared/result';
import { applicationError, type ApplicationError } from '../application-error';
import type { ActivityEntry, ActivityLog, ActivityPage, ActivityQuery } from '../ports/activity-log.port';
import type { OpaqueIds } from '../ports/opaque-ids.port';

const invalidCursor = (): ApplicationError => applicationError('InvalidInput', 'invalid_cursor', 'This page link is not valid any more. Start again from the first page.');

/**
 * The activity log, newest first, filtered and paginated. Entry ids and cursors leave as opaque ids (OpaqueIds): the
 * log's row ids are one sequence for every tenant, and their gaps would tell one tenant how busy the others are.
 */
export class ListActivity {
  constructor(
    private readonly activity: ActivityLog,
    private readonly ids: OpaqueIds,
  ) {}

  async execute(tenantId: string, query: ActivityQuery): Promise<Result<ActivityPage, ApplicationError>> {
    const cursor = query.cursor ? this.ids.open(tenantId, 'activity', query.cursor) : undefined;
    if (cursor === null) return err(invalidCursor());
    let page: ActivityPage;
    try {
      page = await this.activity.list(tenantId, { ...query, ...(cursor === undefined ? { cursor: undefined } : { cursor }) });
    } catch (error) {
      // A cursor the log never handed out is the caller's to fix.
      if (error instanceof RangeError) return err(invalidCursor());
      throw error;
    }
    return ok({
      items: page.items.map((entry) => this.shown(tenantId, entry)),
      nextCursor: page.nextCursor === null ? null : this.ids.seal(tenantId, 'activity', page.nextCursor),
    });
  }

  private shown(tenantId: string, entry: ActivityEntry): ActivityEntry {
    return {
      ...entry,
      id: this.ids.seal(tenantId, 'activity', entry.id),
      outboxId: entry.outboxId === null ? null : this.ids.seal(tenantId, 'outbox', entry.outboxId),
    };
  }
}
