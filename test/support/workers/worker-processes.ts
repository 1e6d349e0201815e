import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { mysqlUrl } from '../database';
import { findCanary } from '../canary';

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves once the worker has started (it printed `worker-ready`). */
  readonly ready: Promise<void>;
  /** The exit code, or null when a signal ended it. */
  readonly exited: Promise<number | null>;
  /** Everything it wrote to stdout and stderr so far (its logs). */
  output(): string;
  /** SIGTERM: the worker finishes its round in flight, stops and exits 0. */
  stop(): Promise<number | null>;
  kill(): Promise<number | null>;
}

export interface WorkerEnv {
  readonly databaseName: string;
  readonly apiUrl: string;
  readonly oauthUrl: string;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  /** Lifts QBO's 500 requests a minute per company (this client's own limiter): for throughput tests only. */
  readonly unthrottled?: boolean;
}

export const databaseUrl = (databaseName: string): string => {
  const url = new URL(mysqlUrl());
  url.pathname = `/${databaseName}`;
  return url.toString();
};

/** Starts `node -r @swc-node/register delivery-worker.child.ts`: another host instance running the delivery worker. */
export const startWorkerProcess = (env: WorkerEnv): WorkerProcess => {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'delivery-worker.child.ts')], {
    env: {
      ...process.env,
      DB_URL: databaseUrl(env.databaseName),
      API_URL: env.apiUrl,
      OAUTH_URL: env.oauthUrl,
      LEASE_MS: String(env.leaseMs ?? 60_000),
      POLL_MS: String(env.pollMs ?? 50),
      UNTHROTTLED: env.unthrottled ? '1' : '',
      QBO_SYNC_LOG_LEVEL: 'info',
      SWC_NODE_PROJECT: join(__dirname, '..', '..', '..', 'tsconfig.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (output.includes('worker-ready')) markReady();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const failedEarly = exited.then((code) => {
    throw new Error(`the worker process ended before it was ready (exit ${code}):\n${output.slice(-2000)}`);
  });
  return {
    child,
    ready: Promise.race([ready, failedEarly]),
    exited,
    output: () => output,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
};

/** The secrets planted in the hosts must not reach a worker's logs either (the jest log canary only sees this process). */
export const canaryIn = (workers: readonly WorkerProcess[]): string | null => {
  for (const worker of workers) {
    const found = findCanary(worker.output());
    if (found) return `${found.slice(0, 8)}…`;
  }
  return null;
};
