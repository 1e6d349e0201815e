// The HTTP API's OpenAPI document as a file: dist/src/openapi.json (shipped, `qbo-sync/openapi.json`) after each build,
// and with --docs also docs/openapi.json (committed, for readers of the repository; a test keeps it current).
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const { openApiDocument } = require(join(root, 'dist/src/adapters/http/openapi/openapi-document.js'));
const text = `${JSON.stringify(openApiDocument, null, 2)}\n`;
const targets = ['dist/src/openapi.json', ...(process.argv.includes('--docs') ? ['docs/openapi.json'] : [])];
for (const target of targets) writeFileSync(join(root, target), text);
console.log(`wrote the OpenAPI document to ${targets.join(' and ')}`);
