import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface EmulatorConfigInput {
  readonly rateLimits: { readonly perMinute: number; readonly concurrent: number; readonly batchPerMinute: number } | null;
  readonly latencyMs: number;
  readonly timeScale: number;
}

export interface EmulatorProcess {
  readonly url: string;
  configure(config: EmulatorConfigInput): Promise<void>;
  /** A new company; the next OAuth consent goes to it. */
  createRealm(companyName: string): Promise<string>;
  /** How many records of `entity` the company holds, and how many API requests it answered with which status. */
  count(realmId: string, entity: string): Promise<number>;
  requestStatuses(realmId: string): Promise<Map<number, number>>;
  stop(): Promise<void>;
}

const emulatorMain = path.resolve(__dirname, '../../src/emulator/main.js');

/**
 * The emulator in a process of its own, as QBO is a server of its own: its CPU is not the plugin's, and the
 * plugin's figures (memory above all) are not the emulator's. Listens on 127.0.0.1 only.
 */
export const startEmulatorProcess = async (): Promise<EmulatorProcess> => {
  const child: ChildProcess = spawn(process.execPath, [emulatorMain, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('the emulator did not start within 15 s')), 15_000);
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code} before listening`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
  });
  child.stdout?.resume();
  return emulatorAt(url, () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  );
};

/** The control API of an emulator already listening at `url` (another process started it); `stop` is the owner's. */
export const emulatorAt = (url: string, stop: () => Promise<void> = async () => undefined): EmulatorProcess => {
  const post = async (pathname: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`${url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`emulator ${pathname}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  };
  const get = async (pathname: string): Promise<unknown> => {
    const response = await fetch(`${url}${pathname}`);
    if (!response.ok) throw new Error(`emulator ${pathname}: HTTP ${response.status}`);
    return response.json();
  };
  return {
    url,
    configure: async (config) => void (await post('/__emulator/config', config)),
    createRealm: async (companyName) => ((await post('/__emulator/realms', { companyName })) as { realmId: string }).realmId,
    count: async (realmId, entity) => (((await get(`/__emulator/realms/${realmId}/state`)) as Record<string, unknown[]>)[entity] ?? []).length,
    requestStatuses: async (realmId) => {
      const { requests } = (await get(`/__emulator/realms/${realmId}/requests`)) as { requests: { status: number }[] };
      const statuses = new Map<number, number>();
      for (const request of requests) statuses.set(request.status, (statuses.get(request.status) ?? 0) + 1);
      return statuses;
    },
    stop,
  };
};
