import type { Clock } from '../ports/clock.port';
import type { HeldToken, TenantLease } from '../ports/tenant-lease.port';

/** A lease kept by the beat: told after each beat whether its renewal, sent at `sentAt`, went through. */
export interface BeatingLease extends HeldToken {
  renewed(sentAt: number, kept: boolean): void;
}

/**
 * One heartbeat for every lease a process's rounds hold (ADR 0082): every third of a lease it renews them all in one
 * write (`TenantLease.renewMany`), where each lease renewing itself cost one write per company per beat. In the
 * three-process month-end burst that was 16,485 statements, a number that grows with processes × lanes × how long a
 * round lasts; the beat's grows with processes only. It runs only while some lease is kept.
 */
export class LeaseBeat {
  private readonly kept = new Set<BeatingLease>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private beating = false;

  constructor(
    private readonly lease: TenantLease,
    private readonly clock: Clock,
    readonly leaseMs: number,
  ) {}

  join(lease: BeatingLease): void {
    this.kept.add(lease);
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.beat(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.timer.unref?.();
  }

  leave(lease: BeatingLease): void {
    this.kept.delete(lease);
    if (this.kept.size > 0 || this.timer === null) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  /** A beat still waiting on the database lets the next one pass: the leases it renews are the same. */
  private async beat(): Promise<void> {
    if (this.beating || this.kept.size === 0) return;
    this.beating = true;
    const leases = [...this.kept];
    const sentAt = this.clock.now();
    try {
      const kept = await this.renewAll(leases, sentAt);
      for (const lease of leases) if (this.kept.has(lease)) lease.renewed(sentAt, kept.has(lease.token));
    } catch {
      // The database did not answer: each lease runs out on its own unless a later beat gets through.
    } finally {
      this.beating = false;
    }
  }

  private async renewAll(leases: readonly BeatingLease[], sentAt: number): Promise<ReadonlySet<string>> {
    const held = leases.map(({ tenantId, token }) => ({ tenantId, token }));
    if (this.lease.renewMany) return this.lease.renewMany(held, sentAt, this.leaseMs);
    const renewed = await Promise.all(held.map(async (lease) => ((await this.lease.renew(lease.tenantId, lease.token, sentAt, this.leaseMs)) ? lease.token : null)));
    return new Set(renewed.filter((token): token is string => token !== null));
  }
}
