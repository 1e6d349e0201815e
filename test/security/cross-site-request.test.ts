import request from 'supertest';
import { createSqliteDatabase } from '../support/database';
import { useHostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';

describe('writes from another site are refused (CSRF)', () => {
  const stack = useHostStack({ database: createSqliteDatabase, hostTables: false, allowedOrigins: ['https://admin.pool.example'] });

  const disable = () => request(stack.host.app).post(`${mountPath}/sync/disable`).set('x-company-id', '3');

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
    await disable().set('Origin', 'https://admin.pool.example').expect(200);
    await disable().expect(200);
  });

  it('leaves reads alone whatever their origin', async () => {
    await request(stack.host.app).get(`${mountPath}/sync/status`).set('x-company-id', '3').set('Origin', 'https://evil.example').expect(200);
  });
});
