/**
 * The companies this process's lanes drive next (ADR 0073): read from the outbox only when every one read before has
 * been handed out, never one a lane here is driving. A company whose round settled nothing (another process holds it,
 * its rows are not due yet) rests for `restMs` before a read may hand it out again, so lanes never spin on it.
 */
/** How many polls a company another process holds rests (2 s at the default 250 ms: a round there takes about a second). */
const heldElsewhereRests = 8;

export class ReadyTenantQueue {
  private queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly driving = new Set<string>();
  private readonly resting = new Map<string, number>();
  private reading: Promise<number> | null = null;

  constructor(
    private readonly read: () => Promise<readonly string[]>,
    private readonly now: () => number,
    private readonly restMs: number,
  ) {}

  /** The next company for a lane, or null when none is ready (nothing queued, and a fresh read found none new). */
  async take(): Promise<string | null> {
    for (;;) {
      const tenant = this.queue.shift();
      if (tenant !== undefined) {
        this.queued.delete(tenant);
        this.driving.add(tenant);
        return tenant;
      }
      if ((await this.refill()) === 0 && this.queue.length === 0) return null;
    }
  }

  /**
   * The lane is done with the company; one whose round settled nothing rests before it is handed out again, and one
   * another process holds rests longer: that process drives it meanwhile, and asking for its lease at every poll was
   * most of the database's work in the three-process burst's tail.
   */
  done(tenant: string, settled: number, heldElsewhere = false): void {
    this.driving.delete(tenant);
    if (heldElsewhere) this.resting.set(tenant, this.now() + this.restMs * heldElsewhereRests);
    else if (settled === 0) this.resting.set(tenant, this.now() + this.restMs);
  }

  /** One read at a time, shared by every lane that found the queue empty; how many companies it queued. */
  private refill(): Promise<number> {
    this.reading ??= this.readOnce().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async readOnce(): Promise<number> {
    const ready = await this.read();
    const now = this.now();
    for (const [tenant, until] of this.resting) if (until <= now) this.resting.delete(tenant);
    let added = 0;
    for (const tenant of ready) {
      if (this.driving.has(tenant) || this.queued.has(tenant) || this.resting.has(tenant)) continue;
      this.queue.push(tenant);
      this.queued.add(tenant);
      added += 1;
    }
    return added;
  }
}
