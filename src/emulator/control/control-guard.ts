import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

const refuse = (res: Response, status: number, message: string): void => {
  res.status(status).json({ error: { message } });
};

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** The page for people may be opened from a link (a top-level navigation); nothing else comes from another site. */
const isPageNavigation = (req: Request): boolean => req.method === 'GET' && req.path === '/' && req.headers['sec-fetch-mode'] === 'navigate';

/**
 * The control API sets the stage for tests and holds every company's tokens, so a web page must not drive it: a request
 * a browser marks as coming from another origin (Origin, Sec-Fetch-Site) is refused, and when the emulator was started
 * with a control token every request must carry it (`Authorization: Bearer <token>` or `x-control-token`; the page
 * also takes `?controlToken=`).
 */
export function controlGuard(controlToken: string | undefined): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    const own = `${req.protocol}://${req.headers.host ?? ''}`;
    if (origin !== undefined && origin !== own) return refuse(res, 403, `Requests from ${origin} may not use the emulator's control API.`);
    const site = req.headers['sec-fetch-site'];
    if ((site === 'cross-site' || site === 'same-site') && !isPageNavigation(req)) {
      return refuse(res, 403, 'Requests from another site may not use the emulator\'s control API.');
    }
    if (controlToken === undefined) return next();
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const header = req.headers['x-control-token'];
    const query = req.method === 'GET' && req.path === '/' && typeof req.query.controlToken === 'string' ? req.query.controlToken : undefined;
    const given = bearer ?? (typeof header === 'string' ? header : undefined) ?? query;
    if (given === undefined || !sameSecret(given, controlToken)) {
      return refuse(res, 401, 'The emulator was started with a control token: send it as "Authorization: Bearer <token>" or "x-control-token".');
    }
    next();
  };
}
