import type { Router } from 'express';
import { HttpProblem } from './http-problem';
import type { PluginAccess } from './plugin-access';
import { tenantFor } from './plugin-access';
import { loadPageAssets } from './page/page-assets';
import { renderPageShell } from './page/page-shell';

/** Only the plugin's own files: no inline script or style, no other origin. */
export const pageContentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

/** The integration page at GET / and its static assets, wherever the host mounted the router. */
export const mountPageRoutes = (router: Router, access: PluginAccess, qboAppUrl: string): void => {
  const assets = loadPageAssets();

  router.get('/', async (req, res) => {
    await tenantFor(access, req, 'page:view');
    res.set('Content-Security-Policy', pageContentSecurityPolicy);
    res.set('Referrer-Policy', 'same-origin');
    res.type('html').send(renderPageShell(`${req.baseUrl}/assets`, qboAppUrl));
  });

  router.get('/assets/:file', (req, res) => {
    const asset = assets.get(String(req.params.file));
    if (!asset) throw new HttpProblem(404, 'not_found', `The integration page has no file named "${String(req.params.file).slice(0, 100)}".`);
    // Revalidated on every load and answered 304 when unchanged: a plugin upgrade is seen at once, a reload costs no bytes.
    res.set('Cache-Control', 'no-cache');
    res.set('ETag', asset.etag);
    res.set('Content-Security-Policy', pageContentSecurityPolicy);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type(asset.contentType).send(asset.body);
  });
};
