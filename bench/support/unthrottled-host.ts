import type { Knex } from 'knex';
import { startBenchHost, type BenchHost } from './bench-host';
import type { EmulatorProcess } from './emulator-process';
import { observeGateway } from './observed-gateway';

/** "Limits off" on both sides: the emulator enforces none, and the plugin's limiter is opened as wide. */
export const UNLIMITED = { perMinute: 1_000_000, concurrent: 10, batchPerMinute: 1_000_000 };

/** How many entities QBO has answered for, and when the last answer came (performance.now()). */
export interface WriteTally {
  written: number;
  lastWriteAt: number;
}

/**
 * A bench host with the worker on, the plugin's limiter open, and every QBO answer counted as it arrives, so
 * benchmarks measure deliveries without polling the emulator.
 */
export const startUnthrottledHost = async (knex: Knex, emulator: EmulatorProcess): Promise<{ host: BenchHost; tally: WriteTally }> => {
  const tally: WriteTally = { written: 0, lastWriteAt: 0 };
  const host = await startBenchHost(knex, emulator, {
    qbo: { clientId: 'bench-client', clientSecret: 'bench-secret', redirectUri: 'http://127.0.0.1/integrations/qbo/oauth/callback', environment: 'sandbox', apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url, limits: UNLIMITED },
    worker: { enabled: true },
    adapters: observeGateway((entities, at) => {
      tally.written += entities;
      tally.lastWriteAt = at;
    }),
  });
  return { host, tally };
};
