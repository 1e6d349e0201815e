import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** `node -r @swc-node/register <script>` with its output appended to `logFile`; resolves `ready` on `marker`. */
export function startScript(script: string, env: Record<string, string>, logFile: string, marker: string): { child: ChildProcess; ready: Promise<boolean>; exited: Promise<number | null>; lines: string[] } {
  const log: WriteStream = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), QBO_SYNC_LOG_LEVEL: process.env['QBO_SYNC_LOG_LEVEL'] ?? 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let markReady: (ready: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => (markReady = resolve));
  let buffered = '';
  const collect = (chunk: Buffer): void => {
    log.write(chunk);
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      if (!line.startsWith('{')) lines.push(line);
      if (line.startsWith(marker)) markReady(true);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    markReady(false);
    log.end();
    resolve(code);
  }));
  return { child, ready, exited, lines };
}
