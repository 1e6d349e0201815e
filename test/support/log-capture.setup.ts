import * as fs from 'node:fs';
import { format } from 'node:util';
import { findCanary, leakFileVariable } from './canary';

/**
 * Installed before every test file (jest `setupFilesAfterEnv`): every byte written to stdout/stderr — pino's direct
 * fd writes, process streams and the test console — is checked for the canary secrets. A hit is appended to the
 * run's leak file, which the global teardown turns into a failed run. Core modules are shared by all the test files
 * of a worker, so the wrappers are installed once per worker and keep their state on the real `fs` module.
 */
interface CaptureState {
  testPath: string;
  testName: string;
  /** Extra strings a self-test watches for; seen ones are kept in `probeHits` instead of failing the run. */
  readonly probes: Set<string>;
  readonly probeHits: string[];
}

const stateKey = Symbol.for('qbo-sync.log-capture');
const holder = fs as unknown as Record<symbol, CaptureState | undefined>;

const state: CaptureState = holder[stateKey] ?? { testPath: '', testName: '', probes: new Set(), probeHits: [] };

const textOf = (chunk: unknown): string => (typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : '');

const inspect = (chunk: unknown): void => {
  const text = textOf(chunk);
  if (text === '') return;
  for (const probe of state.probes) if (text.includes(probe)) state.probeHits.push(probe);
  const found = findCanary(text);
  if (!found) return;
  const file = process.env[leakFileVariable];
  const leak = JSON.stringify({ testPath: state.testPath, testName: state.testName, canary: `${found.slice(0, 8)}…`, line: text.slice(0, 300).split(found).join('[CANARY]') });
  if (file) fs.appendFileSync(file, `${leak}\n`);
  else state.probeHits.push(`leak without a leak file: ${leak}`);
};

if (!holder[stateKey]) {
  holder[stateKey] = state;
  const originalWriteSync = fs.writeSync;
  const originalWrite = fs.write;
  const watched = (fd: unknown): boolean => fd === 1 || fd === 2 || fd === process.stdout.fd || fd === process.stderr.fd;
  (fs as { writeSync: unknown }).writeSync = function writeSync(this: unknown, fd: number, data: unknown, ...rest: unknown[]) {
    if (watched(fd)) inspect(data);
    return (originalWriteSync as (...args: unknown[]) => number).call(this, fd, data, ...rest);
  };
  (fs as { write: unknown }).write = function write(this: unknown, fd: number, data: unknown, ...rest: unknown[]) {
    if (watched(fd)) inspect(data);
    return (originalWrite as (...args: unknown[]) => void).call(this, fd, data, ...rest);
  };
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      inspect(chunk);
      return original(chunk, ...rest);
    }) as typeof stream.write;
  }
}

// The test console is new for every test file: wrap it each time.
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  const original = console[method].bind(console) as (...args: unknown[]) => void;
  console[method] = (...args: unknown[]) => {
    inspect(format(...args));
    original(...args);
  };
}

state.testPath = expect.getState().testPath ?? '';
beforeEach(() => {
  state.testName = expect.getState().currentTestName ?? '';
});

/** For the capture's own test: watch `probe` and return what was seen since. */
export const watchProbe = (probe: string): { seen(): boolean; stop(): void } => {
  state.probes.add(probe);
  const from = state.probeHits.length;
  return {
    seen: () => state.probeHits.slice(from).includes(probe),
    stop: () => state.probes.delete(probe),
  };
};
