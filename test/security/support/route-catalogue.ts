import type { Router } from 'express';

/** One route the plugin's router answers, found by walking the router itself (so routes added later are covered). */
export interface DiscoveredRoute {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** As registered, e.g. `/activity/:id/retry`. */
  readonly path: string;
  /** `GET /activity`: the key used in tables of expectations. */
  readonly key: string;
  readonly params: readonly string[];
}

/**
 * Routes that serve only the plugin's own static files (no tenant data), so they answer without asking the host.
 * Everything else must call `authorize` and `resolveTenant`.
 */
export const publicRoutes: ReadonlySet<string> = new Set(['GET /assets/:file']);

interface Layer {
  readonly route?: { readonly path: unknown; readonly methods: Record<string, boolean> };
  readonly handle?: { readonly stack?: unknown };
  readonly name?: string;
}

export const discoverRoutes = (router: Router): DiscoveredRoute[] => {
  const routes: DiscoveredRoute[] = [];
  for (const layer of (router as unknown as { stack: Layer[] }).stack) {
    if (Array.isArray(layer.handle?.stack) && !layer.route) {
      // A nested router hides its mount path from the walk: fail loudly instead of silently skipping its routes.
      throw new Error(`The plugin router has a nested router (${layer.name ?? 'anonymous'}): mount its routes directly so the security harness can find them.`);
    }
    if (!layer.route) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const path of paths) {
      if (typeof path !== 'string') throw new Error(`A route registered with a pattern (${String(path)}) cannot be discovered; use a string path.`);
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (!on || method === '_all' || method === 'head' || method === 'options') continue;
        const params = [...path.matchAll(/[:*]([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
        routes.push({ method: method as DiscoveredRoute['method'], path, key: `${method.toUpperCase()} ${path}`, params });
      }
    }
  }
  // Destructive routes last, so the others run against a connected tenant.
  return routes.sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
};

/** The route's path with each parameter replaced (URL-encoded); optional `{…}` groups are kept. */
export const concretePath = (route: DiscoveredRoute, valueOf: (param: string) => string): string =>
  route.path.replace(/[{}]/g, '').replace(/[:*]([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(valueOf(name)));

/** What the route answers: a page (HTML) or JSON (everything else, including CSV's errors). */
export const isHtmlRoute = (route: DiscoveredRoute): boolean => route.method === 'get' && (route.path === '/' || route.path === '/oauth/callback');
export const isCsvRoute = (route: DiscoveredRoute): boolean => route.path.endsWith('.csv');
