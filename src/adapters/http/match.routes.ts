import type { Router } from 'express';
import { CheckHost } from '../../application/use-cases/check-host.use-case';
import { GetMatchReport, type MatchSide } from '../../application/use-cases/setup/get-match-report.use-case';
import { ImportFromQbo } from '../../application/use-cases/setup/import-from-qbo.use-case';
import { bodyObject, onlyFields, optionalQboIdList } from './body-fields';
import type { PluginAccess } from './plugin-access';
import { tenantFor } from './plugin-access';
import { sendResult } from './send-result';
import type { UseCaseResolver } from './use-case-resolver';

const sides: readonly MatchSide[] = ['customers', 'items'];

/** Set-up, step 2: how names line up, and the import of what only QBO has. */
export const mountMatchRoutes = (router: Router, access: PluginAccess, resolve: UseCaseResolver): void => {
  router.get('/host-check', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'data:read');
    sendResult(res, await resolve(CheckHost).execute(tenantId));
  });

  for (const side of sides) {
    router.get(`/match/${side}`, async (req, res) => {
      const tenantId = await tenantFor(access, req, 'data:read');
      sendResult(res, await resolve(GetMatchReport).execute(tenantId, side));
    });

    router.post(`/import/${side}`, async (req, res) => {
      const tenantId = await tenantFor(access, req, 'data:import');
      const body = bodyObject(req.body);
      onlyFields(body, ['qboIds']);
      const qboIds = optionalQboIdList(body, 'qboIds', 10_000) ?? null;
      sendResult(res, await resolve(ImportFromQbo).execute(tenantId, side, qboIds));
    });
  }
};
