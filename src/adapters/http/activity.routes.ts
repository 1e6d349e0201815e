import type { Router } from 'express';
import type { PluginAccess } from './plugin-access';
import { tenantFor } from './plugin-access';
import { badRequest } from './http-problem';
import { optionalChoice, optionalInstant, optionalInteger, optionalString } from './query-params';
import { sendResult } from './send-result';
import type { UseCaseResolver } from './use-case-resolver';
import { ListActivity } from '../../application/use-cases/list-activity.use-case';
import { DismissFailure } from '../../application/use-cases/dismiss-failure.use-case';
import { RetryAllFailed } from '../../application/use-cases/retry-all-failed.use-case';
import { RetryDelivery } from '../../application/use-cases/retry-delivery.use-case';
import { opaqueIdPattern } from '../../application/ports/opaque-ids.port';

const kinds = ['customer', 'item', 'invoice', 'payment', 'refund', 'payout'] as const;
const outcomes = ['success', 'failure', 'skipped'] as const;

/** The filters GET /activity and GET /activity.csv share: kind, outcome, search text and a date range. */
export const activityFilters = (query: Record<string, unknown>) => {
  const from = optionalInstant(query, 'from');
  const to = optionalInstant(query, 'to');
  if (from !== undefined && to !== undefined && from >= to) throw badRequest('invalid_query', '"from" must be before "to".');
  const search = optionalString(query, 'search', 100)?.trim();
  return {
    kind: optionalChoice(query, 'kind', kinds),
    outcome: optionalChoice(query, 'outcome', outcomes),
    ...(search ? { search } : {}),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
};

const activityId = (req: { params: Record<string, string | undefined> }): string => {
  const id = String(req.params['id'] ?? '');
  if (!opaqueIdPattern.test(id)) throw badRequest('invalid_activity_id', `"${id.slice(0, 40)}" is not an activity entry id; use the id from the activity log.`);
  return id;
};

/** The activity log: every action the sync took. */
export const mountActivityRoutes = (router: Router, access: PluginAccess, resolve: UseCaseResolver): void => {
  router.get('/activity', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'activity:read');
    const query = req.query as Record<string, unknown>;
    const result = await resolve(ListActivity).execute(tenantId, {
      limit: optionalInteger(query, 'limit', 1, 200) ?? 50,
      cursor: optionalString(query, 'cursor', 64),
      ...activityFilters(query),
    });
    sendResult(res, result);
  });

  router.post('/activity/:id/retry', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'activity:retry');
    sendResult(res, await resolve(RetryDelivery).execute(tenantId, activityId(req)));
  });

  router.post('/activity/retry-failed', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'activity:retry');
    sendResult(res, await resolve(RetryAllFailed).execute(tenantId));
  });

  router.post('/activity/:id/dismiss', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'activity:retry');
    sendResult(res, await resolve(DismissFailure).execute(tenantId, activityId(req)));
  });
};
