import type { Router } from 'express';
import type { PluginAccess } from './plugin-access';
import { tenantFor } from './plugin-access';
import { badRequest } from './http-problem';
import { optionalChoice, optionalInteger, optionalString } from './query-params';
import { sendResult } from './send-result';
import type { UseCaseResolver } from './use-case-resolver';
import { ListActivity } from '../../application/use-cases/list-activity.use-case';
import { RetryDelivery } from '../../application/use-cases/retry-delivery.use-case';
import { opaqueIdPattern } from '../../application/ports/opaque-ids.port';

const kinds = ['customer', 'item', 'invoice', 'payment', 'refund', 'payout'] as const;
const outcomes = ['success', 'failure', 'skipped'] as const;

/** The activity log: every action the sync took. */
export const mountActivityRoutes = (router: Router, access: PluginAccess, resolve: UseCaseResolver): void => {
  router.get('/activity', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'activity:read');
    const query = req.query as Record<string, unknown>;
    const result = await resolve(ListActivity).execute(tenantId, {
      limit: optionalInteger(query, 'limit', 1, 200) ?? 50,
      cursor: optionalString(query, 'cursor', 64),
      kind: optionalChoice(query, 'kind', kinds),
      outcome: optionalChoice(query, 'outcome', outcomes),
    });
    sendResult(res, result);
  });

  router.post('/activity/:id/retry', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'activity:retry');
    const id = String(req.params['id'] ?? '');
    if (!opaqueIdPattern.test(id)) throw badRequest('invalid_activity_id', `"${id.slice(0, 40)}" is not an activity entry id; use the id from the activity log.`);
    sendResult(res, await resolve(RetryDelivery).execute(tenantId, id));
  });
};
