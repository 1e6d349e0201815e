import type { Clock } from '../../application/ports/clock.port';
import type { Logger } from '../../application/ports/logger.port';
import type { OutboxStore } from '../../application/ports/outbox-store.port';
import type { TenantLease } from '../../application/ports/tenant-lease.port';
import type { RunDeliveryRound } from '../../application/delivery/run-delivery-round.use-case';
import type { SweepChanges } from '../../application/delivery/sweep-changes.use-case';
import { ReadyTenantQueue } from './ready-tenant-queue';

const keepDoneMs = 7 * 24 * 60 * 60_000;
const purgeEveryMs = 10 * 60_000;
const purgeChunk = 1_000;
/** A bounded pass: a huge backlog of old rows is worked off over several passes, never in one long pause. */
const purgeChunksPerPass = 20;
/** How every delivery worker's lease owner begins: the lanes are shared among these owners, not an initial sync's or an import's (ADR 0087). */
export const deliveryWorkerOwnerPrefix = 'worker-';
/** Companies one read of the outbox hands to the lanes (and one `drainOnce` pass looks at). */
const readyTenantsPerPass = 1_000;

export interface DeliveryWorkerOptions {
  /** How often the outbox is polled for work signalled by other instances. */
  readonly pollMs: number;
  /**
   * Companies driven at the same time by this process (each holds one round's rows and one database connection at a
   * time) when it is the only worker; with others driving companies it runs its share of them (ADR 0087).
   */
  readonly tenantConcurrency: number;
  readonly workerId: string;
  /** How often this process sweeps for changes the host never signalled; 0 turns the sweep off. */
  readonly sweepMs: number;
}

/** Whether this process's loop is alive, for health checks. */
export interface WorkerHeartbeat {
  readonly running: boolean;
  /** When the loop last finished a round (ms since the epoch), or null before its first. */
  readonly lastRoundAt: number | null;
  /** When the loop was started, or null when it is not running. */
  readonly startedAt: number | null;
}

/**
 * The lanes that drain the outbox in this process (ADR 0073): `tenantConcurrency` of them, each driving one company's
 * round at a time and taking the next ready company as soon as it is free, never waiting for the others' rounds.
 * Idle lanes wait for the poll, or wake at once on an in-process notify. Each tenant's lease keeps one worker per QBO
 * company across all instances.
 */
export class DeliveryWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private idling: Promise<void> | null = null;
  private wokenEarly = false;
  private lastSweep = Number.NEGATIVE_INFINITY;
  private sweeping: Promise<void> | null = null;
  private lastPurge = Number.NEGATIVE_INFINITY;
  private lastRoundAt: number | null = null;
  private startedAt: number | null = null;
  /** The lanes that take companies: all of them alone, a share beside other workers (ADR 0087). */
  private activeLanes: number;
  /** Lanes beyond the share wait here until it grows or the worker stops. */
  private moreLanes = openable();

  constructor(
    private readonly outbox: OutboxStore,
    private readonly runRound: RunDeliveryRound,
    private readonly sweep: SweepChanges,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: DeliveryWorkerOptions,
    /** Which companies other workers hold, so lanes leave them to those workers (ADR 0076). */
    private readonly leases: Pick<TenantLease, 'heldByOthers' | 'othersHolding'> = {},
  ) {
    this.activeLanes = options.tenantConcurrency;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = this.clock.now();
    // A restart begins with every lane and a share gate not yet opened (stop opened the last one).
    this.activeLanes = this.options.tenantConcurrency;
    this.moreLanes = openable();
    this.loop = this.run();
  }

  /** New work was signalled in this process: look now instead of at the next poll. */
  wake(): void {
    // With no lane idle, the next lane to find nothing looks once more instead of idling: a read in flight may have missed the row.
    if (this.idling) this.wakeUp?.();
    else this.wokenEarly = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    this.moreLanes.open();
    await this.loop;
    await this.sweeping;
    await this.outbox.backgroundWorkSettled?.();
    this.loop = null;
    this.startedAt = null;
  }

  heartbeat(): WorkerHeartbeat {
    return { running: this.running, lastRoundAt: this.lastRoundAt, startedAt: this.startedAt };
  }

  /**
   * One pass over every tenant with ready rows, for `plugin.deliverPending()`; returns how many rows were settled. Up
   * to `tenantConcurrency` companies run at once, each that finishes handing its place to the next. The running
   * worker does not use passes: its lanes (`run`) never wait for a pass's slowest company.
   */
  async drainOnce(): Promise<number> {
    const tenants = await this.outbox.readyTenants(this.clock.now(), readyTenantsPerPass);
    let settled = 0;
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < tenants.length) {
        const tenant = tenants[next] as string;
        next += 1;
        settled += (await this.roundFor(tenant)).settled;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.tenantConcurrency, tenants.length) }, lane));
    await this.outbox.backgroundWorkSettled?.();
    return settled;
  }

  /** One tenant's round; its failure is logged with the tenant and never stops the other tenants' rounds. */
  private roundFor(tenantId: string): Promise<{ settled: number; leased: boolean }> {
    return this.runRound.execute(tenantId, this.options.workerId).catch((error: unknown) => {
      this.logger.error({ tenantId, error: error instanceof Error ? error.message : String(error) }, "a company's delivery round failed; its changes are tried again shortly");
      return { settled: 0, leased: true };
    });
  }

  private async run(): Promise<void> {
    const tenants = new ReadyTenantQueue(() => this.readReady(), () => this.clock.now(), this.options.pollMs);
    await Promise.all(Array.from({ length: this.options.tenantConcurrency }, (_, index) => this.lane(tenants, index)));
  }

  /**
   * One company at a time, the next as soon as this one's round ends; idle until a notify or the poll when none is
   * ready, and out of the share (`index` at or past it) until the share grows.
   */
  private async lane(tenants: ReadyTenantQueue, index: number): Promise<void> {
    while (this.running) {
      if (index >= this.activeLanes) {
        await this.moreLanes.opened;
        continue;
      }
      const tenant = await tenants.take();
      if (tenant === null) {
        await this.idle();
        continue;
      }
      const { settled, leased } = await this.roundFor(tenant);
      tenants.done(tenant, settled, !leased);
      this.lastRoundAt = this.clock.now();
    }
  }

  /** The companies with ready rows, the sweep and the purge started when due; a failed read is logged once and reads as none. */
  private async readReady(): Promise<readonly string[]> {
    try {
      this.sweepWhenDue();
      await this.purgeWhenDue();
      const ready = await this.notHeldElsewhere(await this.outbox.readyTenants(this.clock.now(), readyTenantsPerPass));
      if (ready.length > 0) await this.shareLanes();
      return ready;
    } catch (error) {
      this.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'delivery round failed; trying again shortly');
      return [];
    } finally {
      this.lastRoundAt = this.clock.now();
    }
  }

  /**
   * The ready companies less those another worker holds (ADR 0076): that worker drives them meanwhile, and asking
   * for their leases was most of the lease work in the three-process burst. A failed read leaves the list whole: the
   * leases still decide who drives a company.
   */
  private async notHeldElsewhere(ready: readonly string[]): Promise<readonly string[]> {
    if (ready.length === 0 || !this.leases.heldByOthers) return ready;
    try {
      const held = await this.leases.heldByOthers(this.options.workerId, this.clock.now());
      return held.size === 0 ? ready : ready.filter((tenant) => !held.has(tenant));
    } catch (error) {
      this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'could not read which companies other workers hold; asking for each lease instead');
      return ready;
    }
  }

  /**
   * This process's share of its lanes beside the other workers driving companies (ADR 0087): on two cores, three
   * processes of 128 lanes each drained the month-end burst later than three of 43. A failed read keeps the share.
   */
  private async shareLanes(): Promise<void> {
    if (!this.leases.othersHolding) return;
    try {
      const others = await this.leases.othersHolding(this.options.workerId, this.clock.now(), deliveryWorkerOwnerPrefix);
      const share = Math.ceil(this.options.tenantConcurrency / (others + 1));
      if (share > this.activeLanes) {
        this.moreLanes.open();
        this.moreLanes = openable();
      }
      this.activeLanes = share;
    } catch (error) {
      this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'could not read how many other workers drive companies; keeping the lanes as they were');
    }
  }

  /** Every idle lane waits on the same pause; a notify (or stop) ends it for all of them. */
  private idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.wokenEarly) {
      this.wokenEarly = false;
      return Promise.resolve();
    }
    this.idling ??= this.pause(this.options.pollMs).finally(() => {
      this.idling = null;
    });
    return this.idling;
  }

  /**
   * Starts the sweep when it is due, beside the deliveries: a process's first sweep reads every record of every
   * company, and the chaos run saw three restarted workers deliver nothing for 18 s while each swept first. A sweep
   * that fails is logged and runs again at its next turn.
   */
  private sweepWhenDue(): void {
    if (this.sweeping || this.options.sweepMs <= 0 || this.clock.now() - this.lastSweep < this.options.sweepMs) return;
    this.lastSweep = this.clock.now();
    this.sweeping = this.sweep.execute().then(
      (swept) => {
        if (swept.enqueued > 0) this.logger.info({ enqueued: swept.enqueued, tenants: swept.tenants }, 'the sweep found host changes that were never signalled; they are queued');
      },
      (error: unknown) => this.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'the sweep failed; it runs again at its next turn'),
    ).finally(() => {
      this.sweeping = null;
    });
  }

  /** Done rows are kept a week (to explain what happened), then deleted a chunk at a time so the table stays small. */
  private async purgeWhenDue(): Promise<void> {
    if (this.clock.now() - this.lastPurge < purgeEveryMs) return;
    this.lastPurge = this.clock.now();
    let purged = 0;
    for (let chunk = 0; chunk < purgeChunksPerPass; chunk += 1) {
      const deleted = await this.outbox.purgeDone(this.clock.now() - keepDoneMs, purgeChunk);
      purged += deleted;
      if (deleted < purgeChunk) break;
    }
    if (purged > 0) this.logger.info({ purged }, 'deleted outbox rows delivered more than a week ago');
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}

/** A promise the worker resolves when it chooses, for lanes waiting on the share. */
const openable = (): { readonly opened: Promise<void>; open(): void } => {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};
