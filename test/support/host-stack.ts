import type { Knex } from 'knex';
import { createReferenceHostTables } from '../../examples/reference-host/reference-host-schema';
import { startQboEmulator, type RunningQboEmulator } from '../../src/emulator/start-qbo-emulator';
import type { QboSyncPluginOptions } from '../../src/plugin';
import { createTestDatabase, type TestDatabase } from './database';
import { createTestHost, testQboOptions, type TestHost } from './test-host';
import { connectAndEnable } from './workers/sync-tenant';

export interface StackDatabase {
  readonly knex: Knex;
  destroy(): Promise<void>;
}

export interface ApiProxy {
  readonly url: string;
  close(): Promise<void>;
}

export interface HostStackOptions<D extends StackDatabase = TestDatabase, P extends ApiProxy = ApiProxy> extends Omit<Partial<QboSyncPluginOptions>, 'knex' | 'qbo'> {
  /** A fresh MariaDB database unless the suite passes another factory (`createSqliteDatabase`). */
  readonly database?: () => Promise<D>;
  /** The reference host's tables; suites that only call the plugin's own routes pass false. */
  readonly hostTables?: boolean;
  /** Host rows and QBO records that exist before the plugin is mounted, as in a real install. */
  readonly seed?: (stack: { readonly db: D; readonly emulator: RunningQboEmulator }) => Promise<void>;
  /** A server the host reaches QBO's API through (OAuth still goes straight to the emulator); closed after the host. */
  readonly apiProxy?: (emulatorUrl: string) => Promise<P>;
  /** Merged over the test app's QBO options (timeScale, limits, clientId, …). */
  readonly qbo?: Partial<QboSyncPluginOptions['qbo']>;
  /** Connect this tenant to a fresh QBO company and turn its sync on; its company is then `realmId`. */
  readonly tenant?: string;
  /** For useHostStack: the beforeAll timeout, as the suite set it before. */
  readonly timeoutMs?: number;
}

export interface HostStack<D extends StackDatabase = TestDatabase, P extends ApiProxy = ApiProxy> {
  readonly db: D;
  readonly emulator: RunningQboEmulator;
  readonly host: TestHost;
  /** Only with `apiProxy`. */
  readonly proxy: P;
  /** Only with `tenant`: the QBO company it was connected to. */
  readonly realmId: string;
  /** Stops the host, then the proxy, the emulator and the database; each step runs even when one before it fails. */
  close(): Promise<void>;
}

interface Parts<D, P> {
  db?: D;
  emulator?: RunningQboEmulator;
  proxy?: P;
  host?: TestHost;
  realmId?: string;
}

const closeInOrder = async (steps: ReadonlyArray<() => Promise<unknown> | undefined>): Promise<void> => {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
};

const present = <T>(value: T | undefined, missing: string): T => {
  if (value === undefined) throw new Error(missing);
  return value;
};
const notAsked = (option: string) => `The host stack has no ${option}: pass \`${option}\` in its options.`;

const stackOf = <D extends StackDatabase, P extends ApiProxy>(parts: Parts<D, P>): HostStack<D, P> => ({
  get db() { return present(parts.db, 'The host stack has no database yet: use it inside hooks and tests.'); },
  get emulator() { return present(parts.emulator, 'The host stack has no emulator yet: use it inside hooks and tests.'); },
  get host() { return present(parts.host, 'The host stack has no host yet: use it inside hooks and tests.'); },
  get proxy() { return present(parts.proxy, notAsked('apiProxy')); },
  get realmId() { return present(parts.realmId, notAsked('tenant')); },
  close: () => closeInOrder([() => parts.host?.plugin.stop(), () => parts.proxy?.close(), () => parts.emulator?.close(), () => parts.db?.destroy()]),
});

/**
 * The database, the QBO emulator and a test host with the plugin mounted (optionally a tenant connected with the
 * sync on). A start that fails half-way closes what it had started before it throws.
 */
export const startHostStack = async <D extends StackDatabase = TestDatabase, P extends ApiProxy = ApiProxy>(options: HostStackOptions<D, P> = {}): Promise<HostStack<D, P>> => {
  const { database, hostTables = true, seed, apiProxy, qbo, tenant, timeoutMs: _timeoutMs, ...plugin } = options;
  const parts: Parts<D, P> = {};
  const stack = stackOf(parts);
  try {
    // Without a factory D is its default, TestDatabase, which is what createTestDatabase makes.
    const db = (parts.db = await (database ?? (createTestDatabase as unknown as () => Promise<D>))());
    if (hostTables) await createReferenceHostTables(db.knex);
    const emulator = (parts.emulator = await startQboEmulator({ port: 0 }));
    await seed?.({ db, emulator });
    if (apiProxy) parts.proxy = await apiProxy(emulator.url);
    const qboOptions = { ...testQboOptions(emulator.url), ...(parts.proxy ? { apiBaseUrl: parts.proxy.url } : {}), ...qbo };
    const host = (parts.host = await createTestHost(db.knex, emulator.url, { ...(hostTables ? {} : { checkHostAtStartup: false }), ...plugin, qbo: qboOptions }));
    if (tenant !== undefined) parts.realmId = await connectAndEnable(host.app, emulator.url, tenant);
    return stack;
  } catch (error) {
    await stack.close().catch(() => undefined); // the start's own error says more than a teardown's
    throw error;
  }
};

/** Starts the stack in beforeAll and closes it in afterAll: call it before the suite's own hooks, which may then use it. */
export const useHostStack = <D extends StackDatabase = TestDatabase, P extends ApiProxy = ApiProxy>(options: HostStackOptions<D, P> = {}): Omit<HostStack<D, P>, 'close'> => {
  let running: HostStack<D, P> | undefined;
  beforeAll(async () => {
    running = await startHostStack(options);
  }, options.timeoutMs);
  afterAll(() => running?.close());
  const current = (): HostStack<D, P> => present(running, 'The host stack did not start (see the beforeAll error), or is used outside hooks and tests.');
  return {
    get db() { return current().db; },
    get emulator() { return current().emulator; },
    get host() { return current().host; },
    get proxy() { return current().proxy; },
    get realmId() { return current().realmId; },
  };
};
