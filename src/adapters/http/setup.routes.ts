import type { Router } from 'express';
import { GetPreflight } from '../../application/use-cases/setup/get-preflight.use-case';
import { GetSettings, type SetupSettings } from '../../application/use-cases/setup/get-settings.use-case';
import { ListAccounts } from '../../application/use-cases/setup/list-accounts.use-case';
import { SaveSettings } from '../../application/use-cases/setup/save-settings.use-case';
import { bodyObject, onlyFields, qboId } from './body-fields';
import { badRequest } from './http-problem';
import { errorBody, httpStatusOf } from './http-status';
import type { PluginAccess } from './plugin-access';
import { tenantFor } from './plugin-access';
import { duplicatesCsv } from './preflight-csv';
import { previewCsv } from './preview-csv';
import { GetSyncPreview } from '../../application/use-cases/setup/get-sync-preview.use-case';
import { sendResult } from './send-result';
import type { UseCaseResolver } from './use-case-resolver';

const serviceKinds = ['pool_service', 'work_order_type'] as const;

const settingsChanges = (raw: unknown): Partial<SetupSettings> => {
  const body = bodyObject(raw, { allowEmpty: false });
  onlyFields(body, ['incomeAccountId', 'depositAccountId', 'serviceImportKind', 'taxCodeId', 'payoutAccountId', 'payoutFeeAccountId']);
  const changes: { -readonly [K in keyof SetupSettings]?: SetupSettings[K] } = {};
  if (body['incomeAccountId'] !== undefined) changes.incomeAccountId = qboId(body['incomeAccountId'], 'incomeAccountId');
  if (body['depositAccountId'] !== undefined) changes.depositAccountId = qboId(body['depositAccountId'], 'depositAccountId');
  // Optional choices: null clears them (no payout account is "Don't sync payouts").
  for (const name of ['taxCodeId', 'payoutAccountId', 'payoutFeeAccountId'] as const) {
    if (body[name] !== undefined) changes[name] = body[name] === null ? null : qboId(body[name], name);
  }
  const kind = body['serviceImportKind'];
  if (kind !== undefined) {
    if (!serviceKinds.includes(kind as never)) throw badRequest('invalid_field', `"serviceImportKind" must be one of: ${serviceKinds.join(', ')}.`);
    changes.serviceImportKind = kind as SetupSettings['serviceImportKind'];
  }
  return changes;
};

/** Set-up, steps 3 and 4: accounts, settings and the pre-flight warnings. */
export const mountSetupRoutes = (router: Router, access: PluginAccess, resolve: UseCaseResolver): void => {
  router.get('/accounts', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'settings:read');
    sendResult(res, await resolve(ListAccounts).execute(tenantId));
  });

  router.get('/settings', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'settings:read');
    res.json(await resolve(GetSettings).execute(tenantId));
  });

  router.put('/settings', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'settings:manage');
    sendResult(res, await resolve(SaveSettings).execute(tenantId, settingsChanges(req.body)));
  });

  router.get('/preflight', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'sync:read');
    sendResult(res, await resolve(GetPreflight).execute(tenantId));
  });

  router.get('/preview', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'sync:read');
    sendResult(res, await resolve(GetSyncPreview).execute(tenantId));
  });

  router.get('/preview.csv', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'sync:read');
    const result = await resolve(GetSyncPreview).execute(tenantId);
    if (!result.ok) {
      res.status(httpStatusOf(result.error)).json(errorBody(result.error.code, result.error.message));
      return;
    }
    res.type('text/csv; charset=utf-8').attachment('qbo-first-sync-preview.csv').send(previewCsv(result.value));
  });

  router.get('/preflight/duplicates.csv', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'sync:read');
    const result = await resolve(GetPreflight).execute(tenantId);
    if (!result.ok) {
      res.status(httpStatusOf(result.error)).json(errorBody(result.error.code, result.error.message));
      return;
    }
    res.type('text/csv; charset=utf-8').attachment('qbo-potential-duplicates.csv').send(duplicatesCsv(result.value.duplicates));
  });
};
