import express, { type ErrorRequestHandler, type Router } from 'express';
import { createAsyncSafeRouter } from './async-safe.router';
import type { Logger } from '../../application/ports/logger.port';
import { mountActivityRoutes } from './activity.routes';
import { mountConnectionRoutes } from './connection.routes';
import { HttpProblem } from './http-problem';
import { sameOriginGuard } from './same-origin.guard';
import { errorBody } from './http-status';
import type { PluginAccess } from './plugin-access';
import type { UseCaseResolver } from './use-case-resolver';
import { mountSyncRoutes } from './sync.routes';
import { mountMatchRoutes } from './match.routes';
import { mountSetupRoutes } from './setup.routes';
import { mountPageRoutes, pageContentSecurityPolicy } from './page.routes';
import { mountActivityExportRoutes } from './activity-export.routes';
import { mountOpenApiRoutes } from './openapi.routes';

/**
 * The router a host mounts (`app.use('/integrations/qbo', plugin.router)`). It parses its own JSON, answers every
 * error itself as `{ error: { code, message } }`, and never lets a stack trace reach a response.
 */
/** What the page needs to know of the plugin's options: where QuickBooks' web app (or the emulator's) opens a record. */
export interface PageOptions {
  readonly qboAppUrl: string;
}

export const createQboSyncRouter = (access: PluginAccess, resolve: UseCaseResolver, logger: Logger, page: PageOptions = { qboAppUrl: 'https://app.qbo.intuit.com' }): Router => {
  const router = createAsyncSafeRouter();
  router.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Cache-Control', 'no-store');
    // Every answer, HTML or not: a page this router ever renders (the callback's refusal included) runs nothing foreign.
    res.set('Content-Security-Policy', pageContentSecurityPolicy);
    next();
  });
  router.use(sameOriginGuard(access.allowedOrigins));
  router.use(express.json({ limit: '100kb' }));
  mountConnectionRoutes(router, access, resolve);
  mountSyncRoutes(router, access, resolve);
  mountMatchRoutes(router, access, resolve);
  mountSetupRoutes(router, access, resolve);
  mountActivityRoutes(router, access, resolve);
  mountActivityExportRoutes(router, access, resolve);
  mountOpenApiRoutes(router, access);
  mountPageRoutes(router, access, page.qboAppUrl);
  router.use((req, res) => {
    res.status(404).json(errorBody('not_found', `There is no ${req.method} ${req.path} in the QuickBooks integration.`));
  });
  router.use(errorHandler(logger));
  return router;
};

const errorHandler = (logger: Logger): ErrorRequestHandler => (error: unknown, req, res, _next) => {
  if (error instanceof HttpProblem) {
    res.status(error.status).set(error.headers).json(errorBody(error.code, error.message));
    return;
  }
  const status = typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : 500;
  if (status >= 400 && status < 500) {
    // body-parser's errors (malformed JSON, too large, wrong charset) carry their status and a `type`.
    const type = String((error as { type?: unknown }).type ?? 'bad_request').replace(/\./g, '_');
    res.status(status).json(errorBody(type, status === 413 ? 'The request body is too large.' : 'The request could not be read: send valid JSON.'));
    return;
  }
  logger.error({ method: req.method, path: req.path, error: error instanceof Error ? error.message : String(error) }, 'unexpected error in the QuickBooks integration');
  res.status(500).json(errorBody('internal_error', 'Something went wrong on our side. Try again; if it keeps happening, contact support.'));
};
