import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createQboEmulatorApp, type QboEmulatorApp, type QboEmulatorOptions } from './create-qbo-emulator-app';

export interface StartQboEmulatorOptions extends QboEmulatorOptions {
  /** 0 (the default) picks any free port. */
  readonly port?: number;
  readonly host?: string;
}

export interface RunningQboEmulator {
  readonly url: string;
  readonly port: number;
  readonly app: QboEmulatorApp;
  close(): Promise<void>;
}

/** Starts the emulator on its own HTTP server; `close()` also cuts connections held open by injected faults. */
export async function startQboEmulator(options: StartQboEmulatorOptions = {}): Promise<RunningQboEmulator> {
  const host = options.host ?? '127.0.0.1';
  const app = createQboEmulatorApp(options);
  const server = createServer(app);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    app,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export { createQboEmulatorApp };
