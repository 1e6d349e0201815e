#!/usr/bin/env node
// The npm registry this project installs from does not serve every platform's native binary (for example
// @swc/core-darwin-arm64 answers 404), so `npm install` leaves them out of package-lock.json while their parents
// still list them, and `npm ci` then refuses the lock. This drops, from each entry's optionalDependencies, the
// packages the lock does not contain. Run it after any `npm install` that changes the lock.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const lockPath = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages ?? {};

/** Where npm would find `name` from `key`: nested below it or in any ancestor's node_modules, up to the root. */
const isInLock = (key, name) => {
  let base = key;
  for (;;) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
};

let dropped = 0;
for (const [key, entry] of Object.entries(packages)) {
  const optional = entry.optionalDependencies;
  if (!optional) continue;
  for (const name of Object.keys(optional)) {
    if (!isInLock(key, name)) {
      delete optional[name];
      dropped += 1;
    }
  }
}
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: dropped ${dropped} optional dependencies the registry does not serve.`);
