/**
 * A thousand companies at month-end (issue 17): 1,000 companies, each with 20 invoices paid (an invoice and its
 * payment committed in one host transaction and signalled with notify) at random moments within one minute, plus a
 * probe pair every 300 ms in a random company. QBO at real pace and limits: the emulator in its own process, QBO's
 * limits, 300 ms a request, timeScale 1 (nothing shrunk: the plugin's database work is real time too). Each company
 * has a customer and an item linked by its initial sync before the burst, so the burst is invoices and payments only.
 * The host runs as 1, then 3 processes (real OS processes, each a plugin instance with its worker, on the same MariaDB
 * database); each pair is committed by a random one of them, as a load balancer would spread the host's requests.
 *
 * - idealSeconds: for each company, the earliest it could have every pair in QBO working at its own ceiling from the
 *   moment each pair was committed (invoice, then its payment, 300 ms each, QBO's 10 in flight and 500 a minute;
 *   support/burst-ideal.ts); the max over companies, from the burst's start. Companies are independent at QBO, so this
 *   is the last commit plus about 0.6 s.
 * - drainSeconds: from the burst's start until QBO answered the last write of the burst, read from the emulator's own
 *   request log; every invoice and payment is then checked in the emulator (present once, with the host's amount).
 * - ratio = drain ÷ ideal (target ≤ 1.5); threeProcessRatio the same with three processes.
 * - p50/p99CommitToQboMs: the probes, from the host's commit to QBO's answer to the payment (the pair's last write).
 * Takes about 5 minutes (set-up of 1,000 companies included).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { createReferenceHostTables } from '../examples/reference-host/reference-host-schema';
import { markerOf, privateNoteMarker as marker } from '../src/domain/sync/private-note';
import { benchMysqlUrl, createBenchDatabase, type BenchDatabase } from './support/bench-database';
import { startBenchHost } from './support/bench-host';
import type { BurstPair, CommittedPair, FromInstance, ToInstance } from './support/burst-instance';
import { idealFinish } from './support/burst-ideal';
import { startEmulatorProcess, type EmulatorProcess } from './support/emulator-process';
import { QBO_LATENCY_MS, QBO_LIMITS } from './support/qbo-ceiling';
import { percentile, rounded, sleep } from './support/stats';
import { UNLIMITED } from './support/unthrottled-host';

const companies = Number(process.env['BURST_COMPANIES'] ?? 1_000);
const pairsEach = 20;
const burstMs = 60_000;
const probeEveryMs = 300;
const poolMax = 20;
const setupConcurrency = 10;

interface Company {
  readonly tenantId: string;
  readonly realmId: string;
  readonly customerId: string;
  readonly itemId: string;
}

/** A small seeded generator, so every run commits the same schedule. */
const seeded = (seed: number): (() => number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const inParallel = async <T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: width }, lane));
};

/** Every company connected (the real OAuth walk), its customer and item linked by Save & Sync, limits off meanwhile. */
const setUp = async (db: BenchDatabase, emulator: EmulatorProcess): Promise<Company[]> => {
  await emulator.configure({ rateLimits: null, latencyMs: 0, timeScale: 1 });
  await createReferenceHostTables(db.knex);
  const tenants = Array.from({ length: companies }, (_, n) => `burst-${n}`);
  const now = new Date();
  await db.knex('customers').insert(tenants.map((tenant) => ({ company_id: tenant, first_name: 'Maria', last_name: `Lopez ${tenant}`, display_as_company: false, is_active: true, created_at: now, updated_at: now })));
  await db.knex('catalog_items').insert(tenants.map((tenant) => ({ company_id: tenant, kind: 'pool_service', name: `Weekly service ${tenant}`, unit_price_cents: 8_500, is_active: true, updated_at: now })));
  const customers = new Map((await db.knex('customers').select('id', 'company_id')).map((row: { id: number; company_id: string }) => [row.company_id, String(row.id)]));
  const items = new Map((await db.knex('catalog_items').select('id', 'company_id')).map((row: { id: number; company_id: string }) => [row.company_id, String(row.id)]));
  const host = await startBenchHost(db.knex, emulator, {
    qbo: { clientId: 'bench-client', clientSecret: 'bench-secret', redirectUri: 'http://127.0.0.1/integrations/qbo/oauth/callback', environment: 'sandbox', apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url, limits: UNLIMITED },
  });
  const realms = new Map<string, string>();
  try {
    // One at a time: the emulator gives the next consent to the company it made last.
    for (const tenant of tenants) realms.set(tenant, await host.connect(tenant));
    await inParallel(tenants, setupConcurrency, (tenant) => host.enable(tenant, realms.get(tenant)!));
    await inParallel(tenants, setupConcurrency, async (tenant) => {
      const job = await host.initialSyncDone(tenant, 300_000);
      if (job.state !== 'completed' || job.done !== 2) throw new Error(`the initial sync of ${tenant} ended ${job.state} with ${job.done} of 2 records`);
    });
  } finally {
    await host.close();
  }
  return tenants.map((tenantId) => ({ tenantId, realmId: realms.get(tenantId)!, customerId: customers.get(tenantId)!, itemId: items.get(tenantId)! }));
};

/** The schedule of one burst: 20 pairs a company at random moments of the minute, and a probe every 300 ms. */
const scheduleOf = (all: readonly Company[], round: string, seed: number): { pairs: BurstPair[]; probes: Set<string> } => {
  const random = seeded(seed);
  const pairs: BurstPair[] = [];
  const probes = new Set<string>();
  const pair = (company: Company, key: string, offsetMs: number): BurstPair => ({ key, offsetMs, tenantId: company.tenantId, customerId: company.customerId, itemId: company.itemId, quantity: 1 + Math.floor(random() * 4), unitPriceCents: 8_500 });
  for (const company of all) for (let n = 0; n < pairsEach; n += 1) pairs.push(pair(company, `${round}-${n}`, Math.floor(random() * burstMs)));
  for (let at = probeEveryMs, n = 0; at < burstMs; at += probeEveryMs, n += 1) {
    const probe = pair(all[Math.floor(random() * all.length)] as Company, `${round}-p${n}`, at);
    pairs.push(probe);
    probes.add(`${probe.tenantId}/${probe.key}`);
  }
  return { pairs, probes };
};

interface Instance {
  readonly child: ChildProcess;
  request(message: ToInstance, answer: FromInstance['type']): Promise<FromInstance>;
}

const instanceMain = path.resolve(__dirname, 'support/burst-instance.js');

/** `lanes`: the worker's tenantConcurrency, or undefined for the plugin's default. */
const startInstance = async (databaseUrl: string, emulatorUrl: string, lanes: number | undefined): Promise<Instance> => {
  // BURST_PROFILE=dir writes each host instance's CPU profile there (node --cpu-prof) when it stops.
  const profile = process.env['BURST_PROFILE'];
  const child = fork(instanceMain, [], { stdio: 'inherit', execArgv: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [] });
  const waiting = new Map<string, (message: FromInstance) => void>();
  let failed: ((error: Error) => void) | null = null;
  child.on('message', (message: FromInstance) => {
    if (message.type === 'error') return failed?.(new Error(`a host instance failed: ${message.message}`));
    waiting.get(message.type)?.(message);
    waiting.delete(message.type);
  });
  const request = (message: ToInstance, answer: FromInstance['type']): Promise<FromInstance> =>
    new Promise((resolve, reject) => {
      waiting.set(answer, resolve);
      failed = reject;
      child.send(message);
    });
  await request({ type: 'start', databaseUrl, emulatorUrl, poolMax, ...(lanes === undefined ? {} : { tenantConcurrency: lanes }) }, 'ready');
  return { child, request };
};

interface QboTransaction {
  readonly PrivateNote?: string;
  readonly TotalAmt?: number;
}

/** Every pair's invoice and payment in QBO once, with the host's amount; the time QBO answered the burst's last write. */
const checkQbo = async (emulator: EmulatorProcess, all: readonly Company[], committed: readonly CommittedPair[], startAt: number): Promise<{ lastWriteAt: number; requests: number; throttled: number }> => {
  const byTenant = new Map<string, CommittedPair[]>();
  for (const pair of committed) byTenant.set(pair.tenantId, [...(byTenant.get(pair.tenantId) ?? []), pair]);
  let lastWriteAt = startAt;
  let requests = 0;
  let throttled = 0;
  await inParallel(all, 8, async (company) => {
    const state = (await (await fetch(`${emulator.url}/__emulator/realms/${company.realmId}/state`)).json()) as Record<string, QboTransaction[]>;
    for (const [entity, kind] of [['Invoice', 'invoice'], ['Payment', 'payment']] as const) {
      const notes = new Map<string, number[]>();
      for (const record of state[entity] ?? []) {
        const key = markerOf(record.PrivateNote ?? '');
        notes.set(key, [...(notes.get(key) ?? []), Math.round((record.TotalAmt ?? 0) * 100)]);
      }
      for (const pair of byTenant.get(company.tenantId) ?? []) {
        const amounts = notes.get(marker(company.tenantId, kind, kind === 'invoice' ? pair.invoiceId : pair.paymentId)) ?? [];
        if (amounts.length !== 1 || amounts[0] !== pair.totalCents) throw new Error(`${company.tenantId} ${pair.key}: QBO holds ${JSON.stringify(amounts)} for the ${kind}, not one of ${pair.totalCents} cents`);
      }
    }
    const { requests: log } = (await (await fetch(`${emulator.url}/__emulator/realms/${company.realmId}/requests`)).json()) as { requests: { method: string; path: string; status: number; time: string }[] };
    for (const entry of log) {
      const at = Date.parse(entry.time);
      if (at < startAt) continue;
      requests += 1;
      if (entry.status === 429) throttled += 1;
      if (entry.status === 200 && entry.method === 'POST' && !/\/query$/i.test(entry.path)) lastWriteAt = Math.max(lastWriteAt, at);
    }
  });
  return { lastWriteAt, requests, throttled };
};

/** For the trace: the companies whose lease is held, with their rows in flight and the lease's owner, a few of them. */
const heldCompanies = async (db: BenchDatabase): Promise<string> => {
  const held = (await db.knex('qbo_leases as l')
    .leftJoin('qbo_outbox as o', (join) => join.on('o.tenant_id', '=', 'l.tenant_id').andOnVal('o.state', '=', 'in_flight'))
    // Release expires a lease row rather than deleting it (ADR 0081): only the running ones are held.
    .where('l.expires_at', '>', Date.now())
    .groupBy('l.tenant_id', 'l.owner')
    .select('l.tenant_id', 'l.owner')
    .count({ inFlight: 'o.id' })) as { tenant_id: string; owner: string; inFlight: number | string }[];
  const few = held.slice(0, 5).map((row) => `${row.tenant_id} (${row.owner}, ${row.inFlight} in flight)`);
  return `, ${held.length} leases held${few.length > 0 ? `: ${few.join(', ')}` : ''}`;
};

interface BurstFigures {
  readonly idealSeconds: number;
  readonly drainSeconds: number;
  readonly ratio: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly throttled: number;
  /** Outbox rows the burst made ÷ pairs: 2 are the host's signals, the rest rows the plugin queued to look again. */
  readonly rowsPerPair: number;
  /** Database statements the instances sent (the host's too), the plugin's lease acquisitions, and those that went on to insert. */
  readonly statements: number;
  readonly leaseAttempts: number;
  readonly leaseInserts: number;
  /** CPU time the host processes used (user + system, from their start to the burst's end): load does not inflate it as it does wall time. */
  readonly hostCpuSeconds: number;
}

/** BURST_LANES=N sets every process's lanes (the worker's tenantConcurrency); unset, the plugin's default. */
const lanesOfEnvironment = (): number | undefined => (process.env['BURST_LANES'] ? Number(process.env['BURST_LANES']) : undefined);

const burst = async (db: BenchDatabase, emulator: EmulatorProcess, all: readonly Company[], processes: number, round: string, seed: number, lanes = lanesOfEnvironment()): Promise<BurstFigures> => {
  const url = new URL(benchMysqlUrl());
  url.pathname = `/${db.name}`;
  const instances: Instance[] = [];
  try {
    for (let n = 0; n < processes; n += 1) instances.push(await startInstance(url.toString(), emulator.url, lanes));
    await emulator.configure({ rateLimits: QBO_LIMITS, latencyMs: QBO_LATENCY_MS, timeScale: 1 });
    const { pairs, probes } = scheduleOf(all, round, seed);
    const random = seeded(seed + 1);
    const shares: BurstPair[][] = instances.map(() => []);
    for (const pair of pairs) shares[Math.floor(random() * instances.length)]!.push(pair);
    const day = new Date().toISOString().slice(0, 10);
    const startAt = Date.now() + 2_000;
    const committing = Promise.all(instances.map((instance, n) => instance.request({ type: 'burst', startAt, day, pairs: shares[n]! }, 'committed')));
    const seen = new Map<string, number>();
    let statements = 0;
    let leaseAttempts = 0;
    let leaseInserts = 0;
    let hostCpuMs = 0;
    const collect = async (): Promise<void> => {
      statements = 0;
      leaseAttempts = 0;
      leaseInserts = 0;
      hostCpuMs = 0;
      for (const instance of instances) {
        const report = (await instance.request({ type: 'report' }, 'report')) as Extract<FromInstance, { type: 'report' }>;
        for (const [note, at] of report.seen) if (!seen.has(note)) seen.set(note, at);
        statements += report.statements;
        leaseAttempts += report.leaseAttempts;
        leaseInserts += report.leaseInserts;
        hostCpuMs += report.cpuMs;
      }
    };
    // Looked at while the host still commits, so a trace shows the whole burst.
    let answers: FromInstance[] | null = null;
    void committing.then((all) => (answers = all), () => undefined);
    const deadline = Date.now() + 20 * 60_000;
    for (;;) {
      await collect();
      const committed = answers === null ? null : (answers as FromInstance[]).flatMap((answer) => (answer as Extract<FromInstance, { type: 'committed' }>).pairs);
      const expected = committed?.flatMap((pair) => [marker(pair.tenantId, 'invoice', pair.invoiceId), marker(pair.tenantId, 'payment', pair.paymentId)]) ?? null;
      if (expected !== null && expected.every((note) => seen.has(note))) break;
      if (Date.now() > deadline) throw new Error(`${expected === null ? 'the commits and ' : `${expected.filter((note) => !seen.has(note)).length} of ${expected.length} `}writes did not end within 20 minutes`);
      if (process.env['BENCH_TRACE']) console.log(`burst ${round}: ${Math.round((Date.now() - startAt) / 1000)} s, ${seen.size} of ${pairs.length * 2} in QBO, ${statements} database statements, ${leaseAttempts} lease attempts (${leaseInserts} went on to insert: no row, or held elsewhere), host processes' CPU ${(hostCpuMs / 1000).toFixed(1)} s${await heldCompanies(db)}`);
      await sleep(1_000);
    }
    const committed = (await committing).flatMap((answer) => (answer as Extract<FromInstance, { type: 'committed' }>).pairs);
    const checked = await checkQbo(emulator, all, committed, startAt);
    const [{ rows }] = (await db.knex('qbo_outbox').where('enqueued_at', '>=', startAt).count({ rows: '*' })) as [{ rows: number | string }];
    const commitsOf = new Map<string, number[]>();
    for (const pair of committed) commitsOf.set(pair.tenantId, [...(commitsOf.get(pair.tenantId) ?? []), pair.committedAt]);
    const ideal = Math.max(...[...commitsOf.values()].map((commits) => idealFinish(commits, QBO_LIMITS, QBO_LATENCY_MS))) - startAt;
    const drain = checked.lastWriteAt - startAt;
    const latencies = committed.filter((pair) => probes.has(`${pair.tenantId}/${pair.key}`)).map((pair) => seen.get(marker(pair.tenantId, 'payment', pair.paymentId))! - pair.committedAt);
    return { idealSeconds: ideal / 1000, drainSeconds: drain / 1000, ratio: drain / ideal, p50: percentile(latencies, 50), p99: percentile(latencies, 99), requests: checked.requests, throttled: checked.throttled, rowsPerPair: Number(rows) / committed.length, statements, leaseAttempts, leaseInserts, hostCpuSeconds: hostCpuMs / 1000 };
  } finally {
    await Promise.all(instances.map((instance) => instance.request({ type: 'stop' }, 'stopped').catch(() => instance.child.kill())));
  }
};

/**
 * BURST_SWEEP_LANES=16,64,128: after one set-up, a three-process burst per number of lanes, in that order, each
 * printed with its UTC times and load average. Runs of several settings interleaved in one invocation share the set-up
 * and the machine's moment, which separate invocations on a shared machine do not. Nothing is merged into the results.
 */
const sweepLanes = async (db: BenchDatabase, emulator: EmulatorProcess, all: readonly Company[], lanesList: readonly number[]): Promise<void> => {
  for (const [n, lanes] of lanesList.entries()) {
    const from = new Date().toISOString();
    const loadBefore = loadavg()[0]!;
    const figures = await burst(db, emulator, all, 3, `L${n}`, 29, lanes);
    console.log(`burst, three processes, ${lanes} lanes each (${from} to ${new Date().toISOString()}, load ${loadBefore.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}): ${JSON.stringify(figures)}`);
  }
};

export const run = async (): Promise<Record<string, number>> => {
  const db = await createBenchDatabase(poolMax);
  const emulator = await startEmulatorProcess();
  try {
    const all = await setUp(db, emulator);
    const sweep = process.env['BURST_SWEEP_LANES'];
    if (sweep) {
      await sweepLanes(db, emulator, all, sweep.split(',').map(Number));
      return {};
    }
    // BURST_THREE=1 skips the one-process run (to look at three processes quickly): only the three-process figures are given.
    const one = process.env['BURST_THREE'] ? null : await burst(db, emulator, all, 1, 'A', 17);
    // Printed at once: the three-process run takes as long again.
    if (one) console.log(`burst, one process: ${JSON.stringify(one)}`);
    // BURST_ONE=1 skips the three-process run (to look at one process quickly).
    const three = one && process.env['BURST_ONE'] ? one : await burst(db, emulator, all, 3, 'B', 29);
    if (!one) console.log(`burst, three processes: ${JSON.stringify(three)}`);
    const oneFigures = one && {
      'burst.idealSeconds': rounded(one.idealSeconds),
      'burst.drainSeconds': rounded(one.drainSeconds),
      'burst.ratio': rounded(one.ratio),
      'burst.p50CommitToQboMs': rounded(one.p50),
      'burst.p99CommitToQboMs': rounded(one.p99),
      'burst.requests': one.requests,
      'burst.throttled': one.throttled,
      'burst.outboxRowsPerPair': rounded(one.rowsPerPair),
    };
    return {
      'burst.companies': companies,
      ...oneFigures,
      'burst.threeProcessIdealSeconds': rounded(three.idealSeconds),
      'burst.threeProcessDrainSeconds': rounded(three.drainSeconds),
      'burst.threeProcessRatio': rounded(three.ratio),
      'burst.threeProcessP99CommitToQboMs': rounded(three.p99),
      'burst.threeProcessThrottled': three.throttled,
    };
  } finally {
    await emulator.stop();
    await db.destroy();
  }
};
