import type { Request } from 'express';
import type { AdminRateLimiter } from './admin-rate.limiter';
import { HttpProblem } from './http-problem';

/** What the router may be asked to do; the host's `authorize(req, action)` decides per action. */
export type PluginAction =
  | 'connection:read'
  | 'connection:manage'
  | 'data:read'
  | 'data:import'
  | 'settings:read'
  | 'settings:manage'
  | 'sync:read'
  | 'sync:manage'
  | 'activity:read'
  | 'activity:retry'
  | 'page:view'
  /** Reading the API's own contract (GET /openapi.json). */
  | 'api:read';

export interface PluginAccess {
  resolveTenant(req: Request): string | Promise<string>;
  authorize(req: Request, action: PluginAction): boolean | Promise<boolean>;
  /** Other origins (`https://admin.example.com`) whose pages may call the API; the router's own is always allowed. */
  readonly allowedOrigins?: readonly string[];
  /** The signed-in user, for the per-user rate limit; without it, the client's address (`req.ip`) stands for the user. */
  resolveUser?(req: Request): string | Promise<string>;
  /** The admin routes' rate limit; none when absent. */
  readonly rateLimiter?: AdminRateLimiter;
}

/**
 * The tenant comes only from the host's own auth (`resolveTenant`), never from the URL or body; the host's
 * `authorize` is asked for every route, and a refusal or a throw both deny.
 */
export const tenantFor = async (access: PluginAccess, req: Request, action: PluginAction): Promise<string> => {
  let allowed = false;
  try {
    allowed = (await access.authorize(req, action)) === true;
  } catch {
    allowed = false;
  }
  if (!allowed) throw new HttpProblem(403, 'forbidden', `You are not allowed to do this (${action}). Ask an administrator of your account.`);
  let tenant: unknown;
  try {
    tenant = await access.resolveTenant(req);
  } catch {
    tenant = undefined;
  }
  if ((typeof tenant !== 'string' && typeof tenant !== 'number') || String(tenant).trim() === '') {
    throw new HttpProblem(401, 'no_tenant', 'The host application could not tell which company you belong to. Sign in again.');
  }
  await admit(access, req, String(tenant));
  return String(tenant);
};

/** One request more for this user and tenant, or a 429 that says how long to wait. */
const admit = async (access: PluginAccess, req: Request, tenantId: string): Promise<void> => {
  if (!access.rateLimiter) return;
  const refused = access.rateLimiter.take(tenantId, await userOf(access, req));
  if (!refused) return;
  const seconds = Math.max(1, Math.ceil(refused.retryAfterMs / 1000));
  const whose = refused.who === 'user' ? 'from you' : 'from your company';
  throw new HttpProblem(429, 'rate_limited', `Too many requests ${whose} to the QuickBooks integration in a short time. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`, { 'Retry-After': String(seconds) });
};

const userOf = async (access: PluginAccess, req: Request): Promise<string> => {
  try {
    const user = access.resolveUser ? await access.resolveUser(req) : undefined;
    if ((typeof user === 'string' || typeof user === 'number') && String(user) !== '') return `user:${String(user)}`;
  } catch {
    // An unknown user is limited by address, like a host that gives no resolveUser.
  }
  return `ip:${req.ip ?? 'unknown'}`;
};
