import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leakFileVariable } from './canary';

/** Chooses the run's leak file; workers inherit the variable. */
export default function globalSetup(): void {
  const file = join(mkdtempSync(join(tmpdir(), 'qbo-sync-canary-')), 'leaks.jsonl');
  writeFileSync(file, '');
  process.env[leakFileVariable] = file;
}
