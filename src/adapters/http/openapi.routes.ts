import type { Router } from 'express';
import { openApiDocument } from './openapi/openapi-document';
import type { PluginAccess } from './plugin-access';
import { tenantFor } from './plugin-access';

const body = JSON.stringify(openApiDocument);

/** GET /openapi.json: the routes' contract, for the host's engineers and their tools; authorized like any read. */
export const mountOpenApiRoutes = (router: Router, access: PluginAccess): void => {
  router.get('/openapi.json', async (req, res) => {
    await tenantFor(access, req, 'api:read');
    res.type('application/json').send(body);
  });
};
