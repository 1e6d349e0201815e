#!/usr/bin/env node
import { startQboEmulator } from './start-qbo-emulator';

/** `npm run emulator -- --port N [--host H] [--client-id ID --client-secret SECRET] [--control-token TOKEN]`; in a host, `npx qbo-sync-emulator --port N`. */
function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const portText = argument('port') ?? process.env.PORT ?? '4010';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (0-65535), not "${portText}"`);
    process.exit(2);
  }
  const controlToken = argument('control-token') ?? process.env.QBO_EMULATOR_CONTROL_TOKEN;
  const emulator = await startQboEmulator({ port, host: argument('host'), clientId: argument('client-id'), clientSecret: argument('client-secret'), controlToken });
  console.log(`QBO emulator listening on ${emulator.url} (data: ${emulator.url}/__emulator/)`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('QBO emulator failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
