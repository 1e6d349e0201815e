import type { Request } from 'express';
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
  | 'page:view';

export interface PluginAccess {
  resolveTenant(req: Request): string | Promise<string>;
  authorize(req: Request, action: PluginAction): boolean | Promise<boolean>;
  /** Other origins (`https://admin.example.com`) whose pages may call the API; the router's own is always allowed. */
  readonly allowedOrigins?: readonly string[];
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
  return String(tenant);
};
