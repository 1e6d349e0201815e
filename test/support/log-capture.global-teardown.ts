import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { leakFileVariable } from './canary';

/** Fails the whole run when any test file logged a canary secret (a token or the client secret). */
export default function globalTeardown(): void {
  const file = process.env[leakFileVariable];
  if (!file || !existsSync(file)) throw new Error('The canary log capture did not run: its leak file is missing.');
  const leaks = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  rmSync(dirname(file), { recursive: true, force: true });
  if (leaks.length > 0) {
    throw new Error(`A secret (canary token or client secret) appeared in ${leaks.length} log line(s):\n${leaks.slice(0, 20).join('\n')}`);
  }
}
