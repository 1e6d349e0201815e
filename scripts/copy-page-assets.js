// tsc compiles only TypeScript: this copies the integration page's scripts and styles next to the compiled router
// (dist/src/adapters/http/page/assets), where page-assets.ts reads them. Type declarations stay behind.
const { copyFileSync, mkdirSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const from = join(root, 'src/adapters/http/page/assets');
const to = join(root, 'dist/src/adapters/http/page/assets');

mkdirSync(to, { recursive: true });
const files = readdirSync(from).filter((name) => /\.(js|css)$/.test(name) && !name.endsWith('.d.ts'));
for (const name of files) copyFileSync(join(from, name), join(to, name));
console.log(`copied ${files.length} page assets to ${to}`);
