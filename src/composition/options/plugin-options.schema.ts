import type { MeterProvider } from '@opentelemetry/api';
import type { Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { PluginEvent } from '../../application/ports/telemetry.port';
import { parseEncryptionKey, type KeyProvider } from '../../adapters/crypto/key-provider';
import type { PluginAction } from '../../adapters/http/plugin-access';
import { resolveHostSchema, type HostSchemaOverride } from '../../adapters/knex/host/host-schema';
import { isHostLogger, type HostLogger } from '../../adapters/logging/host-logger';
import { adapterNames, type PluginAdapters } from '../plugin-ports';
import type { PortRebinder } from '../port-overrides';
import { flag, fn, group, httpUrl, positiveNumber, requiredText, shown, wholeNumber } from './option-schemas';

const day = 24 * 60 * 60_000;

const qbo = group('qbo', {
  clientId: requiredText('qbo.clientId', '"qbo.clientId" is required: the Client ID of your Intuit app (developer.intuit.com → Keys & credentials).'),
  clientSecret: requiredText('qbo.clientSecret', '"qbo.clientSecret" is required: the Client Secret of your Intuit app.'),
  redirectUri: httpUrl('qbo.redirectUri', 'where Intuit sends the admin back: <your origin><mount path>/oauth/callback, registered in the Intuit app'),
  environment: z.enum(['sandbox', 'production'], { error: '"qbo.environment" must be "sandbox" or "production".' }),
  apiBaseUrl: httpUrl('qbo.apiBaseUrl', "QuickBooks' data API, or an emulator's URL; leave it out for Intuit's").optional(),
  oauthBaseUrl: httpUrl('qbo.oauthBaseUrl', "Intuit's OAuth endpoints, or an emulator's URL; leave it out for Intuit's").optional(),
  appUrl: httpUrl('qbo.appUrl', "where the activity log's links open a record: QuickBooks' web app (default by environment), or an emulator's URL (default: apiBaseUrl when it is not Intuit's)").optional(),
  timeScale: positiveNumber('qbo.timeScale', 1, 'multiplies every wait and rate window; 1 is real time, less only against an emulator').optional(),
  requestTimeoutMs: wholeNumber('qbo.requestTimeoutMs', 100, 600_000, 'how long one QuickBooks request may take, in ms').optional(),
  limits: group('qbo.limits', {
    perMinute: wholeNumber('qbo.limits.perMinute', 1, 1_000_000, 'requests per company per minute; QuickBooks allows 500'),
    concurrent: wholeNumber('qbo.limits.concurrent', 1, 1_000, 'requests in flight per company; QuickBooks allows 10'),
    batchPerMinute: wholeNumber('qbo.limits.batchPerMinute', 1, 1_000_000, 'batch requests per company per minute; QuickBooks allows 40'),
  }).optional(),
}, '"qbo" { clientId, clientSecret, redirectUri, environment } is required.');

const worker = group('worker', {
  enabled: flag('worker.enabled', 'false runs no delivery worker in this process').optional(),
  pollMs: wholeNumber('worker.pollMs', 10, 600_000, 'how often the outbox is polled, in ms').optional(),
  tenantConcurrency: wholeNumber('worker.tenantConcurrency', 1, 1_000, 'how many companies one process delivers to at once').optional(),
  sweepMs: wholeNumber('worker.sweepMs', 0, 7 * day, 'how often to look for changes never signalled, in ms; 0 turns the sweep off').optional(),
  stopTimeoutMs: wholeNumber('worker.stopTimeoutMs', 100, 600_000, 'the longest plugin.stop() takes, whatever the worker waits for, in ms').optional(),
}).optional();

const delivery = group('delivery', {
  batchSize: wholeNumber('delivery.batchSize', 1, 1_000, 'changes one round claims for a company').optional(),
  minBatchWrites: wholeNumber('delivery.minBatchWrites', 1, 1_000, 'fewest writes sent as one QuickBooks batch').optional(),
  leaseMs: wholeNumber('delivery.leaseMs', 100, day, 'how long a worker holds a company and its claimed changes, in ms').optional(),
  maxAttempts: wholeNumber('delivery.maxAttempts', 1, 1_000, 'attempts before a change is shown as failed').optional(),
  baseBackoffMs: wholeNumber('delivery.baseBackoffMs', 1, day, 'first wait before retrying a change, in ms').optional(),
  maxBackoffMs: wholeNumber('delivery.maxBackoffMs', 1, 7 * day, 'longest wait before retrying a change, in ms').optional(),
  holdMs: wholeNumber('delivery.holdMs', 10, day, 'how soon changes on hold are looked at again, in ms').optional(),
  sweepOverlapMs: wholeNumber('delivery.sweepOverlapMs', 0, 7 * day, 'how far behind its last mark the sweep looks, in ms').optional(),
  fullSweepMs: wholeNumber('delivery.fullSweepMs', 1_000, 365 * day, 'how often the sweep looks at every record, in ms').optional(),
  refusalWaitMs: wholeNumber('delivery.refusalWaitMs', 0, day, 'how long the sweep waits before trying a write QuickBooks refused again, in ms (doubled per refusal)').optional(),
}).optional();

const adminRateLimit = z.union([
  z.literal(false),
  group('adminRateLimit', {
    perUserPerMinute: wholeNumber('adminRateLimit.perUserPerMinute', 1, 1_000_000, 'requests one user may make a minute').optional(),
    perTenantPerMinute: wholeNumber('adminRateLimit.perTenantPerMinute', 1, 1_000_000, 'requests one company may make a minute').optional(),
  }),
], { error: '"adminRateLimit" must be { perUserPerMinute, perTenantPerMinute } or false.' }).optional();

const encryptionKey = z.custom<string | Buffer>((value) => value === undefined || isKey(value), { error: (issue) => `"encryptionKey": ${keyProblem(issue.input)}` });

const retiredEncryptionKeys = z.array(z.custom<string | Buffer>(isKey, { error: (issue) => keyProblem(issue.input) }), { error: '"retiredEncryptionKeys" must be a list of keys retired by a rotation.' });

const keyProvider = z.custom<KeyProvider>(
  (value) => typeof value === 'object' && value !== null && typeof (value as KeyProvider).currentKeyId === 'function' && typeof (value as KeyProvider).keyById === 'function',
  { error: '"keyProvider" must have currentKeyId() and keyById(id).' },
);

const hostSchema = z.custom<HostSchemaOverride>((value) => hostSchemaProblem(value) === null, { error: (issue) => `"hostSchema": ${hostSchemaProblem(issue.input)}` });

const originsMessage = '"allowedOrigins" must be a list of origins such as "https://admin.example.com" (scheme, host and port only).';
const origins = z.array(z.string({ error: originsMessage }).refine(isOrigin, { error: originsMessage }), { error: originsMessage });

const adapters = z.custom<PluginAdapters>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), { error: '"adapters" must be an object of ports by name, e.g. { qboGateway: myGateway }.' }).superRefine((value, ctx) => {
  for (const [name, adapter] of Object.entries(value)) {
    if (!(adapterNames as readonly string[]).includes(name)) ctx.addIssue({ code: 'custom', path: [name], message: `"adapters.${name}" is not one of the plugin's ports; they are: ${adapterNames.join(', ')}.` });
    else if (adapter !== undefined && (adapter === null || (typeof adapter !== 'object' && typeof adapter !== 'function'))) ctx.addIssue({ code: 'custom', path: [name], message: `"adapters.${name}" must be an adapter object, or a function that gets the standard one and returns the one to use.` });
  }
});

/**
 * Every option of `createQboSyncPlugin`, checked at start-up; `QboSyncPluginOptions` is its type. Each way an option
 * can be wrong has one message that names it and says what to give instead.
 */
export const pluginOptionsSchema = z
  .strictObject({
    /** The host's knex (mysql2); SQLite is accepted for demos and local runs. */
    knex: z.custom<Knex>((value) => typeof value === 'function' && typeof (value as { client?: unknown }).client === 'object', { error: '"knex" must be the host\'s knex instance.' }),
    /** Prefix of the plugin-owned tables; default `qbo_`. */
    tablePrefix: z.string({ error: tablePrefixMessage() }).regex(/^[A-Za-z][A-Za-z0-9_]{0,19}$/, { error: tablePrefixMessage() }).optional(),
    /** Host table and column names where they differ from the reference schema (DESIGN.md §4). */
    hostSchema: hostSchema.optional(),
    /** Checks the host-schema mapping against the database at migrate() and start(), refusing to start on a problem; default true. */
    checkHostAtStartup: z.boolean({ error: '"checkHostAtStartup" must be true or false.' }).optional(),
    /** Intuit app credentials and endpoints; point `apiBaseUrl`/`oauthBaseUrl` at an emulator for tests and demos. */
    qbo,
    /** 32 bytes (a Buffer, 64 hex characters or base64): tokens are encrypted at rest with it. */
    encryptionKey: encryptionKey.optional(),
    /** Keys retired by a rotation, still needed to open tokens sealed before it; they are resealed with the new key on next use. */
    retiredEncryptionKeys: retiredEncryptionKeys.optional(),
    /** Where keys come from instead of `encryptionKey` (a vault, a KMS): the current key id and any key by id. */
    keyProvider: keyProvider.optional(),
    /** The host company id of the signed-in user, from the host's own auth. */
    resolveTenant: fn<(req: Request) => string | Promise<string>>(required('resolveTenant(req)', 'it tells which host company a request belongs to')),
    /** Whether the signed-in user may do `action`; false or a throw denies. */
    authorize: fn<(req: Request, action: PluginAction) => boolean | Promise<boolean>>(required('authorize(req, action)', 'it decides who may manage the QuickBooks connection and sync')),
    /** What people call the host app; QuickBooks memos say where a transaction came from with it. Default "the business app". */
    hostAppName: z.string({ error: hostAppNameMessage() }).trim().min(1, { error: hostAppNameMessage() }).max(100, { error: hostAppNameMessage() }).optional(),
    /** Origins besides the router's own whose pages may call the API (requests from any other site or origin are refused). */
    allowedOrigins: origins.optional(),
    /** The signed-in user's id, for the per-user rate limit of the admin routes; default: the client's address (`req.ip`). */
    resolveUser: fn<(req: Request) => string | Promise<string>>('"resolveUser(req)" must be a function that returns the signed-in user\'s id.').optional(),
    /** Requests per minute the admin routes take from one user and from one tenant (429 with Retry-After beyond); `false` turns the limit off. */
    adminRateLimit,
    /** The host's pino logger, or any logger shaped like it (level methods taking (context, message), and child); secrets are redacted. */
    logger: z.custom<HostLogger>(isHostLogger, { error: '"logger" must be a pino logger, or an object with debug, info, warn, error (context, message) and child(bindings).' }).optional(),
    /** The delivery worker of this process. */
    worker,
    /** Tunables of the delivery engine. */
    delivery,
    /**
     * Replaces ports by name, each typed by its port: `{ qboGateway: mine }`, or a function that gets the standard
     * adapter and returns the one to use (`{ qboGateway: (standard) => withMetrics(standard) }`).
     */
    adapters: adapters.optional(),
    /** The older way to replace a port, kept working: `(ports) => ports.rebind(QboGateway).toConstantValue(mine)`. `adapters` wins where both name a port. */
    overrides: fn<(ports: PortRebinder) => void>('"overrides" must be a function (ports) => { ports.rebind(QboGateway).toConstantValue(mine) }; or use the "adapters" option.').optional(),
    /** Told about connections needing attention, failed deliveries, the initial sync's end and pauses (docs/operating.md); never awaited by the sync. */
    onEvent: fn<(event: PluginEvent) => void | Promise<void>>('"onEvent" must be a function (event) => { … } that the plugin calls with each event.').optional(),
    /** OpenTelemetry meter provider for the plugin's metrics; default the global one the host's SDK registered (none: no metrics). */
    meterProvider: z.custom<MeterProvider>((value) => typeof (value as MeterProvider | null)?.getMeter === 'function', { error: '"meterProvider" must be an OpenTelemetry MeterProvider (with getMeter).' }).optional(),
  }, { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'createQboSyncPlugin needs an options object.') });

/**
 * The rules between options, checked beside the schema on whatever the host gave (zod skips an object's own
 * refinements once a field failed, and a host should hear every problem at once).
 */
export const crossOptionProblems = (options: Record<string, unknown>): { path: string; message: string }[] => {
  const problems: { path: string; message: string }[] = [];
  const keys = keySourceProblem(options);
  if (keys) problems.push(keys);
  const policy = (typeof options['delivery'] === 'object' && options['delivery'] !== null ? options['delivery'] : {}) as { baseBackoffMs?: unknown; maxBackoffMs?: unknown };
  const base = typeof policy.baseBackoffMs === 'number' ? policy.baseBackoffMs : 1_000;
  if (typeof policy.maxBackoffMs === 'number' && policy.maxBackoffMs < base) problems.push({ path: 'delivery.maxBackoffMs', message: `"delivery.maxBackoffMs" (${policy.maxBackoffMs}) must not be below "delivery.baseBackoffMs" (${base}).` });
  return problems;
};

function hostAppNameMessage(): string {
  return '"hostAppName" must be the name people know your app by, 1 to 100 characters (QuickBooks memos say "from <hostAppName>").';
}

function tablePrefixMessage(): string {
  return '"tablePrefix" must be letters, digits and _ (at most 20), starting with a letter.';
}

function required(signature: string, why: string): (input: unknown) => string {
  return (input) => (input === undefined ? `"${signature}" is required: ${why}.` : `"${signature}" must be a function (${why}); it is ${shown(input)}.`);
}

function isKey(value: unknown): boolean {
  try {
    parseEncryptionKey(value);
    return true;
  } catch {
    return false;
  }
}

function keyProblem(value: unknown): string {
  try {
    parseEncryptionKey(value);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** Exactly one source of keys: `encryptionKey`, or `keyProvider`. */
function keySourceProblem(options: { encryptionKey?: unknown; keyProvider?: unknown }): { path: string; message: string } | null {
  if (options.keyProvider !== undefined && options.encryptionKey !== undefined) return { path: 'keyProvider', message: 'Give either "encryptionKey" or "keyProvider", not both.' };
  if (options.keyProvider === undefined && options.encryptionKey === undefined) return { path: 'encryptionKey', message: '"encryptionKey" (32 bytes) is required: QuickBooks tokens are encrypted at rest with it.' };
  return null;
}

function hostSchemaProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it must be an object of tables, e.g. { customers: { table: "clients" } }.';
  try {
    resolveHostSchema(value as HostSchemaOverride);
    return null;
  } catch (error) {
    return `${(error as Error).message}.`;
  }
}

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}
