import type { Request } from 'express';
import type { Knex } from 'knex';
import type { Logger as Pino } from 'pino';
import type { DeliveryPolicy } from '../application/delivery/delivery-policy';
import { parseEncryptionKey, type KeyProvider } from '../adapters/crypto/key-provider';
import type { PluginAction } from '../adapters/http/plugin-access';
import type { AdminRateLimits } from '../adapters/http/admin-rate.limiter';
import type { HostSchemaOverride } from '../adapters/knex/host/host-schema';
import type { QboOptions } from '../adapters/qbo/qbo-options';

/** What a host passes to `createQboSyncPlugin` (DESIGN.md §5). */
export interface QboSyncPluginOptions {
  /** The host's knex (mysql2); SQLite is accepted for demos and local runs. */
  readonly knex: Knex;
  /** Prefix of the plugin-owned tables; default `qbo_`. */
  readonly tablePrefix?: string;
  /** Host table and column names where they differ from the reference schema (DESIGN.md §4). */
  readonly hostSchema?: HostSchemaOverride;
  /** Intuit app credentials and endpoints; point `apiBaseUrl`/`oauthBaseUrl` at an emulator for tests and demos. */
  readonly qbo: QboOptions;
  /** 32 bytes (a Buffer, 64 hex characters or base64): tokens are encrypted at rest with it. */
  readonly encryptionKey?: string | Buffer;
  /** Keys retired by a rotation, still needed to open tokens sealed before it; they are resealed with the new key on next use. */
  readonly retiredEncryptionKeys?: ReadonlyArray<string | Buffer>;
  /** Where keys come from instead of `encryptionKey` (a vault, a KMS): the current key id and any key by id. */
  readonly keyProvider?: KeyProvider;
  /** The host company id of the signed-in user, from the host's own auth. */
  readonly resolveTenant: (req: Request) => string | Promise<string>;
  /** Whether the signed-in user may do `action`; false or a throw denies. */
  readonly authorize: (req: Request, action: PluginAction) => boolean | Promise<boolean>;
  /** Origins besides the router's own whose pages may call the API (requests from any other site or origin are refused). */
  readonly allowedOrigins?: readonly string[];
  /** The signed-in user's id, for the per-user rate limit of the admin routes; default: the client's address (`req.ip`). */
  readonly resolveUser?: (req: Request) => string | Promise<string>;
  /** Requests per minute the admin routes take from one user and from one tenant (429 with Retry-After beyond); `false` turns the limit off. */
  readonly adminRateLimit?: Partial<AdminRateLimits> | false;
  /** The host's pino logger; secrets are redacted from everything the plugin logs. */
  readonly logger?: Pino;
  readonly worker?: {
    readonly enabled?: boolean;
    readonly pollMs?: number;
    readonly tenantConcurrency?: number;
    /** How often the worker sweeps for host changes that were never signalled (ms; 0 = never). Default 60 s. */
    readonly sweepMs?: number;
  };
  readonly delivery?: Partial<DeliveryPolicy>;
  /** Rebind any port to another adapter: `(c) => c.rebind(QboGateway).toConstantValue(mine)`. */
  readonly overrides?: (container: import('inversify').Container) => void;
}

/** Refuses options that cannot work, at start-up, with a message that says what to fix. */
export const assertValidOptions = (options: QboSyncPluginOptions): void => {
  const problems: string[] = [];
  if (!options || typeof options !== 'object') throw new TypeError('createQboSyncPlugin needs an options object.');
  if (!options.knex || typeof options.knex !== 'function') problems.push('"knex" must be the host\'s knex instance.');
  if (typeof options.resolveTenant !== 'function') problems.push('"resolveTenant(req)" is required: it tells which host company a request belongs to.');
  if (typeof options.authorize !== 'function') problems.push('"authorize(req, action)" is required: it decides who may manage the QuickBooks connection and sync.');
  if (options.resolveUser !== undefined && typeof options.resolveUser !== 'function') problems.push('"resolveUser(req)" must be a function that returns the signed-in user\'s id.');
  problems.push(...rateLimitProblems(options.adminRateLimit));
  if (options.tablePrefix !== undefined && !/^[A-Za-z][A-Za-z0-9_]{0,19}$/.test(options.tablePrefix)) problems.push('"tablePrefix" must be letters, digits and _ (at most 20), starting with a letter.');
  const qbo = options.qbo;
  if (!qbo || typeof qbo !== 'object') problems.push('"qbo" { clientId, clientSecret, redirectUri, environment } is required.');
  else {
    for (const key of ['clientId', 'clientSecret', 'redirectUri'] as const) if (typeof qbo[key] !== 'string' || qbo[key].trim() === '') problems.push(`"qbo.${key}" is required.`);
    if (qbo.environment !== 'sandbox' && qbo.environment !== 'production') problems.push('"qbo.environment" must be "sandbox" or "production".');
    for (const key of ['apiBaseUrl', 'oauthBaseUrl', 'redirectUri'] as const) if (qbo[key] !== undefined && !isHttpUrl(qbo[key])) problems.push(`"qbo.${key}" must be an http(s) URL.`);
  }
  problems.push(...keyProblems(options));
  if (problems.length > 0) throw new TypeError(`qbo-sync cannot start:\n- ${problems.join('\n- ')}`);
};

const rateLimitProblems = (limit: QboSyncPluginOptions['adminRateLimit']): string[] => {
  if (limit === undefined || limit === false) return [];
  if (typeof limit !== 'object' || limit === null) return ['"adminRateLimit" must be { perUserPerMinute, perTenantPerMinute } or false.'];
  return (['perUserPerMinute', 'perTenantPerMinute'] as const)
    .filter((key) => limit[key] !== undefined && !(Number.isInteger(limit[key]) && (limit[key] as number) > 0))
    .map((key) => `"adminRateLimit.${key}" must be a whole number above 0.`);
};

const keyProblems = (options: QboSyncPluginOptions): string[] => {
  if (options.keyProvider !== undefined) {
    const provider = options.keyProvider as Partial<KeyProvider> | null;
    if (!provider || typeof provider.currentKeyId !== 'function' || typeof provider.keyById !== 'function') return ['"keyProvider" must have currentKeyId() and keyById(id).'];
    if (options.encryptionKey !== undefined) return ['Give either "encryptionKey" or "keyProvider", not both.'];
    return [];
  }
  if (options.encryptionKey === undefined) return ['"encryptionKey" (32 bytes) is required: QuickBooks tokens are encrypted at rest with it.'];
  const problems: string[] = [];
  for (const [name, key] of [['encryptionKey', options.encryptionKey], ...(options.retiredEncryptionKeys ?? []).map((k, i) => [`retiredEncryptionKeys[${i}]`, k] as const)] as const) {
    try {
      parseEncryptionKey(key);
    } catch (error) {
      problems.push(`"${name}": ${(error as Error).message}`);
    }
  }
  return problems;
};

const isHttpUrl = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};
