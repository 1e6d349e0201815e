import type { Router } from 'express';
import type { ActivityEntry } from '../../application/ports/activity-log.port';
import { ListActivity } from '../../application/use-cases/list-activity.use-case';
import { errorBody, httpStatusOf } from './http-status';
import type { PluginAccess } from './plugin-access';
import { tenantFor } from './plugin-access';
import { csvCell } from './preflight-csv';
import { utf8Bom } from './preview-csv';
import { activityFilters } from './activity.routes';
import type { UseCaseResolver } from './use-case-resolver';

const pageSize = 200;
/** A spreadsheet's worth; beyond it the admin filters by kind or outcome. */
const maxRows = 100_000;

const header = ['when (UTC)', 'action', 'record kind', 'host id', 'QuickBooks id', 'outcome', 'message', 'dismissed'];
// "dismissed" holds when a person marked the failure as handled elsewhere (UTC), empty otherwise.
const row = (entry: ActivityEntry): string =>
  [new Date(entry.at).toISOString(), entry.action, entry.kind ?? '', entry.hostId ?? '', entry.qboId ?? '', entry.outcome, entry.message, entry.dismissedAt === null ? '' : new Date(entry.dismissedAt).toISOString()].map(csvCell).join(',');

/** GET /activity.csv: the activity log with the same filters as GET /activity, every page, newest first. */
export const mountActivityExportRoutes = (router: Router, access: PluginAccess, resolve: UseCaseResolver): void => {
  router.get('/activity.csv', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'activity:read');
    const query = req.query as Record<string, unknown>;
    const filters = activityFilters(query);
    const list = resolve(ListActivity);
    let page = await list.execute(tenantId, { ...filters, limit: pageSize });
    if (!page.ok) {
      res.status(httpStatusOf(page.error)).json(errorBody(page.error.code, page.error.message));
      return;
    }
    res.type('text/csv; charset=utf-8').attachment('qbo-activity.csv');
    // The byte-order mark makes spreadsheets read the names' accents as UTF-8.
    res.write(`${utf8Bom}${header.map(csvCell).join(',')}\r\n`);
    let written = 0;
    try {
      // Page by page, so a long log never sits in memory whole.
      while (page.ok) {
        const items = page.value.items.slice(0, maxRows - written);
        if (items.length > 0) res.write(`${items.map(row).join('\r\n')}\r\n`);
        written += items.length;
        const cursor = page.value.nextCursor;
        if (!cursor || written >= maxRows) break;
        page = await list.execute(tenantId, { ...filters, limit: pageSize, cursor });
      }
      res.end();
    } catch {
      // The header is sent: a half file must not look whole, so the connection is cut.
      res.destroy();
    }
  });
};
