import type { Request, Response, Router } from 'express';
import type { PluginAccess } from './plugin-access';
import { tenantFor } from './plugin-access';
import type { UseCaseResolver } from './use-case-resolver';
import { GetConnectionStatus } from '../../application/use-cases/get-connection-status.use-case';
import { StartAuthorization } from '../../application/use-cases/start-authorization.use-case';
import { CompleteAuthorization } from '../../application/use-cases/complete-authorization.use-case';
import { Disconnect } from '../../application/use-cases/disconnect.use-case';
import { escapeHtml } from './html-escape';
import { ResetLinks } from '../../application/use-cases/setup/reset-links.use-case';
import { bodyObject, onlyFields, optionalBoolean } from './body-fields';
import { badRequest } from './http-problem';
import { sendResult } from './send-result';
import { pageContentSecurityPolicy } from './page.routes';

const firstString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Connect (OAuth with Intuit), see the connection, disconnect. */
export const mountConnectionRoutes = (router: Router, access: PluginAccess, resolve: UseCaseResolver): void => {
  router.get('/connection', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'connection:read');
    res.json(await resolve(GetConnectionStatus).execute(tenantId));
  });

  router.post('/connection/authorize', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'connection:manage');
    res.json(await resolve(StartAuthorization).execute(tenantId));
  });

  router.get('/oauth/callback', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'connection:manage');
    // Only the values Intuit sends are read, one by one; the rest of the URL is never passed on.
    const result = await resolve(CompleteAuthorization).execute({
      state: firstString(req.query.state),
      code: firstString(req.query.code),
      error: firstString(req.query.error),
      realmId: firstString(req.query.realmId),
      expectedTenantId: tenantId,
    });
    if (result.ok) {
      res.redirect(303, `${req.baseUrl}/?${result.value.confirmed ? 'connected=1' : 'connecting=1'}`);
      return;
    }
    const wrongCompany = result.error.kind === 'WrongCompany';
    sendCallbackPage(req, res, wrongCompany ? 409 : 400, result.error.message, wrongCompany);
  });

  router.post('/connection/reset-links', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'connection:manage');
    const body = bodyObject(req.body, { allowEmpty: false });
    onlyFields(body, ['confirm']);
    if (optionalBoolean(body, 'confirm') !== true) {
      throw badRequest('confirmation_required', 'Resetting forgets which QuickBooks record each customer and item is linked to. Send { "confirm": true } to do it.');
    }
    sendResult(res, await resolve(ResetLinks).execute(tenantId));
  });

  router.delete('/connection', async (req, res) => {
    const tenantId = await tenantFor(access, req, 'connection:manage');
    res.json(await resolve(Disconnect).execute(tenantId));
  });
};

/**
 * The callback is a page in the admin's browser, so a refusal is a readable page with a way back. After a
 * wrong-company refusal the way back carries a marker, so the page offers the choices (reconnect, or reset the links).
 */
const sendCallbackPage = (req: Request, res: Response, status: number, message: string, wrongCompany: boolean): void => {
  res
    .status(status)
    .set('Content-Security-Policy', pageContentSecurityPolicy)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>QuickBooks connection</title><link rel="icon" href="data:,"></head>` +
        `<body><h1>QuickBooks was not connected</h1><p role="alert">${escapeHtml(message)}</p>` +
        `<p><a href="${escapeHtml(`${req.baseUrl}/${wrongCompany ? '?wrong_company=1' : ''}`)}">Back to the QuickBooks integration</a></p></body></html>`,
    );
};
