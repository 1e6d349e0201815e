import fc from 'fast-check';
import request from 'supertest';
import { createSqliteDatabase } from '../support/database';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { mountPath } from '../support/test-host';
import { body, headers, hostileText, injection, queryString, type FuzzBody } from './support/fuzz-arbitraries';
import { concretePath, discoverRoutes, isHtmlRoute, type DiscoveredRoute } from './support/route-catalogue';

const tenant = 'fuzz-1';
const stackTrace = /\n\s+at [^\n]+:\d+:\d+|node_modules|\.ts:\d+|Error: .*\n/;

describe('random queries, bodies, headers and path values on every route: never a 5xx, never a stack (SQLite + emulator)', () => {
  let routes: DiscoveredRoute[] = [];
  // Thousands of requests in a few seconds: lift the plugin's per-realm QBO budget so none waits a minute for its window.
  const stack = useHostStack({ database: createSqliteDatabase, qbo: { clientId: 'fuzz', limits: { perMinute: 1_000_000, concurrent: 10, batchPerMinute: 1_000_000 } } });

  beforeAll(async () => {
    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
    routes = discoverRoutes(stack.host.plugin.router);
  });

  const sendFuzzed = (route: DiscoveredRoute, param: string, query: string, payload: FuzzBody, extra: Record<string, string>, tenantHeader: string) => {
    const path = `${mountPath}${concretePath(route, () => param)}${query ? `?${query}` : ''}`;
    let call = request(stack.host.app)[route.method](path).set('x-company-id', tenantHeader).set(extra);
    if (payload.kind === 'json') call = call.set('content-type', 'application/json').send(JSON.stringify(payload.value) ?? 'null');
    if (payload.kind === 'raw') call = call.set('content-type', payload.contentType).send(payload.text);
    return call;
  };

  const check = (route: DiscoveredRoute, response: request.Response): void => {
    const where = `${route.key} → ${response.status}: ${response.text.slice(0, 200)}`;
    if (response.status >= 500) throw new Error(`5xx from ${where}`);
    if (stackTrace.test(response.text)) throw new Error(`stack trace or source path in ${where}`);
    const type = String(response.headers['content-type'] ?? '');
    // JSON may quote input back (nosniff, never rendered); a page must not.
    if (!type.includes('application/json') && (response.text.includes(injection) || /<svg onload/i.test(response.text))) throw new Error(`input reflected unescaped in ${where}`);
    if (!type.includes('application/json') && !type.includes('text/html') && !type.includes('text/csv') && !type.includes('javascript') && !type.includes('text/css') && response.status !== 304 && response.status !== 303) {
      throw new Error(`unexpected content type ${type} from ${where}`);
    }
    if (response.status >= 400) {
      if (type.includes('text/html')) {
        if (!isHtmlRoute(route)) throw new Error(`an HTML error from a JSON route: ${where}`);
      } else {
        const error = (response.body as { error?: { code?: unknown; message?: unknown } })?.error;
        if (typeof error?.code !== 'string' || typeof error.message !== 'string' || error.message === '') throw new Error(`4xx without { error: { code, message } }: ${where}`);
      }
    }
  };

  it('has routes to fuzz', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  // One property per route, discovered at run time; destructive routes come last.
  it('answers every route without a 5xx, a stack trace or reflected input', async () => {
    const tenants = fc.oneof({ weight: 8, arbitrary: fc.constant(tenant) }, { weight: 1, arbitrary: fc.constantFrom('', 'other-tenant', 'x'.repeat(300), injection) });
    const reached: string[] = [];
    for (const route of routes) {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(hostileText, queryString, body, headers, tenants, async (param, query, payload, extra, tenantHeader) => {
          const response = await sendFuzzed(route, param, query, payload, extra as Record<string, string>, tenantHeader);
          statuses.add(response.status);
          check(route, response);
        }),
        { numRuns: 100 },
      );
      // The fuzz must get past the auth gate, or it proved nothing about the handler.
      if ([...statuses].some((status) => status !== 401 && status !== 403)) reached.push(route.key);
    }
    expect(reached).toEqual(routes.map((r) => r.key));
  }, 240_000);
});
