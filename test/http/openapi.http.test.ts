import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { openApiDocument } from '../../src/plugin';
import { createSqliteDatabase } from '../support/database';
import { useHostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';
import { discoverRoutes } from '../security/support/route-catalogue';

type Operations = Record<string, { operationId?: string; responses: Record<string, unknown> }>;
const paths = openApiDocument.paths as unknown as Record<string, Operations>;
const documented = Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));

describe('the OpenAPI document of the HTTP API', () => {
  const stack = useHostStack({ database: createSqliteDatabase, hostTables: false, authorize: (req, action) => req.header('x-deny') !== action });

  it('documents every route the router serves, and no route it does not', () => {
    const served = discoverRoutes(stack.host.plugin.router).map((route) => `${route.method.toUpperCase()} ${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    expect({ undocumented: served.filter((route) => !documented.includes(route)).sort(), absent: documented.filter((route) => !served.includes(route)).sort() }).toEqual({ undocumented: [], absent: [] });
  });

  it('is served at GET /openapi.json, authorized like any read', async () => {
    const served = await request(stack.host.app).get(`${mountPath}/openapi.json`).set('x-company-id', 'docs-1').expect(200);
    expect(served.headers['content-type']).toMatch(/^application\/json/);
    expect(served.body).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
    const denied = await request(stack.host.app).get(`${mountPath}/openapi.json`).set('x-company-id', 'docs-1').set('x-deny', 'api:read').expect(403);
    expect(denied.body.error.code).toBe('forbidden');
  });

  it('is OpenAPI 3.1 whose schemas compile as JSON Schema 2020-12, with one operationId per operation and every refusal described', () => {
    expect(openApiDocument.openapi).toBe('3.1.0');
    const ids = Object.values(paths).flatMap((operations) => Object.values(operations).map((operation) => operation.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema(openApiDocument as object, 'openapi.json');
    for (const name of Object.keys(openApiDocument.components.schemas)) expect(() => ajv.compile({ $ref: `openapi.json#/components/schemas/${name}` })).not.toThrow();
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses);
        expect({ route: `${method} ${path}`, hasSuccess: statuses.some((status) => /^(2..|303)$/.test(status)), refusals: ['401', '403', '429', '500'].every((status) => path === '/assets/{file}' || statuses.includes(status)) }).toEqual({ route: `${method} ${path}`, hasSuccess: true, refusals: true });
      }
    }
  });

  it("carries the package's version, and docs/openapi.json is the same document (npm run openapi writes it)", () => {
    const root = join(__dirname, '../..');
    expect(openApiDocument.info.version).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
    expect(readFileSync(join(root, 'docs/openapi.json'), 'utf8')).toBe(`${JSON.stringify(openApiDocument, null, 2)}\n`);
  });
});
