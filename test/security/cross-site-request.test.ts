import request from 'supertest';
import { createSqliteDatabase } from '../support/database';
import { useHostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';

describe('requests from another site or origin are refused, reads as much as writes (CSRF)', () => {
  const stack = useHostStack({ database: createSqliteDatabase, hostTables: false, allowedOrigins: ['https://admin.pool.example'] });

  const disable = () => request(stack.host.app).post(`${mountPath}/sync/disable`).set('x-company-id', '3');
  const status = () => request(stack.host.app).get(`${mountPath}/sync/status`).set('x-company-id', '3');

  it('refuses a write whose Origin is another site, with a plain message', async () => {
    const response = await disable().set('Origin', 'https://evil.example').expect(403);
    expect(response.body.error).toEqual({ code: 'cross_site_request', message: expect.stringContaining('another site') });
  });

  it('refuses a write the browser marks as cross-site even without an Origin', async () => {
    await disable().set('Sec-Fetch-Site', 'cross-site').expect(403);
  });

  it('refuses a malformed or opaque Origin', async () => {
    await disable().set('Origin', 'null').expect(403);
  });

  it('accepts a write from the page of the same origin, from an allowed origin, and from a non-browser caller', async () => {
    await disable().set('Host', 'app.pool.example').set('Origin', 'https://app.pool.example').set('Sec-Fetch-Site', 'same-origin').expect(200);
    await disable().set('Origin', 'https://admin.pool.example').set('Sec-Fetch-Site', 'same-site').expect(200);
    await disable().expect(200);
  });

  it('refuses a read from another site, and from a sibling origin of the same site, with or without an Origin', async () => {
    const refused = await status().set('Origin', 'https://evil.example').expect(403);
    expect(refused.body.error.code).toBe('cross_site_request');
    await status().set('Sec-Fetch-Site', 'cross-site').expect(403); // <img src> from another site: no Origin
    await status().set('Sec-Fetch-Site', 'same-site').expect(403); // the same from shop.pool.example
    await request(stack.host.app).get(`${mountPath}/activity.csv`).set('x-company-id', '3').set('Sec-Fetch-Site', 'same-site').set('Sec-Fetch-Mode', 'navigate').expect(403);
  });

  it("accepts a read from the page itself, an allowed origin's page, an address typed by the user and a non-browser caller", async () => {
    await status().set('Sec-Fetch-Site', 'same-origin').expect(200);
    await status().set('Origin', 'https://admin.pool.example').set('Sec-Fetch-Site', 'same-site').expect(200);
    await status().set('Sec-Fetch-Site', 'none').expect(200);
    await status().expect(200);
  });

  it('lets Intuit redirect to the callback and a link open the page, and nothing else cross-site', async () => {
    const callback = await request(stack.host.app).get(`${mountPath}/oauth/callback?state=s&code=c&realmId=1`).set('x-company-id', '3').set('Sec-Fetch-Site', 'cross-site').set('Sec-Fetch-Mode', 'navigate');
    expect(callback.status).toBe(400); // reached the callback, which refused the unknown state itself
    expect(callback.text).toContain('connection link is unknown');
    const page = (dest: string) => request(stack.host.app).get(`${mountPath}/`).set('x-company-id', '3').set('Sec-Fetch-Site', 'cross-site').set('Sec-Fetch-Mode', 'navigate').set('Sec-Fetch-Dest', dest);
    await page('document').expect(200);
    await page('iframe').expect(403);
    await request(stack.host.app).get(`${mountPath}/assets/qbo-page.js`).set('Sec-Fetch-Site', 'cross-site').set('Sec-Fetch-Dest', 'script').expect(403);
  });
});
