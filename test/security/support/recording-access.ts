import type { Request } from 'express';
import type { PluginAction } from '../../../src/plugin';

export interface AccessCall {
  readonly route: string;
  readonly action: PluginAction;
}

/**
 * The host's auth hooks as the security tests drive them: the tenant from `x-company-id`, and `x-authz` chooses
 * the answer (`deny` → false, `throw` → throws, `truthy` → a truthy non-boolean, anything else → true). Every
 * question asked is recorded with the route it came from.
 */
export const recordingAccess = () => {
  const calls: AccessCall[] = [];
  const tenantCalls: string[] = [];
  return {
    calls,
    tenantCalls,
    resolveTenant: (req: Request): string => {
      tenantCalls.push(`${req.method} ${req.path}`);
      if (req.header('x-tenant') === 'throw') throw new Error('no session');
      return String(req.header('x-company-id') ?? '');
    },
    authorize: (req: Request, action: PluginAction): boolean => {
      calls.push({ route: `${req.method} ${req.path}`, action });
      const mode = req.header('x-authz');
      if (mode === 'throw') throw new Error('the host auth service is down');
      if (mode === 'deny') return false;
      if (mode === 'truthy') return 'yes' as unknown as boolean;
      return true;
    },
  };
};
