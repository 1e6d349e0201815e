/**
 * `npm run chaos -- --seconds 200 --seed 7`: the fault run of issue 16 (docs/chaos.md). Three worker processes (one
 * with its clock 3 s ahead) and a host writer on a MariaDB of the run's own, the QBO emulator in this process; for
 * `--seconds` the run SIGKILLs a worker every 5–15 s, kills all three at once, kills the database for 10 s, stalls
 * QBO for 20 s, and injects throttles, 5xx, outages, timeouts, dropped answers, token expiry and a revocation with its
 * reconnect. Then the faults stop, the outbox drains (timed), and the checker compares each chaos company with a
 * reference company that a fault-free sync built from the same host data. Prints a summary and the figures as JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { createReferenceHostTables } from '../../examples/reference-host/reference-host-schema';
import { startQboEmulator, type RunningQboEmulator } from '../../src/emulator/start-qbo-emulator';
import { ChaosAdmin } from './admin';
import { ChaosDatabase } from './chaos-db';
import { checkTenant, type TenantCheck } from './checker';
import { startScript } from './processes';
import { between, pick, seededRandom } from './random';
import { copyHostData, referenceTenant } from './replay';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number of at least 0`);
  return value;
};

const SECONDS = arg('seconds', 200);
const SEED = arg('seed', 1);
const SKEW_MS = arg('skew-ms', 3_000);
const TENANTS = Array.from({ length: arg('tenants', 3) }, (_, n) => `chaos${n + 1}`);
const DRAIN_LIMIT_MS = 180_000;
const random = seededRandom(SEED);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const started = Date.now();
const say = (message: string): void => void process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);

const FAULTS: readonly string[] = ['throttle', 'server-error', 'unavailable', 'timeout', 'apply-then-drop'];
const QBO_WAIT_MS = 60_000;

interface Slot {
  readonly index: number;
  readonly skewMs: number;
  running: ReturnType<typeof startScript> | null;
  starts: number;
  kills: number;
  stopMs: number | null;
}

class Run {
  readonly dir = mkdtempSync(join(tmpdir(), 'qbo-chaos-'));
  db!: ChaosDatabase;
  knex!: Knex;
  emulator!: RunningQboEmulator;
  admin!: ChaosAdmin;
  readonly realms = new Map<string, string>();
  readonly slots: Slot[] = [0, 0, SKEW_MS].map((skewMs, index) => ({ index, skewMs, running: null, starts: 0, kills: 0, stopMs: null }));
  writer: ReturnType<typeof startScript> | null = null;
  chaos = true;
  readonly injected: Record<string, number> = {};
  readonly events: string[] = [];
  dbDownMs = 0;
  revocations = 0;
  reconnectMs: number[] = [];
  revocationNoticedMs: number[] = [];
  readonly reconnecting = new Set<string>();

  note(event: string): void {
    this.events.push(`${((Date.now() - started) / 1000).toFixed(1)} s ${event}`);
    say(event);
  }

  async setUp(): Promise<void> {
    this.db = await ChaosDatabase.install(this.dir);
    say(`MariaDB of the run's own on port ${this.db.port} (${this.dir})`);
    this.knex = knexFactory({ client: 'mysql2', connection: this.db.url, pool: { min: 0, max: 10, acquireTimeoutMillis: 5_000 } });
    await createReferenceHostTables(this.knex);
    this.emulator = await startQboEmulator({ port: 0 });
    await this.control('POST', '/config', { rateLimits: { perMinute: 500, concurrent: 10, batchPerMinute: 40 } });
    this.admin = await ChaosAdmin.open(this.knex, this.emulator);
    await this.admin.plugin.migrate();
    for (const tenant of TENANTS) {
      const realmId = await this.admin.createRealm(`Pools of ${tenant}`);
      this.realms.set(tenant, realmId);
      await this.admin.connect(tenant, realmId);
      await this.admin.enable(tenant);
    }
    say(`${TENANTS.length} tenants connected, each to its own QBO company, sync on`);
  }

  async control(method: string, path: string, body?: unknown): Promise<void> {
    await fetch(`${this.emulator.url}/__emulator${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  }

  private env(): Record<string, string> {
    return { CHAOS_DB_URL: this.db.url, CHAOS_QBO_URL: this.emulator.url };
  }

  /** Starts the slot's worker; one that ends on its own (say, started while the database was down) is started again. */
  startWorker(slot: Slot): void {
    const running = startScript('worker.child.ts', { ...this.env(), CHAOS_CLOCK_SKEW_MS: String(slot.skewMs) }, join(this.dir, `worker-${slot.index}.log`), 'worker-ready');
    slot.running = running;
    slot.starts += 1;
    void running.exited.then(async (code) => {
      if (slot.running !== running) return;
      slot.running = null;
      if (code !== 0 && code !== null) {
        this.note(`worker ${slot.index} ended on its own (exit ${code}): ${running.lines.slice(-1)[0] ?? ''}`);
        await sleep(1_000);
        if (slot.running === null) this.startWorker(slot);
      }
    });
  }

  async kill(slot: Slot): Promise<void> {
    const running = slot.running;
    if (!running) return;
    slot.running = null;
    slot.kills += 1;
    running.child.kill('SIGKILL');
    await running.exited;
  }

  async faultLoops(until: number): Promise<void> {
    const loops: Array<Promise<void>> = [];
    // A random worker SIGKILLed every 5–15 s, started again a second later.
    loops.push((async () => {
      while (Date.now() < until) {
        await sleep(between(random, 5_000, 15_000));
        if (Date.now() >= until) break;
        const slot = pick(random, this.slots)!;
        if (!slot.running) continue;
        await this.kill(slot);
        this.note(`SIGKILL worker ${slot.index}${slot.skewMs ? ` (clock ${slot.skewMs} ms ahead)` : ''}`);
        await sleep(1_000);
        if (!slot.running) this.startWorker(slot);
      }
    })());
    // QBO misbehaving: one fault every 2–5 s on a random company. A 429 makes the plugin wait the 60 s Intuit asks for,
    // and a request QBO never answers is given up after the 60 s client timeout: those two kinds stop 60 s before the
    // end, so the drain measures recovery, not QBO's own waits (docs/chaos.md).
    const lastWaitingFault = until - QBO_WAIT_MS;
    loops.push((async () => {
      while (Date.now() < until) {
        await sleep(between(random, 2_000, 5_000));
        if (Date.now() >= until) break;
        const kinds = Date.now() < lastWaitingFault ? FAULTS : FAULTS.filter((kind) => kind !== 'throttle' && kind !== 'timeout');
        const kind = pick(random, kinds)!;
        const count = kind === 'throttle' || kind === 'timeout' ? 1 : between(random, 1, 3);
        // A fault meets the realm's next requests: a new one replaces what an idle realm (say, one waiting for its
        // admin to reconnect) has not met yet, so faults never pile up beyond the fault phase.
        // Not on a company whose admin is reconnecting: its only request then is the plugin's company check, which
        // would meet every fault armed for it (a throttle costs the 60 s QBO asks for), where real QBO throttles traffic.
        const realmId = this.realms.get(pick(random, TENANTS.filter((tenant) => !this.reconnecting.has(tenant)))!)!;
        await this.control('DELETE', `/faults?realmId=${realmId}`);
        await this.control('POST', '/faults', { kind, count, realmId });
        this.injected[kind] = (this.injected[kind] ?? 0) + count;
      }
    })());
    const at = (fraction: number, what: () => Promise<void>) => loops.push(sleep(Math.round(SECONDS * 1000 * fraction)).then(what));
    at(0.15, async () => this.expire());
    at(0.7, async () => this.expire());
    at(0.3, async () => {
      await this.db.kill();
      const down = Date.now();
      this.note('SIGKILL MariaDB (down for 10 s)');
      await sleep(10_000);
      await this.db.start();
      this.dbDownMs = Date.now() - down;
      this.note(`MariaDB back after ${this.dbDownMs} ms`);
    });
    at(0.45, async () => {
      await Promise.all(this.slots.map((slot) => this.kill(slot)));
      this.note('SIGKILL all three workers at once');
      await sleep(2_000);
      for (const slot of this.slots) if (!slot.running) this.startWorker(slot);
    });
    at(0.35, async () => {
      const tenant = TENANTS[1 % TENANTS.length]!;
      await this.control('POST', '/faults', { kind: 'revoke-refresh-token', realmId: this.realms.get(tenant) });
      this.revocations += 1;
      const revoked = Date.now();
      this.note(`authorization of ${tenant} revoked in QBO`);
      // The admin reconnects once the page says the connection needs attention (the plugin noticed on its own).
      while (Date.now() - revoked < 60_000 && (await this.admin.status(tenant).catch(() => 'unknown')) !== 'needs_reconnect') await sleep(200);
      this.revocationNoticedMs.push(Date.now() - revoked);
      this.note(`${tenant}: the page says the connection needs reconnecting (${Date.now() - revoked} ms after the revocation)`);
      this.reconnecting.add(tenant);
      await sleep(3_000);
      for (;;) {
        try {
          await this.admin.connect(tenant, this.realms.get(tenant)!);
          break;
        } catch (error) {
          say(`reconnect of ${tenant} failed (${(error as Error).message}); again in 1 s`);
          await sleep(1_000);
        }
      }
      this.reconnecting.delete(tenant);
      this.reconnectMs.push(Date.now() - revoked);
      this.note(`${tenant} reconnected by its admin`);
    });
    at(0.6, async () => {
      await this.control('POST', '/config', { latencyMs: 20_000 });
      this.note('QBO stalls: every answer takes 20 s');
      await sleep(20_000);
      await this.control('POST', '/config', { latencyMs: 0 });
      this.note('QBO answers at once again');
    });
    await Promise.all(loops);
  }

  private async expire(): Promise<void> {
    const tenant = pick(random, TENANTS)!;
    await this.control('POST', '/faults', { kind: 'expire-access-token', realmId: this.realms.get(tenant) });
    this.injected['expire-access-token'] = (this.injected['expire-access-token'] ?? 0) + 1;
    this.note(`access tokens of ${tenant} expired`);
  }

  async unsettled(tenants: readonly string[]): Promise<number> {
    const [row] = await this.knex('qbo_outbox').whereIn('tenant_id', [...tenants]).whereIn('state', ['pending', 'in_flight']).count({ n: '*' });
    return Number(row?.['n'] ?? 0);
  }

  async drain(): Promise<number> {
    const faultsStopped = Date.now();
    let lastReport = faultsStopped;
    for (;;) {
      try {
        if ((await this.unsettled(TENANTS)) === 0) return Date.now() - faultsStopped;
      } catch {
        // the database may still be recovering
      }
      if (Date.now() - faultsStopped > DRAIN_LIMIT_MS) return Number.NaN;
      if (Date.now() - lastReport >= 5_000) {
        lastReport = Date.now();
        await this.report().catch(() => undefined);
      }
      await sleep(100);
    }
  }

  /** While draining: what is left, per tenant, and why it waits. */
  private async report(): Promise<void> {
    const now = Date.now();
    const rows: Array<{ tenant_id: string; state: string; n: number; next: number; attempts: number }> = await this.knex('qbo_outbox').whereIn('state', ['pending', 'in_flight'])
      .groupBy('tenant_id', 'state').select('tenant_id', 'state').count({ n: '*' }).min({ next: 'available_at' }).max({ attempts: 'attempt' });
    const leases = await this.knex('qbo_leases').select('tenant_id', 'owner', 'expires_at');
    const connections = await this.knex('qbo_connections').select('tenant_id', 'status');
    const limiter = (this.emulator.app.emulatorState.limiter as unknown as { realms: Map<string, { inFlight: number; requests: { times: number[] }; batches: { times: number[] } }> }).realms;
    const inFlight = [...this.realms].map(([tenant, realmId]) => {
      const traffic = limiter.get(realmId);
      return `${tenant} ${traffic?.inFlight ?? 0} in flight, ${traffic?.requests.times.length ?? 0} in the minute window, ${traffic?.batches.times.length ?? 0} batches`;
    }).join('; ');
    say(`QBO: ${inFlight}`);
    say(`left: ${rows.map((r) => `${r.tenant_id} ${r.state} ${r.n} (next in ${Number(r.next) - now} ms, attempts ≤ ${r.attempts})`).join('; ')} | leases ${leases.map((l) => `${l.tenant_id}:${String(l.owner).slice(0, 12)}:${Number(l.expires_at) - now}`).join(' ')} | ${connections.map((c) => `${c.tenant_id} ${c.status}`).join(', ')}`);
  }

  /** Each tenant's host data, copied and sent by a plain sync to a fresh company: the yardstick. */
  async reference(): Promise<Map<string, string>> {
    await this.control('POST', '/config', { rateLimits: null, latencyMs: 0 });
    const replay = await ChaosAdmin.open(this.knex, this.emulator, true);
    const realms = new Map<string, string>();
    for (const tenant of TENANTS) {
      await copyHostData(this.knex, tenant);
      const realmId = await replay.createRealm(`Reference of ${tenant}`);
      realms.set(tenant, realmId);
      await replay.connect(referenceTenant(tenant), realmId);
      await replay.enable(referenceTenant(tenant));
    }
    const copies = TENANTS.map(referenceTenant);
    for (let round = 0; round < 200; round += 1) {
      const swept = await replay.plugin.sweep();
      const delivered = await replay.plugin.deliverPending();
      if (swept === 0 && delivered === 0 && (await this.unsettled(copies)) === 0) break;
      if (delivered === 0) await sleep(200);
    }
    await replay.plugin.stop();
    return realms;
  }

  readonly refusals: string[] = [];

  async requests(): Promise<Record<string, number>> {
    const byStatus: Record<string, number> = {};
    for (const realmId of this.realms.values()) {
      const { requests } = (await (await fetch(`${this.emulator.url}/__emulator/realms/${realmId}/requests`)).json()) as { requests: Array<{ method: string; path: string; status: number; replayed?: boolean; dropped?: boolean }> };
      for (const entry of requests) {
        if (entry.status === 400) this.refusals.push(`${entry.method} ${entry.path.replace(/\/v3\/company\/\d+\//, '')}`);
        const key = entry.replayed ? `${entry.status} replayed` : entry.dropped ? 'dropped' : String(entry.status);
        byStatus[key] = (byStatus[key] ?? 0) + 1;
      }
    }
    return byStatus;
  }

  async tearDown(): Promise<void> {
    for (const slot of this.slots) await this.kill(slot).catch(() => undefined);
    this.writer?.child.kill('SIGKILL');
    await this.knex?.destroy().catch(() => undefined);
    await this.emulator?.close().catch(() => undefined);
    await this.db?.stop().catch(() => undefined);
    if (!process.argv.includes('--keep')) rmSync(this.dir, { recursive: true, force: true });
  }
}

const main = async (): Promise<number> => {
  const run = new Run();
  // Ctrl-C (or a SIGTERM) still stops every process of the run and its database.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void run.tearDown().finally(() => process.exit(130)));
  try {
    await run.setUp();
    for (const slot of run.slots) run.startWorker(slot);
    await Promise.all(run.slots.map((slot) => slot.running!.ready));
    run.writer = startScript('writer.child.ts', { CHAOS_DB_URL: run.db.url, CHAOS_QBO_URL: run.emulator.url, CHAOS_TENANTS: TENANTS.join(','), CHAOS_SEED: String(SEED) }, join(run.dir, 'writer.log'), 'writer-ready');
    await run.writer.ready;
    say(`faults for ${SECONDS} s (seed ${SEED})`);
    await run.faultLoops(Date.now() + SECONDS * 1000);

    // The last fault: two of the three workers SIGKILLed at once while they hold companies and rows in flight; the
    // third must take their companies over. Then the faults stop: no more injected faults, no latency, the host stops
    // writing, the two are started again.
    const lastFault = Date.now();
    const doomed = [...run.slots].sort(() => random() - 0.5).slice(0, 2);
    await Promise.all(doomed.map((slot) => run.kill(slot)));
    run.note(`SIGKILL workers ${doomed.map((slot) => slot.index).join(' and ')} at once (the last fault)`);
    await run.control('DELETE', '/faults');
    await run.control('POST', '/config', { latencyMs: 0 });
    run.writer.child.kill('SIGTERM');
    await run.writer.exited;
    const writerDone = run.writer.lines.find((line) => line.startsWith('writer-done')) ?? 'writer-done {}';
    const writer = JSON.parse(writerDone.slice('writer-done '.length)) as { changes: Record<string, number>; failedWrites: number };
    for (const slot of run.slots) if (!slot.running) run.startWorker(slot);
    say('faults stopped; draining');
    const drainMs = await run.drain();
    const sinceLastFaultMs = Date.now() - lastFault;
    const load = loadavg().map((n) => Number(n.toFixed(2)));
    say(`drained in ${drainMs} ms (load average ${load.join(' ')})`);

    // Every worker stops on SIGTERM, within its stop bound.
    await Promise.all(run.slots.map(async (slot) => {
      const running = slot.running;
      if (!running) return;
      const asked = Date.now();
      running.child.kill('SIGTERM');
      await running.exited;
      slot.stopMs = Date.now() - asked;
      slot.running = null;
    }));
    const requests = await run.requests();
    say('building the reference companies (the same host data, a fault-free sync)');
    const referenceRealms = await run.reference();
    const checks: TenantCheck[] = [];
    for (const tenant of TENANTS) checks.push(await checkTenant(run.knex, run.emulator.url, tenant, run.realms.get(tenant)!, referenceRealms.get(tenant)!));

    const sum = (pickOf: (check: TenantCheck) => number) => checks.reduce((total, check) => total + pickOf(check), 0);
    const reasons: Record<string, number> = {};
    for (const check of checks) for (const [reason, n] of Object.entries(check.failureReasons)) reasons[reason] = (reasons[reason] ?? 0) + n;
    const figures = {
      seed: SEED,
      faultSeconds: SECONDS,
      tenants: TENANTS.length,
      workers: run.slots.map((slot) => ({ worker: slot.index, clockSkewMs: slot.skewMs, starts: slot.starts, sigkills: slot.kills, stopMs: slot.stopMs })),
      databaseDownMs: run.dbDownMs,
      injectedFaults: run.injected,
      stallMs: 20_000,
      revocations: run.revocations,
      revocationNoticedAfterMs: run.revocationNoticedMs,
      reconnectAfterRevocationMs: run.reconnectMs,
      hostChanges: writer.changes,
      hostWritesRefusedWhileDatabaseDown: writer.failedWrites,
      qboRequests: requests,
      qboRefusals: run.refusals,
      expectedRecords: sum((check) => check.expected),
      lost: sum((check) => check.lost.length),
      duplicated: sum((check) => check.duplicated.length),
      wrong: sum((check) => check.wrong.length),
      failedChanges: sum((check) => check.failedRows),
      unexplainedFailures: sum((check) => check.unexplainedFailures.length),
      failureRowsByReason: reasons,
      drainMs,
      drainFromTheLastSigkillMs: sinceLastFaultMs,
      loadAverageAtDrain: load,
      totalRunSeconds: Math.round((Date.now() - started) / 1000),
    };
    for (const check of checks) {
      for (const line of [...check.lost.map((l) => `LOST ${l}`), ...check.duplicated.map((d) => `DUPLICATED ${d}`), ...check.wrong.map((w) => `WRONG ${w}`), ...check.unexplainedFailures.map((u) => `UNEXPLAINED ${u}`)].slice(0, 30)) {
        say(`${check.tenant}: ${line}`);
      }
    }
    const ok = figures.lost === 0 && figures.duplicated === 0 && figures.wrong === 0 && figures.unexplainedFailures === 0 && drainMs < 15_000;
    process.stdout.write(`\nCHAOS ${ok ? 'PASSED' : 'FAILED'}: seed ${SEED}, ${SECONDS} s of faults, ${figures.expectedRecords} records expected in QBO: ${figures.lost} lost, ${figures.duplicated} duplicated, ${figures.wrong} wrong, ${figures.failedChanges} failed changes (${figures.unexplainedFailures} unexplained), drain ${drainMs} ms after the faults stopped\n`);
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    if (!ok) {
      for (const [tenant, realmId] of run.realms) writeFileSync(join(run.dir, `requests-${tenant}.json`), JSON.stringify(await (await fetch(`${run.emulator.url}/__emulator/realms/${realmId}/requests`)).json(), null, 1));
      process.stdout.write(`logs kept in ${run.dir}\n`);
    }
    if (!ok) process.argv.push('--keep');
    return ok ? 0 : 1;
  } finally {
    await run.tearDown();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`chaos run failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
  },
);
