// Requires the plugin's entry as a host does and prints which of the package's own modules that loaded.
const { dirname, relative } = require('node:path');

const root = dirname(require.resolve('qbo-sync/package.json'));
require('qbo-sync');
const loaded = Object.keys(require.cache).filter((file) => file.startsWith(root)).map((file) => relative(root, file));
console.log(JSON.stringify(loaded));
