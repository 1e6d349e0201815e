import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PageAsset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
}

/** The only files GET /assets/:file serves; anything else is a 404, so no path ever reaches the file system. */
const allowList: Readonly<Record<string, string>> = {
  'qbo-page.js': 'text/javascript; charset=utf-8',
  'qbo-page.css': 'text/css; charset=utf-8',
  'page-state.js': 'text/javascript; charset=utf-8',
  'preview-state.js': 'text/javascript; charset=utf-8',
  'preview-step.js': 'text/javascript; charset=utf-8',
  'activity-state.js': 'text/javascript; charset=utf-8',
  'reset-state.js': 'text/javascript; charset=utf-8',
  'reset-links.js': 'text/javascript; charset=utf-8',
  'api-client.js': 'text/javascript; charset=utf-8',
  'dom.js': 'text/javascript; charset=utf-8',
  'tabs.js': 'text/javascript; charset=utf-8',
  'notices.js': 'text/javascript; charset=utf-8',
  'connection-card.js': 'text/javascript; charset=utf-8',
  'match-step.js': 'text/javascript; charset=utf-8',
  'accounts-step.js': 'text/javascript; charset=utf-8',
  'sync-step.js': 'text/javascript; charset=utf-8',
  'activity-tab.js': 'text/javascript; charset=utf-8',
};

export const pageAssetNames = Object.keys(allowList);

/**
 * Reads every asset once, next to this file (src/ under jest, dist/ after `npm run build` copied them): a missing
 * file fails the plugin's creation loudly instead of a page that half loads.
 */
export const loadPageAssets = (directory = join(__dirname, 'assets')): ReadonlyMap<string, PageAsset> => {
  const assets = new Map<string, PageAsset>();
  for (const [name, contentType] of Object.entries(allowList)) {
    let body: Buffer;
    try {
      body = readFileSync(join(directory, name));
    } catch (error) {
      throw new Error(`The integration page's asset ${name} is missing from ${directory} (${(error as Error).message}). Run "npm run build", which copies them.`);
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    assets.set(name, { body, contentType, etag });
  }
  return assets;
};
