import type { Router } from 'express';
import type { PluginAccess } from './plugin-access';
import { tenantFor } from './plugin-access';
import type { UseCaseResolver } from './use-case-resolver';
import { EnableSync } from '../../application/use-cases/enable-sync.use-case';
import { DisableSync } from '../../application/use-cases/disable-sync.use-case';
import { GetSyncStatus } from '../../application/use-cases/get-sync-status.use-case';
import { StopInitialSync } from '../../application/use-cases/setup/stop-initial-sync.use-case';
import { bodyObject, onlyFields, optionalBoolean } from './body-fields';
import { sendResult } from './send-result';

/** Turning the sync on and off, and how it is doing. */
export const mountSyncRoutes = (router: Router, access: PluginAccess, resolve: UseCaseResolver): void => {
  router.post('/sync/enable', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'sync:manage');
    const body = bodyObject(req.body);
    onlyFields(body, ['acknowledgeWarnings']);
    const acknowledgeWarnings = optionalBoolean(body, 'acknowledgeWarnings') ?? false;
    sendResult(res, await resolve(EnableSync).execute({ tenantId, acknowledgeWarnings }), 202);
  });

  router.post('/sync/disable', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'sync:manage');
    // The initial sync stops too: enabling again starts a job that only does what is left.
    await resolve(StopInitialSync).execute(tenantId);
    res.json(await resolve(DisableSync).execute(tenantId));
  });

  router.get('/sync/status', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'sync:read');
    res.json(await resolve(GetSyncStatus).execute(tenantId));
  });
};
