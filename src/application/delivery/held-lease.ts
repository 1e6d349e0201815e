import type { Clock } from '../ports/clock.port';
import type { TenantLease } from '../ports/tenant-lease.port';
import type { BeatingLease, LeaseBeat } from './lease-beat';

/** What else lives as long as the lease (the rows a round claimed): extended with it, to the same end. */
export type RenewAlongside = (until: number) => Promise<unknown>;

/**
 * A tenant lease kept alive by a heartbeat (docs/adr/0060): renewed every third of its length in the background,
 * so leases can be short (a dead worker's companies move on within seconds) however long one round waits on QBO.
 * `held()` is the holder's own, conservative view: true only until a quarter-lease before the end of the last
 * renewal that went through, counted from when that renewal was SENT. A holder that cannot renew (its database is
 * away, its process was frozen) stops starting QBO requests before anyone else can take the company over. Given the
 * process's `LeaseBeat`, the lease is renewed with every other lease the process holds, in one write (ADR 0082).
 */
export class HeldLease implements BeatingLease {
  private validUntil: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private renewing: Promise<void> | null = null;
  private lost = false;
  /** Released, or found lost: no more renewals. */
  private stopped = false;
  private alongside: RenewAlongside | null = null;
  /** Where what lives alongside runs out, as of its last extension that went through. */
  private alongsideUntil = Number.NEGATIVE_INFINITY;

  private constructor(
    private readonly lease: TenantLease,
    private readonly clock: Clock,
    readonly tenantId: string,
    readonly token: string,
    private readonly leaseMs: number,
    takenAt: number,
    private readonly beat: LeaseBeat | null,
  ) {
    this.validUntil = takenAt + this.safeMs();
    if (beat) {
      beat.join(this);
    } else {
      this.timer = setInterval(() => void this.renew(), this.beatMs());
      this.timer.unref?.();
    }
  }

  /** The lease, or null when another worker holds the tenant; with `beat`, renewed by it (its lease length is used). */
  static async take(lease: TenantLease, clock: Clock, tenantId: string, owner: string, leaseMs: number, beat?: LeaseBeat): Promise<HeldLease | null> {
    const sentAt = clock.now();
    const length = beat?.leaseMs ?? leaseMs;
    const token = await lease.acquire(tenantId, owner, sentAt, length);
    return token === null ? null : new HeldLease(lease, clock, tenantId, token, length, sentAt, beat ?? null);
  }

  /**
   * From now on the heartbeat also extends this (the rows claimed under the lease, which run out at `until`), every
   * other beat rather than every beat (ADR 0081): only once it would run out within one and a half beats.
   */
  renewAlongside(renew: RenewAlongside | null, until = Number.NEGATIVE_INFINITY): void {
    this.alongside = renew;
    this.alongsideUntil = until;
  }

  held(): boolean {
    return !this.lost && this.clock.now() < this.validUntil;
  }

  /** Renews now (the heartbeat also does, on its own); false once the lease is lost. */
  async keep(): Promise<boolean> {
    await this.renew();
    return this.held();
  }

  /** Stops the heartbeat and frees the tenant for the next worker at once. */
  async release(): Promise<void> {
    this.stopBeating();
    await this.renewing?.catch(() => undefined);
    await this.lease.release(this.tenantId, this.token);
  }

  /** The process's beat renewed this lease (or found it taken over) with a write sent at `sentAt`. */
  renewed(sentAt: number, kept: boolean): void {
    if (this.lost || this.stopped) return;
    if (!kept) return this.lose();
    this.validUntil = Math.max(this.validUntil, sentAt + this.safeMs());
    this.renewing ??= this.extendAlongside(sentAt)
      .catch(() => undefined)
      .finally(() => {
        this.renewing = null;
      });
  }

  private renew(): Promise<void> {
    if (this.lost || this.stopped) return Promise.resolve();
    this.renewing ??= this.renewOnce().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private async renewOnce(): Promise<void> {
    const sentAt = this.clock.now();
    try {
      if (!(await this.lease.renew(this.tenantId, this.token, sentAt, this.leaseMs))) return this.lose();
      this.validUntil = Math.max(this.validUntil, sentAt + this.safeMs());
      await this.extendAlongside(sentAt);
    } catch {
      // The database did not answer: the lease runs out on its own unless a later beat gets through.
    }
  }

  private lose(): void {
    this.lost = true;
    this.stopBeating();
  }

  /** Each extension is a transaction of the store's; one that still has 1.5 beats to run waits for a later beat. */
  private async extendAlongside(sentAt: number): Promise<void> {
    const alongside = this.alongside;
    if (alongside === null || this.alongsideUntil - sentAt >= (this.beatMs() * 3) / 2) return;
    const until = sentAt + this.leaseMs;
    await alongside(until);
    if (this.alongside === alongside) this.alongsideUntil = Math.max(this.alongsideUntil, until);
  }

  private beatMs(): number {
    return Math.max(50, Math.floor(this.leaseMs / 3));
  }

  private safeMs(): number {
    return this.leaseMs - Math.ceil(this.leaseMs / 4);
  }

  private stopBeating(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.beat?.leave(this);
    this.stopped = true;
  }
}
