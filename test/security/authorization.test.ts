import request from 'supertest';
import { createSqliteDatabase } from '../support/database';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { mountPath } from '../support/test-host';
import { concretePath, discoverRoutes, publicRoutes, type DiscoveredRoute } from './support/route-catalogue';
import { recordingAccess } from './support/recording-access';

const knownActions = ['connection:read', 'connection:manage', 'data:read', 'data:import', 'settings:read', 'settings:manage', 'sync:read', 'sync:manage', 'activity:read', 'activity:retry', 'page:view', 'api:read'];
const tenant = 'authz-1';
const plausibleBody = { acknowledgeWarnings: true, qboIds: [], incomeAccountId: '1', depositAccountId: '2' };

describe('every route asks the host: authorize(req, action) and resolveTenant(req) (SQLite + emulator)', () => {
  const access = recordingAccess();
  const stack = useHostStack({ database: createSqliteDatabase, resolveTenant: access.resolveTenant, authorize: access.authorize });
  let routes: DiscoveredRoute[];

  const send = (route: DiscoveredRoute, headers: Record<string, string>) => {
    const path = `${mountPath}${concretePath(route, (p) => (p === 'file' ? 'qbo-page.js' : '1'))}`;
    let call = request(stack.host.app)[route.method](path).set('x-company-id', tenant);
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    return route.method === 'get' || route.method === 'delete' ? call : call.send(plausibleBody);
  };

  beforeAll(async () => {
    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
    routes = discoverRoutes(stack.host.plugin.router);
  });

  it('finds the routes of DESIGN.md §5 by walking the router', () => {
    const keys = routes.map((r) => r.key);
    for (const expected of ['GET /connection', 'POST /connection/authorize', 'GET /oauth/callback', 'DELETE /connection', 'POST /sync/enable', 'GET /sync/status', 'GET /activity']) {
      expect(keys).toContain(expected);
    }
  });

  it.each(['deny', 'throw', 'truthy'])('answers 403 with { error } on every route when authorize says %s, and changes nothing', async (mode) => {
    const before = await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', tenant).expect(200);
    const activityBefore = await stack.db.knex('qbo_activity').count({ n: '*' }).first();
    const unguarded: string[] = [];
    for (const route of routes.filter((r) => !publicRoutes.has(r.key))) {
      const response = await send(route, { 'x-authz': mode });
      if (response.status !== 403 || response.body?.error?.code !== 'forbidden' || typeof response.body.error.message !== 'string') {
        unguarded.push(`${route.key} → ${response.status} ${JSON.stringify(response.body).slice(0, 120)}`);
      }
    }
    expect(unguarded).toEqual([]);
    const after = await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', tenant).expect(200);
    expect(after.body).toEqual(before.body);
    expect(await stack.db.knex('qbo_activity').count({ n: '*' }).first()).toEqual(activityBefore);
  });

  it('asks with a named action on every non-public route, and never for the static assets', async () => {
    for (const route of routes) {
      access.calls.length = 0;
      await send(route, { 'x-authz': 'deny' });
      const asked = access.calls.map((c) => c.action);
      if (publicRoutes.has(route.key)) {
        expect({ route: route.key, asked }).toEqual({ route: route.key, asked: [] });
      } else {
        expect({ route: route.key, asked: asked.length > 0 && asked.every((a) => knownActions.includes(a)) }).toEqual({ route: route.key, asked: true });
      }
    }
  });

  it('answers 401 on every non-public route when the host cannot tell the tenant (empty, or resolveTenant throws)', async () => {
    for (const route of routes.filter((r) => !publicRoutes.has(r.key))) {
      for (const headers of [{ 'x-company-id': '' }, { 'x-tenant': 'throw' }, { 'x-company-id': '   ' }] as Array<Record<string, string>>) {
        const response = await send(route, headers);
        expect({ route: route.key, headers, status: response.status, code: response.body?.error?.code }).toEqual({ route: route.key, headers, status: 401, code: 'no_tenant' });
      }
    }
  });

  it('serves only its own files from the public asset route, with no tenant data and no way out of the folder', async () => {
    for (const file of ['../plugin.ts', '..%2F..%2Fpackage.json', '%2e%2e%2fpage-shell.ts', 'page-assets.ts', '.env']) {
      const response = await request(stack.host.app).get(`${mountPath}/assets/${file}`);
      expect({ file, status: response.status }).toEqual({ file, status: 404 });
    }
  });
});
