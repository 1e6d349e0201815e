/**
 * One instance of the host application for the burst benchmark, in a process of its own: the plugin with its
 * delivery worker on, on the shared MariaDB database, and the host's own writes (an invoice and its payment committed
 * together, signalled with notify in the same transaction) at the times the parent gives. It tells the parent when each
 * pair was committed and when QBO answered each invoice and payment that this process's worker created.
 */
import { writeFile } from 'node:fs/promises';
import knexFactory, { type Knex } from 'knex';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { markerOf } from '../../src/domain/sync/private-note';
import { startBenchHost, type BenchHost } from './bench-host';
import type { EmulatorProcess } from './emulator-process';
import { observeGateway } from './observed-gateway';
import { QBO_LIMITS } from './qbo-ceiling';
import { sleep } from './stats';

/** One paid invoice: the host commits it `offsetMs` after the burst's start. */
export interface BurstPair {
  readonly key: string;
  readonly offsetMs: number;
  readonly tenantId: string;
  readonly customerId: string;
  readonly itemId: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

export interface CommittedPair {
  readonly key: string;
  readonly tenantId: string;
  readonly invoiceId: string;
  readonly paymentId: string;
  readonly totalCents: number;
  /** Date.now() once the host's transaction committed. */
  readonly committedAt: number;
}

export type ToInstance =
  | { readonly type: 'start'; readonly databaseUrl: string; readonly emulatorUrl: string; readonly poolMax: number; readonly tenantConcurrency?: number }
  | { readonly type: 'burst'; readonly startAt: number; readonly day: string; readonly pairs: readonly BurstPair[] }
  | { readonly type: 'report' }
  | { readonly type: 'stop' };

export type FromInstance =
  | { readonly type: 'ready' }
  | { readonly type: 'committed'; readonly pairs: readonly CommittedPair[] }
  /** Markers (`qbo-sync:<tenant>:<kind>:<hostId>`) of records QBO created, with Date.now() of its answer. */
  /** `cpuMs`: the process's CPU time (user + system) since it started, which does not grow with the machine's load as wall time does. */
  | { readonly type: 'report'; readonly seen: readonly (readonly [string, number])[]; readonly statements: number; readonly leaseAttempts: number; readonly leaseInserts: number; readonly cpuMs: number }
  | { readonly type: 'stopped' }
  | { readonly type: 'error'; readonly message: string };

const send = (message: FromInstance): void => void process.send?.(message);

/** Host-side delivery needs only `url`; the emulator's control calls are the parent's. */
const emulatorAt = (url: string): EmulatorProcess => ({ url }) as EmulatorProcess;

let knex: Knex | null = null;
let host: BenchHost | null = null;
/** What this process's worker saw QBO create, kept until the parent asks (then sent and forgotten). */
let seen: [string, number][] = [];
/** Database statements this process sent (the plugin's and the host's), for the trace. */
let statements = 0;
/** BURST_STATEMENTS=file: each statement's shape (its SQL, values left out) with its count, and the CPU time, written there at stop. */
const shapes = process.env['BURST_STATEMENTS'] ? new Map<string, number>() : null;

const tallyShape = (sql: string): void => {
  if (!shapes) return;
  const shape = sql.replace(/\(\?(, \?)*\)/g, '(…)').replace(/(\(…\), )+\(…\)/g, '(…), …');
  shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
};

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
};

const writeShapes = async (): Promise<void> => {
  if (!shapes) return;
  const lines = [...shapes].sort((a, b) => b[1] - a[1]).map(([shape, count]) => `${count}\t${shape}`);
  await writeFile(`${process.env['BURST_STATEMENTS']}.${process.pid}`, `${statements}\ttotal\n${cpuMs()}\tCPU ms\n${lines.join('\n')}\n`);
};

/** Lease acquisitions this process tried, and those whose first write took nothing and went on to insert (no row: release deletes it; or held elsewhere). */
let leaseAttempts = 0;
let leaseInserts = 0;

const start = async (message: Extract<ToInstance, { type: 'start' }>): Promise<void> => {
  knex = knexFactory({ client: 'mysql2', connection: message.databaseUrl, pool: { min: 0, max: message.poolMax } });
  knex.on('query', (query: { sql: string }) => {
    statements += 1;
    tallyShape(query.sql);
    // acquire() writes `… where tenant_id = ? and (expires_at <= ? or owner = ?)`, then inserts only when that took nothing.
    if (/^update `qbo_leases`.*`expires_at` <=/.test(query.sql)) leaseAttempts += 1;
    else if (/^insert (ignore )?into `qbo_leases`/.test(query.sql)) leaseInserts += 1;
  });
  host = await startBenchHost(knex, emulatorAt(message.emulatorUrl), {
    qbo: { clientId: 'bench-client', clientSecret: 'bench-secret', redirectUri: 'http://127.0.0.1/integrations/qbo/oauth/callback', environment: 'sandbox', apiBaseUrl: message.emulatorUrl, oauthBaseUrl: message.emulatorUrl, limits: QBO_LIMITS },
    worker: { enabled: true, sweepMs: 0, ...(message.tenantConcurrency === undefined ? {} : { tenantConcurrency: message.tenantConcurrency }) },
    adapters: observeGateway((_entities, _at, notes) => {
      const now = Date.now();
      for (const note of notes) seen.push([markerOf(note), now]);
    }),
  });
  await host.plugin.start();
  send({ type: 'ready' });
};

/** Commits each pair at its time, without waiting for the ones before it (a host serves its requests side by side). */
const burst = async (message: Extract<ToInstance, { type: 'burst' }>): Promise<void> => {
  const plugin = host!.plugin;
  const pairs = [...message.pairs].sort((a, b) => a.offsetMs - b.offsetMs);
  const commits: Promise<CommittedPair>[] = [];
  for (const pair of pairs) {
    const wait = message.startAt + pair.offsetMs - Date.now();
    if (wait > 0) await sleep(wait);
    commits.push(
      knex!.transaction(async (trx) => {
        const seed = new ReferenceHostSeeder(trx);
        const invoiceId = await seed.invoice(pair.tenantId, { customerId: pair.customerId, number: pair.key, issuedOn: message.day, lines: [{ catalogItemId: pair.itemId, description: 'Pool service', quantity: pair.quantity, unitPriceCents: pair.unitPriceCents }] });
        const totalCents = pair.quantity * pair.unitPriceCents;
        const paymentId = await seed.payment(pair.tenantId, { customerId: pair.customerId, invoiceId, amountCents: totalCents, method: 'card', receivedOn: message.day });
        await plugin.notify([{ tenantId: pair.tenantId, kind: 'invoice', id: invoiceId }, { tenantId: pair.tenantId, kind: 'payment', id: paymentId }], { trx });
        return { invoiceId, paymentId, totalCents };
      }).then(({ invoiceId, paymentId, totalCents }) => ({ key: pair.key, tenantId: pair.tenantId, invoiceId, paymentId, totalCents, committedAt: Date.now() })),
    );
  }
  send({ type: 'committed', pairs: await Promise.all(commits) });
};

process.on('message', (message: ToInstance) => {
  const handle = async (): Promise<void> => {
    switch (message.type) {
      case 'start':
        return start(message);
      case 'burst':
        return burst(message);
      case 'report': {
        const taken = seen;
        seen = [];
        return send({ type: 'report', seen: taken, statements, leaseAttempts, leaseInserts, cpuMs: cpuMs() });
      }
      case 'stop':
        await host?.close();
        await knex?.destroy();
        await writeShapes();
        send({ type: 'stopped' });
        process.disconnect();
    }
  };
  handle().catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});

// A parent that gives up kills the instance; exiting (not dying) lets `--cpu-prof` write what it saw.
process.on('SIGTERM', () => void writeShapes().finally(() => process.exit(0)));
