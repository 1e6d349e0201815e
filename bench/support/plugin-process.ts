/**
 * A plugin instance in an OS process of its own, as one of a host's instances: its own knex pool on the benchmark's
 * database, its own pacer, the emulator reached over HTTP. The parent drives it over the IPC channel.
 */
import { fork, type ChildProcess } from 'node:child_process';
import knexFactory, { type Knex } from 'knex';
import { InMemoryQboBudgetStore } from '../../src/adapters/memory/in-memory-qbo-budget.store';
import { QBO_LIMITS } from './qbo-ceiling';
import { startBenchHost, type BenchHost } from './bench-host';
import { emulatorAt } from './emulator-process';
import { observeGateway } from './observed-gateway';
import { sleep } from './stats';

export interface PluginProcessConfig {
  readonly name: string;
  readonly databaseUrl: string;
  readonly emulatorUrl: string;
  readonly worker: boolean;
  /** Each process keeps a budget of its own (the plugin before docs/adr/0072), for a figure to compare with. */
  readonly unshared?: boolean;
}

export type PluginCommand =
  | { readonly op: 'connect'; readonly tenant: string }
  | { readonly op: 'enable'; readonly tenant: string; readonly realmId: string }
  /** Renames `count` host customers (the lowest ids not renamed yet) and notifies the plugin of each. */
  | { readonly op: 'edit'; readonly tenant: string; readonly count: number }
  /** Reads the accounts list from QBO through the plugin's API (the admin's page) every `everyMs` until told to stop. */
  | { readonly op: 'read'; readonly tenant: string; readonly everyMs: number }
  | { readonly op: 'status'; readonly tenant: string }
  /** Entities QBO accepted from this process, as [epoch ms, entities]. */
  | { readonly op: 'writes' }
  | { readonly op: 'close' };

export interface PluginProcess {
  readonly name: string;
  ask<T = unknown>(command: PluginCommand): Promise<T>;
  /** Closes the plugin and waits for the process to end. */
  close(): Promise<void>;
}

const childFlag = '--plugin-process';

/** Parent side: forks this file as a plugin process and waits until its plugin is migrated and mounted. */
export const startPluginProcess = async (config: PluginProcessConfig): Promise<PluginProcess> => {
  const child: ChildProcess = fork(__filename, [childFlag, JSON.stringify(config)], { stdio: 'inherit' });
  let next = 0;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`plugin process ${config.name} exited with ${code} before it was ready`)));
    child.on('message', (message: { id?: number; ready?: true; result?: unknown; error?: string }) => {
      if (message.ready) return resolve();
      const pending = waiting.get(message.id ?? -1);
      if (!pending) return;
      waiting.delete(message.id ?? -1);
      if (message.error !== undefined) pending.reject(new Error(`${config.name}: ${message.error}`));
      else pending.resolve(message.result);
    });
  });
  await ready;
  const ask = <T>(command: PluginCommand): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = (next += 1);
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, command });
    });
  return {
    name: config.name,
    ask,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await ask({ op: 'close' }).catch(() => undefined);
      await exited;
    },
  };
};

/** Child side: one plugin instance, answering the parent's commands. */
const runChild = async (config: PluginProcessConfig): Promise<void> => {
  const knex: Knex = knexFactory({ client: 'mysql2', connection: config.databaseUrl, pool: { min: 0, max: 20 } });
  const writes: [number, number][] = [];
  const observed = observeGateway((entities) => writes.push([Date.now(), entities]));
  const host: BenchHost = await startBenchHost(knex, emulatorAt(config.emulatorUrl), {
    qbo: { clientId: 'bench-client', clientSecret: 'bench-secret', redirectUri: 'http://127.0.0.1/integrations/qbo/oauth/callback', environment: 'sandbox', apiBaseUrl: config.emulatorUrl, oauthBaseUrl: config.emulatorUrl, limits: QBO_LIMITS },
    worker: { enabled: config.worker },
    adapters: { ...observed, ...(config.unshared ? { qboBudgetStore: new InMemoryQboBudgetStore() } : {}) },
  });
  // The delivery worker runs from start(), as in a host.
  if (config.worker) await host.plugin.start();
  let reading = true;
  const run = async (command: PluginCommand): Promise<unknown> => {
    switch (command.op) {
      case 'connect':
        return host.connect(command.tenant);
      case 'enable':
        return host.enable(command.tenant, command.realmId);
      case 'edit': {
        const rows: { id: number }[] = await knex('customers').select('id').where({ company_id: command.tenant }).whereNot('city', 'Clearwater').orderBy('id').limit(command.count);
        const ids = rows.map((row) => row.id);
        await knex('customers').whereIn('id', ids).update({ city: 'Clearwater', updated_at: new Date() });
        await host.plugin.notify(ids.map((id) => ({ tenantId: command.tenant, kind: 'customer' as const, id: String(id) })));
        return ids.length;
      }
      case 'read':
        void (async () => {
          while (reading) {
            await host.call('GET', '/accounts', command.tenant);
            await sleep(command.everyMs);
          }
        })();
        return null;
      case 'status':
        return (await host.call('GET', '/sync/status', command.tenant)).body;
      case 'writes':
        return writes;
      case 'close':
        reading = false;
        await host.close();
        await knex.destroy();
        return null;
    }
  };
  process.on('message', (message: { id: number; command: PluginCommand }) => {
    run(message.command).then(
      (result) => {
        process.send?.({ id: message.id, result });
        if (message.command.op === 'close') process.disconnect();
      },
      (error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  process.send?.({ ready: true });
};

if (process.argv[2] === childFlag) {
  runChild(JSON.parse(process.argv[3] as string) as PluginProcessConfig).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
