import { startQboEmulator } from '../../src/emulator/start-qbo-emulator';

/** A JSON call to the emulator of this test file: throws on any answer that is not 2xx, with the emulator's words. */
export type EmulatorCall = (method: string, path: string, body?: unknown) => Promise<any>;

/**
 * One emulator per model test file, over real HTTP, with QBO's limits and latency off and time compressed: the
 * model and ledger properties test what the books say, not QBO's pace. `url` and `call` are usable once beforeAll ran.
 */
export const useModelEmulator = (): { readonly url: string; readonly call: EmulatorCall } => {
  let emulator: { url: string; close(): Promise<void> } | undefined;
  const url = (): string => {
    if (!emulator) throw new Error('The model emulator is not started: use it inside tests or hooks.');
    return emulator.url;
  };
  const call: EmulatorCall = async (method, path, body) => {
    const response = await fetch(`${url()}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
    return response.json();
  };
  beforeAll(async () => {
    emulator = await startQboEmulator({ port: 0 });
    await call('POST', '/__emulator/config', { rateLimits: null, latencyMs: 0, timeScale: 0.001 });
  });
  afterAll(() => emulator?.close());
  return { get url() { return url(); }, call };
};
