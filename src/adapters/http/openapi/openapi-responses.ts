/** The refusals every route may answer, as OpenAPI components, and the helpers that paths are written with. */
type Json = Record<string, unknown>;

const errorBody = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
const refusal = (description: string, headers?: Json): Json => ({ description, content: errorBody, ...(headers ? { headers } : {}) });

export const openApiResponses: Record<string, Json> = {
  BadRequest: refusal('The request cannot be used as sent: malformed JSON, a body that is not an object, an unknown or invalid field or query parameter (`invalid_body`, `unknown_field`, `invalid_field`, `invalid_query`, `entity_parse_failed`, …).'),
  NoTenant: refusal("The host's `resolveTenant` gave no company for this request (`no_tenant`): sign in again."),
  Forbidden: refusal("The host's `authorize` refused this action (`forbidden`), or the request came from another site or origin (`cross_site_request`)."),
  NotFound: refusal('Nothing of that name or id here (`not_found`).'),
  Conflict: refusal('Not possible in the current state: not connected (`not_connected`, `needs_reconnect`), settings incomplete, warnings not acknowledged (`warnings_not_acknowledged`), another company, a job running, …'),
  TooLarge: refusal('The request body is over 100 kB.'),
  UnsupportedCharset: refusal('The request body is in a character set other than UTF-8.'),
  Unprocessable: refusal('The settings name QuickBooks accounts that are not usable for that purpose.'),
  RateLimited: refusal('Too many requests from this user or company in a short time (`rate_limited`); wait as long as `Retry-After` says.', {
    'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer', minimum: 1 } },
  }),
  Internal: refusal('Something failed on the plugin\'s side (`internal_error`); the message never carries details.'),
  QboUnavailable: refusal('QuickBooks did not answer or is throttling; try again shortly.'),
};

const byStatus: Record<number, string> = { 400: 'BadRequest', 401: 'NoTenant', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 413: 'TooLarge', 415: 'UnsupportedCharset', 422: 'Unprocessable', 429: 'RateLimited', 500: 'Internal', 503: 'QboUnavailable' };

/** What any request may be refused with: unreadable, no tenant, not allowed, too large, too many, a failure. */
const everyRoute = [400, 401, 403, 413, 415, 429, 500];

export const refusals = (...more: number[]): Json =>
  Object.fromEntries([...new Set([...everyRoute, ...more])].sort().map((status) => [String(status), { $ref: `#/components/responses/${byStatus[status]}` }]));

export const json = (description: string, schema: string): Json => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });

export const jsonBody = (schema: string, required = true): Json => ({ required, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });

export const csv = (description: string): Json => ({ description, headers: { 'Content-Disposition': { description: 'attachment; filename="…csv"', schema: { type: 'string' } } }, content: { 'text/csv': { schema: { type: 'string' } } } });

export const queryParam = (name: string, description: string, schema: Json): Json => ({ name, in: 'query', required: false, description, schema });
