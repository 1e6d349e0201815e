import express, { type Express } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { Logger } from '../../../src/application/ports/logger.port';
import { createQboSyncRouter } from '../../../src/adapters/http/qbo-sync.router';
import { pageAssetNames } from '../../../src/adapters/http/page/page-assets';
import { pageContentSecurityPolicy } from '../../../src/adapters/http/page.routes';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const assetsDir = join(__dirname, '../../../src/adapters/http/page/assets');

/** A host whose auth is two headers: `x-company-id` (the tenant) and `x-deny: page:view` (a refusal). */
const hostAt = (mountPath: string): Express => {
  const router = createQboSyncRouter(
    { resolveTenant: (req) => String(req.header('x-company-id') ?? ''), authorize: (req, action) => req.header('x-deny') !== action },
    () => {
      throw new Error('the page routes resolve no use case');
    },
    silent,
  );
  const app = express();
  app.use(mountPath, router);
  return app;
};

describe('GET / — the integration page', () => {
  it('serves the HTML shell with a strict CSP and nosniff, assets under the mount path', async () => {
    const response = await request(hostAt('/integrations/qbo')).get('/integrations/qbo/').set('x-company-id', '1').expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'",
    );
    expect(pageContentSecurityPolicy).toBe(response.headers['content-security-policy']);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.text).toContain('<script type="module" src="/integrations/qbo/assets/qbo-page.js"></script>');
    expect(response.text).toContain('<link rel="stylesheet" href="/integrations/qbo/assets/qbo-page.css">');
  });

  it('works under any mount path, with or without the trailing slash', async () => {
    const app = hostAt('/admin/acme/quickbooks');
    for (const path of ['/admin/acme/quickbooks', '/admin/acme/quickbooks/']) {
      const response = await request(app).get(path).set('x-company-id', '1').expect(200);
      expect(response.text).toContain('src="/admin/acme/quickbooks/assets/qbo-page.js"');
    }
  });

  it('carries no inline script, inline style or event handler attribute (the CSP would block them)', async () => {
    const { text } = await request(hostAt('/q')).get('/q/').set('x-company-id', '1').expect(200);
    expect(text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
    expect(text).not.toMatch(/<style/i);
    expect(text).not.toMatch(/\sstyle=/i);
    expect(text).not.toMatch(/\son[a-z]+=/i);
  });

  it("is refused with 403 when the host's authorize says no, and 401 when the host knows no tenant", async () => {
    const app = hostAt('/q');
    const denied = await request(app).get('/q/').set('x-company-id', '1').set('x-deny', 'page:view').expect(403);
    expect(denied.body).toEqual({ error: { code: 'forbidden', message: expect.stringContaining('page:view') } });
    const anonymous = await request(app).get('/q/').expect(401);
    expect(anonymous.body.error.code).toBe('no_tenant');
  });
});

describe('GET /assets/:file', () => {
  const app = hostAt('/q');

  it.each(pageAssetNames)('serves %s with its content type, a strong ETag and revalidation', async (name) => {
    const response = await request(app).get(`/q/assets/${name}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(response.headers['content-type']).toBe(name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['etag']).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect((response.body as Buffer).equals(readFileSync(join(assetsDir, name)))).toBe(true);
  });

  it('answers 304 with no body when the browser already has this version', async () => {
    const first = await request(app).get('/q/assets/qbo-page.css').expect(200);
    const again = await request(app).get('/q/assets/qbo-page.css').set('if-none-match', first.headers['etag'] as string).expect(304);
    expect(again.text).toBe('');
  });

  it.each(['nope.js', 'page-state.d.ts', '..%2Fpage-shell.ts', '..%2F..%2Fpage.routes.ts', '%2e%2e%2fpage-assets.ts', 'qbo-page.js%00.css', 'QBO-PAGE.JS'])(
    'refuses %s with a 404 and a JSON error, never touching the file system',
    async (file) => {
      const response = await request(app).get(`/q/assets/${file}`).expect(404);
      expect(response.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    },
  );

  it('lists every module the page imports, so no import can 404 in the browser', () => {
    for (const name of pageAssetNames.filter((n) => n.endsWith('.js'))) {
      const source = readFileSync(join(assetsDir, name), 'utf8');
      for (const [, imported] of source.matchAll(/from '\.\/([^']+)'/g)) expect(pageAssetNames).toContain(imported);
    }
  });

  it('puts data into the page with textContent only: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    for (const name of pageAssetNames.filter((n) => n.endsWith('.js'))) {
      expect(readFileSync(join(assetsDir, name), 'utf8')).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });
});

describe('the page routes and the rest of the router', () => {
  it('still answers unknown paths with the JSON 404', async () => {
    const response = await request(hostAt('/q')).get('/q/no-such-thing').expect(404);
    expect(response.body.error.code).toBe('not_found');
  });
});
