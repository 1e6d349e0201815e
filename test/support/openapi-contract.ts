import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { RequestHandler } from 'express';
import { openApiDocument } from '../../src/adapters/http/openapi/openapi-document';

/**
 * Every answer the plugin's router gives in a test is checked against its OpenAPI document: the route and status must
 * be documented, the content type too, and a JSON body must match its schema (JSON Schema 2020-12, as OpenAPI 3.1 has
 * it). Problems are kept here; test/support/openapi-contract.setup.ts fails the test file that produced any.
 */
export const contractViolations: string[] = [];

type Operation = { responses: Record<string, { content?: Record<string, unknown>; $ref?: string }> };
const document = openApiDocument as unknown as { paths: Record<string, Record<string, Operation>>; components: { responses: Record<string, { content?: Record<string, unknown> }> } };

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(openApiDocument as object, 'openapi.json');

const pointer = (...parts: string[]): string => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
const templates = Object.keys(document.paths).map((template) => ({ template, pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]*')}$`) }));

/** The documented path template a concrete path falls under, or null. */
export const documentedPath = (path: string): string | null => templates.find(({ pattern }) => pattern.test(path))?.template ?? null;

/** What is wrong with one answer, or null when it is as documented. */
export const contractProblem = (method: string, path: string, status: number, contentType: string | undefined, body: unknown): string | null => {
  const template = documentedPath(path);
  if (template === null) return status === 404 || status === 403 ? errorShapeProblem(body) : `${method} ${path} is not documented`;
  const operation = document.paths[template]![method.toLowerCase()];
  if (!operation) return status === 404 || status === 403 ? errorShapeProblem(body) : `${method} ${template} is not documented`;
  const response = operation.responses[String(status)];
  if (!response) return `${method} ${template} answered ${status}, which is not documented`;
  const content = response.$ref ? document.components.responses[response.$ref.split('/').pop()!]!.content : response.content;
  if (!content) return null;
  const type = (contentType ?? '').split(';')[0]!.trim();
  if (!(type in content)) return `${method} ${template} ${status} answered ${type || 'no content type'}; documented: ${Object.keys(content).join(', ')}`;
  if (type !== 'application/json') return null;
  const schemaAt = response.$ref ? `openapi.json#/${pointer('components', 'responses', response.$ref.split('/').pop()!, 'content', type, 'schema')}` : `openapi.json#/${pointer('paths', template, method.toLowerCase(), 'responses', String(status), 'content', type, 'schema')}`;
  const validate = ajv.getSchema(schemaAt) ?? ajv.compile({ $ref: schemaAt });
  if (validate(body)) return null;
  return `${method} ${template} ${status}: ${ajv.errorsText(validate.errors, { dataVar: 'body' })}`;
};

const errorShapeProblem = (body: unknown): string | null => {
  const validate = ajv.getSchema('openapi.json#/components/schemas/Error')!;
  return validate(body) ? null : `an unrouted answer is not { error: { code, message } }: ${ajv.errorsText(validate.errors)}`;
};

/** Mounted just before the plugin's router in the test host: watches what the router answers. */
export const contractRecorder = (): RequestHandler => (req, res, next) => {
  let body: unknown;
  let text: string | undefined;
  const json = res.json.bind(res);
  const send = res.send.bind(res);
  res.json = (value: unknown) => ((body = value), json(value));
  res.send = (value: unknown) => {
    if (typeof value === 'string') text = value;
    else if (Buffer.isBuffer(value)) text = value.toString('utf8');
    return send(value);
  };
  const path = req.path;
  res.on('finish', () => {
    const contentType = res.get('content-type');
    let parsed = body;
    if (parsed === undefined && text !== undefined && (contentType ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    const problem = contractProblem(req.method, path, res.statusCode, contentType, parsed);
    if (problem) contractViolations.push(problem);
  });
  next();
};
