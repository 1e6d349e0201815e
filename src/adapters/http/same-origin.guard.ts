import type { Request, RequestHandler } from 'express';
import { HttpProblem } from './http-problem';

/**
 * CSRF and cross-site-read defence by standard headers (OWASP), for reads as much as writes: a browser marks every
 * request another page makes with `Sec-Fetch-Site` (and most with `Origin`), so a request from another site, or from a
 * sibling origin of the same site, is refused even when the host authenticates with cookies; an `<img>` on another
 * origin cannot make the plugin spend QBO reads as the signed-in admin. Callers that are not browsers send neither
 * header and pass; `authorize` still decides what they may do. Two exceptions, both top-level navigations that read
 * nothing: Intuit's redirect to the OAuth callback (protected by its single-use state) and opening the page itself.
 */
export const sameOriginGuard = (allowedOrigins: readonly string[] = []): RequestHandler => (req, _res, next) => {
  if (isOAuthCallback(req) || isPageOpened(req)) return next();
  const origin = req.get('origin');
  const fetchSite = req.get('sec-fetch-site');
  const allowed = origin !== undefined && allowedOrigins.includes(origin);
  const sameHost = origin !== undefined && hostOf(origin) === req.get('host');
  if (origin !== undefined && !sameHost && !allowed) return next(refusal(origin));
  if ((fetchSite === 'cross-site' || fetchSite === 'same-site') && !allowed) return next(refusal(origin ?? `a ${fetchSite} page`));
  next();
};

const isOAuthCallback = (req: Request): boolean => req.method === 'GET' && req.path === '/oauth/callback';

/** A link followed to the integration page (from the host's menu, an e-mail): the page is a shell that cannot be framed. */
const isPageOpened = (req: Request): boolean =>
  req.method === 'GET' && req.path === '/' && req.get('sec-fetch-mode') === 'navigate' && req.get('sec-fetch-dest') === 'document';

const hostOf = (origin: string): string | null => {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
};

const refusal = (origin: string): HttpProblem =>
  new HttpProblem(403, 'cross_site_request', `This request came from another site or origin (${origin.slice(0, 100)}) and was refused. Use the QuickBooks integration page of your own app.`);
