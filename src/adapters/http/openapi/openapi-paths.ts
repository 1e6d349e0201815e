import { csv, json, jsonBody, queryParam, refusals } from './openapi-responses';

type Json = Record<string, unknown>;
const kinds = { enum: ['customer', 'item', 'invoice', 'payment', 'refund', 'payout'] };
const outcomes = { enum: ['success', 'failure', 'skipped'] };
const instant = { type: 'string', format: 'date-time', description: 'ISO 8601 with its offset, e.g. 2026-12-05T00:00:00-08:00.' };
const activityFilterParams = [
  queryParam('kind', 'Only this kind of record.', kinds),
  queryParam('outcome', 'Only this outcome.', outcomes),
  queryParam('search', 'Only entries naming this (a name, an invoice number, a host or QuickBooks id), ignoring case.', { type: 'string', maxLength: 100 }),
  queryParam('from', 'Only entries at or after this instant.', instant),
  queryParam('to', 'Only entries before this instant.', instant),
];
const op = (operationId: string, summary: string, action: string, responses: Json, extra: Json = {}): Json => ({ operationId, summary, description: `Asks \`authorize(req, '${action}')\`.`, ...extra, responses });
const qboRead = [409, 503];

const matchSide = (side: 'customers' | 'items', Side: string): Json => ({
  [`/match/${side}`]: { get: op(`match${Side}`, `How host and QuickBooks ${side} line up: exact matches, host-only, QuickBooks-only, near matches, active flags that differ, duplicates.`, 'data:read', { 200: json('The match report.', 'MatchReport'), ...refusals(...qboRead) }) },
  [`/import/${side}`]: { post: op(`import${Side}`, `Imports QuickBooks-only ${side} into the host (the only flow from QuickBooks to the host).`, 'data:import', { 200: json('How many were imported.', 'Imported'), ...refusals(404, ...qboRead) }, { requestBody: jsonBody('ImportRequest', false) }) },
});

/** Every route of the router, relative to where the host mounts it. A test walks the router against this list. */
export const openApiPaths: Record<string, Json> = {
  '/connection': {
    get: op('getConnection', 'The QuickBooks connection of the signed-in company.', 'connection:read', { 200: json('The connection.', 'ConnectionStatus'), ...refusals() }),
    delete: op('disconnect', 'Disconnects: revokes the tokens at Intuit and forgets them; links, settings and the activity log stay.', 'connection:manage', { 200: json('Disconnected.', 'Disconnected'), ...refusals() }),
  },
  '/connection/authorize': { post: op('startAuthorization', "Starts connecting: where to send the admin (Intuit's consent page).", 'connection:manage', { 200: json('The URL.', 'AuthorizeUrl'), ...refusals() }) },
  '/oauth/callback': {
    get: op('completeAuthorization', "Intuit's redirect back: QuickBooks confirms the company, the tokens are kept, the admin lands on the page.", 'connection:manage', {
      ...refusals(),
      303: { description: 'Connected (`?connected=1`) or being confirmed in the background (`?connecting=1`): back to the page.', headers: { Location: { schema: { type: 'string' } } } },
      400: { description: 'The answer from Intuit was unusable, expired or refused: a page saying what to do (JSON when the request itself could not be read).', content: { 'text/html': { schema: { type: 'string' } }, 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      409: { description: 'Another QuickBooks company than the one this account is synced with: a page offering the choices.', content: { 'text/html': { schema: { type: 'string' } } } },
    }, { parameters: ['state', 'code', 'realmId', 'error'].map((name) => queryParam(name, 'As Intuit sends it.', { type: 'string' })) }),
  },
  '/connection/reset-links': { post: op('resetLinks', 'Forgets which QuickBooks record each host record is linked to (to start over with another company).', 'connection:manage', { 200: json('How many links were removed.', 'LinksReset'), ...refusals(409) }, { requestBody: jsonBody('ResetLinksRequest') }) },
  '/sync/enable': { post: op('enableSync', 'Save & Sync: turns the sync on and starts the initial sync in the background.', 'sync:manage', { 202: json('Started.', 'SyncEnabled'), ...refusals(...qboRead) }, { requestBody: jsonBody('EnableSyncRequest', false) }) },
  '/sync/disable': { post: op('disableSync', 'Turns the sync off; changes wait and are sent when it is turned on again.', 'sync:manage', { 200: json('Off.', 'SyncDisabled'), ...refusals() }) },
  '/sync/status': { get: op('getSyncStatus', 'Whether the sync is on, the initial sync\'s progress, and what waits in the outbox.', 'sync:read', { 200: json('The status.', 'SyncStatus'), ...refusals() }) },
  ...matchSide('customers', 'Customers'),
  ...matchSide('items', 'Items'),
  '/accounts': { get: op('listAccounts', 'Income and deposit accounts, read live from QuickBooks.', 'settings:read', { 200: json('The accounts.', 'Accounts'), ...refusals(...qboRead) }) },
  '/settings': {
    get: op('getSettings', 'The accounts chosen, and how imported QuickBooks services are filed.', 'settings:read', { 200: json('The settings.', 'Settings'), ...refusals() }),
    put: op('saveSettings', 'Chooses the accounts (checked against QuickBooks).', 'settings:manage', { 200: json('The settings as saved.', 'Settings'), ...refusals(422, ...qboRead) }, { requestBody: jsonBody('SettingsChanges') }),
  },
  '/host-check': { get: op('checkHost', 'The dry run before Save & Sync: the host-schema mapping against the live database, and every record of this company it cannot read, with why.', 'data:read', { 200: json('The check.', 'HostCheck'), ...refusals() }) },
  '/preview': { get: op('getPreview', 'What the first sync will do to every customer and item: link (with the fields it updates, old → new), create, make inactive, or not send; computed by the plan the job runs.', 'sync:read', { 200: json('The preview.', 'SyncPreview'), ...refusals(...qboRead) }) },
  '/preview.csv': { get: op('exportPreview', 'The preview of the first sync as CSV (UTF-8 with a byte-order mark).', 'sync:read', { 200: csv('One row per host record.'), ...refusals(...qboRead) }) },
  '/preflight': { get: op('getPreflight', 'Warnings before Save & Sync: potential duplicates, customers with account credits, and what else the first sync changes in QuickBooks (near matches, active flags, names, refusals), with its counts.', 'sync:read', { 200: json('The warnings.', 'Preflight'), ...refusals(...qboRead) }) },
  '/preflight/duplicates.csv': { get: op('exportDuplicates', 'The potential duplicates as CSV.', 'sync:read', { 200: csv('One row per record of each duplicate group.'), ...refusals(...qboRead) }) },
  '/activity': {
    get: op('listActivity', 'Every action the sync took, newest first, a page at a time.', 'activity:read', { 200: json('A page.', 'ActivityPage'), ...refusals() }, {
      parameters: [
        queryParam('limit', 'Entries per page, 1 to 200 (default 50).', { type: 'string', pattern: '^\\d+$' }),
        queryParam('cursor', "The previous page's `nextCursor`.", { type: 'string', maxLength: 64 }),
        ...activityFilterParams,
      ],
    }),
  },
  '/activity.csv': { get: op('exportActivity', 'The activity log as CSV, with the same filters (at most 100,000 rows).', 'activity:read', { 200: csv('One row per entry, newest first.'), ...refusals() }, { parameters: activityFilterParams }) },
  '/activity/retry-failed': { post: op('retryAllFailed', '"Retry all failed": sends every failed change that is not dismissed again, each as its own Retry would.', 'activity:retry', { 200: json('How many went back into the outbox.', 'RetriedAll'), ...refusals() }) },
  '/activity/{id}/dismiss': {
    post: op('dismissFailure', 'Dismisses a failure a person handled elsewhere: it stays in the log (and the CSV) as dismissed, leaves the failed count and is not sent again.', 'activity:retry', { 200: json('Dismissed.', 'Dismissed'), ...refusals(404, 409) }, {
      parameters: [{ name: 'id', in: 'path', required: true, description: "The activity entry's id.", schema: { type: 'string' } }],
    }),
  },
  '/activity/{id}/retry': {
    post: op('retryDelivery', 'Sends a failed change again, with a fresh set of attempts.', 'activity:retry', { 200: json('Queued again.', 'Retried'), ...refusals(404, 409) }, {
      parameters: [{ name: 'id', in: 'path', required: true, description: "The activity entry's id.", schema: { type: 'string' } }],
    }),
  },
  '/openapi.json': { get: op('getOpenApi', 'This document.', 'api:read', { 200: json('The OpenAPI 3.1 document of these routes.', 'OpenApiDocument'), ...refusals() }) },
  '/': { get: op('getPage', 'The integration page (HTML; its scripts call the routes above).', 'page:view', { 200: { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } }, ...refusals() }) },
  '/assets/{file}': {
    get: {
      operationId: 'getPageAsset',
      summary: "The page's scripts and styles (no authorization: they hold no data).",
      parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'The file.', content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } } } },
        304: { description: 'Unchanged since the ETag the browser holds.' },
        ...refusals(404),
      },
    },
  },
};
