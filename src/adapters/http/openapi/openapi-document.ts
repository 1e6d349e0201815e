import { openApiPaths } from './openapi-paths';
import { openApiResponses } from './openapi-responses';
import { openApiSchemas } from './openapi-schemas';

/** Express answers a read whose ETag the client already holds with 304 and no body. */
function withNotModified(paths: typeof openApiPaths): typeof openApiPaths {
  const notModified = { description: 'Not modified: the client already holds this answer (its `If-None-Match` matched the ETag).' };
  return Object.fromEntries(
    Object.entries(paths).map(([path, operations]) => {
      const get = operations['get'] as { responses: Record<string, unknown> } | undefined;
      return [path, get ? { ...operations, get: { ...get, responses: { 304: notModified, ...get.responses } } } : operations];
    }),
  );
}

/** The package's version, kept equal to package.json's by a test. */
export const apiVersion = '0.1.0';

/**
 * The HTTP API's contract: OpenAPI 3.1 of every route the router serves, relative to where the host mounts it.
 * Served at `GET /openapi.json`, exported as `openApiDocument` and shipped as `qbo-sync/openapi.json`.
 */
export const openApiDocument = {
  openapi: '3.1.0',
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  info: {
    title: 'qbo-sync',
    version: apiVersion,
    summary: "The QuickBooks Online integration's HTTP API, as mounted by the host application.",
    description:
      'Paths are relative to where the host mounts the router (for example `/integrations/qbo`). The tenant always comes from ' +
      "the host's own authentication (`resolveTenant`), never from the URL or body, and every route asks the host's " +
      '`authorize(req, action)` with the action named in its description. Requests from another site or origin are refused. ' +
      'Errors are `{ "error": { "code", "message" } }`, with a 4xx status for anything the caller can fix.',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  paths: withNotModified(openApiPaths),
  components: { schemas: openApiSchemas, responses: openApiResponses },
} as const;
