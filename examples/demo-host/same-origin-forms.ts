import type { NextFunction, Request, Response } from 'express';
import { problemPage } from './demo-layout';

const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The demo's own forms take posts from its own pages only: a browser marks a post another site (or a sibling origin)
 * makes with `Sec-Fetch-Site` and `Origin`, and such a post is refused with a page that says so (CSRF, OWASP).
 */
export const sameOriginForms = (req: Request, res: Response, next: NextFunction): void => {
  if (!writes.has(req.method)) return next();
  const origin = req.get('origin');
  const site = req.get('sec-fetch-site');
  const foreignOrigin = origin !== undefined && origin !== `${req.protocol}://${req.get('host')}`;
  if (!foreignOrigin && (site === undefined || site === 'same-origin' || site === 'none')) return next();
  res.status(403).type('html').send(problemPage('This form was sent from another site and was refused. Use the back office itself to make changes.'));
};
