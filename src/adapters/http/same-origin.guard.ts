import type { RequestHandler } from 'express';
import { HttpProblem } from './http-problem';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence by standard headers (OWASP): a browser marks every cross-site write with `Origin` and
 * `Sec-Fetch-Site`, so a write from another site is refused even when the host authenticates with cookies.
 * Callers that are not browsers send neither header and pass; `authorize` still decides what they may do.
 */
export const sameOriginGuard = (allowedOrigins: readonly string[] = []): RequestHandler => (req, _res, next) => {
  if (safeMethods.has(req.method)) return next();
  const origin = req.get('origin');
  const fetchSite = req.get('sec-fetch-site');
  const sameHost = origin !== undefined && hostOf(origin) === req.get('host');
  const allowed = origin !== undefined && allowedOrigins.includes(origin);
  if (origin !== undefined && !sameHost && !allowed) return next(refusal(origin));
  if (fetchSite === 'cross-site' && !allowed) return next(refusal(origin ?? 'another site'));
  next();
};

const hostOf = (origin: string): string | null => {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
};

const refusal = (origin: string): HttpProblem =>
  new HttpProblem(403, 'cross_site_request', `This request came from another site (${origin.slice(0, 100)}) and was refused. Use the QuickBooks integration page of your own app.`);
