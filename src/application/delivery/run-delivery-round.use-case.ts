import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { ClaimedChange, OutboxStore } from '../ports/outbox-store.port';
import type { RandomSource } from '../ports/random-source.port';
import type { TenantSettings } from '../ports/settings-store.port';
import type { TenantLease } from '../ports/tenant-lease.port';
import { silentTelemetry, type Telemetry } from '../ports/telemetry.port';
import type { DeliveryOutcome } from './delivery-outcome';
import { messageOf, type DeliveryPass } from './delivery-pass';
import { backoffMs, type DeliveryPolicy } from './delivery-policy';
import { ClaimExtensions } from './claim-extensions';
import { HeldLease } from './held-lease';
import type { LeaseBeat } from './lease-beat';
import type { TenantReadiness } from './tenant-readiness';

export namespace RunDeliveryRound {
  export interface Output {
    /** Rows this round settled (delivered, retried or failed); held rows do not count. */
    readonly settled: number;
    /** False when another worker holds the tenant. */
    readonly leased: boolean;
  }
}

type Settled = Exclude<DeliveryOutcome, { kind: 'held' }>;

/** Never turned on since the tenant's last fresh start: no sync window, no initial sync yet. */
const neverTurnedOn = (settings: TenantSettings): boolean => !settings.syncEnabled && settings.enabledAt === null;

/**
 * One worker's turn at one tenant: take the tenant's lease (one worker per QBO company keeps per-record order
 * and the realm's limits true across instances), read the settings and connection once, claim rows in order,
 * deliver them in one pass, settle each row. A tenant on hold (sync off, connection needing attention) is not
 * claimed at all: its rows are postponed as a whole, without spending attempts and without changing their order.
 * A tenant whose sync was never turned on has its rows expired instead (they would otherwise wait forever).
 */
export class RunDeliveryRound {
  /** The claimed rows' extensions of every round of this process, one write per beat (ADR 0086). */
  private readonly extensions: ClaimExtensions;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly lease: TenantLease,
    private readonly readiness: TenantReadiness,
    private readonly pass: DeliveryPass,
    private readonly policy: DeliveryPolicy,
    private readonly clock: Clock,
    private readonly random: RandomSource,
    private readonly activity: ActivityLog,
    private readonly logger: Logger,
    private readonly telemetry: Telemetry = silentTelemetry,
    /** The process's one heartbeat for every company its rounds hold (ADR 0082); without it each lease beats alone. */
    private readonly beat?: LeaseBeat,
  ) {
    this.extensions = new ClaimExtensions(outbox);
  }

  async execute(tenantId: string, workerId: string): Promise<RunDeliveryRound.Output> {
    const lease = await HeldLease.take(this.lease, this.clock, tenantId, workerId, this.policy.leaseMs, this.beat);
    if (!lease) return { settled: 0, leased: false };
    try {
      const { settings, holdReason } = await this.readiness.check(tenantId);
      if (neverTurnedOn(settings)) return { settled: await this.expire(tenantId), leased: true };
      if (holdReason !== null) {
        await this.outbox.postpone(tenantId, this.clock.now() + this.policy.holdMs);
        return { settled: 0, leased: true };
      }
      const claimedAt = this.clock.now();
      const claimed = await this.outbox.claim(tenantId, this.policy.batchSize, claimedAt, this.policy.leaseMs);
      if (claimed.length === 0) return { settled: 0, leased: true };
      // The heartbeat keeps the claimed rows with the tenant: neither runs out while this round waits on QBO.
      const attemptToken = claimed[0]!.attemptToken;
      lease.renewAlongside((until) => this.extensions.extend(tenantId, attemptToken, until), claimedAt + this.policy.leaseMs);
      const outcomes = await this.pass.run(tenantId, settings, claimed, async () => lease.held());
      lease.renewAlongside(null);
      const settled = await this.settleAll(claimed, outcomes);
      for (const row of claimed) this.measure(row, outcomes.get(row));
      const held = claimed.filter((row) => outcomes.get(row)?.kind === 'held');
      if (held.length > 0) await this.holdAll(tenantId, held);
      return { settled, leased: true };
    } finally {
      await lease.release();
    }
  }

  /**
   * Changes of a tenant whose sync was never turned on (never connected, never Save & Sync, or its links reset) have
   * nothing to wait for: the first sync reads every customer and item itself, and money dated before it is never sent
   * (ADR 0031). They are settled as done, a batch a round, with no attempt spent and nothing written to QBO or the log.
   */
  private async expire(tenantId: string): Promise<number> {
    const claimed = await this.outbox.claim(tenantId, this.policy.batchSize, this.clock.now(), this.policy.leaseMs);
    return claimed.length === 0 ? 0 : this.outbox.completeMany(claimed.map(({ id, attemptToken }) => ({ id, attemptToken })), this.clock.now());
  }

  /** Delivered rows are marked done in one write; the few others one by one. Rows the pass did not reach stay claimed. */
  private async settleAll(claimed: readonly ClaimedChange[], outcomes: ReadonlyMap<ClaimedChange, DeliveryOutcome>): Promise<number> {
    const delivered = claimed.filter((row) => outcomes.get(row)?.kind === 'delivered');
    let settled = 0;
    try {
      await this.outbox.completeMany(delivered.map(({ id, attemptToken }) => ({ id, attemptToken })), this.clock.now());
      settled += delivered.length;
    } catch (error) {
      this.logger.error({ tenantId: claimed[0]?.tenantId, rows: delivered.length, error: messageOf(error) }, 'could not mark a batch of changes done; they are taken again when their lease runs out');
    }
    for (const row of claimed) {
      const outcome = outcomes.get(row);
      if (outcome && outcome.kind !== 'delivered' && outcome.kind !== 'held' && (await this.settleSafely(row, outcome))) settled += 1;
    }
    return settled;
  }

  private async settleSafely(change: ClaimedChange, outcome: Settled): Promise<boolean> {
    try {
      await this.settle(change, outcome);
      return true;
    } catch (error) {
      // The row stays claimed; once its lease runs out another round takes it again.
      this.logger.error({ tenantId: change.tenantId, outboxId: change.id, error: messageOf(error) }, 'could not store the outcome of one change; it is taken again when its lease runs out');
      return false;
    }
  }

  /** The connection broke mid-round: every row still held goes back untouched, in order, and the tenant waits. */
  private async holdAll(tenantId: string, rows: readonly ClaimedChange[]): Promise<void> {
    const until = this.clock.now() + this.policy.holdMs;
    for (const row of rows) await this.outbox.release(row.id, row.attemptToken, until);
    await this.outbox.postpone(tenantId, until);
  }

  private async settle(change: ClaimedChange, outcome: Settled): Promise<void> {
    const now = this.clock.now();
    switch (outcome.kind) {
      case 'delivered':
        await this.outbox.complete(change.id, change.attemptToken, now);
        return;
      case 'retry':
        if (change.attempt >= this.policy.maxAttempts) {
          const reason = `${outcome.reason} Gave up after ${change.attempt} attempts; retry it from the activity log.`;
          const gaveUp = await this.outbox.fail(change.id, change.attemptToken, reason, now);
          await this.activity.record({ tenantId: change.tenantId, at: now, action: 'retry', kind: change.kind, hostId: change.hostId, qboId: null, outcome: 'failure', message: reason, outboxId: change.id });
          if (gaveUp) this.failed(change, reason);
        } else {
          await this.outbox.retryLater(change.id, change.attemptToken, now + backoffMs(this.policy, change.attempt, this.random.next()), outcome.reason);
        }
        return;
      case 'failed':
        if (await this.outbox.fail(change.id, change.attemptToken, outcome.reason, now)) this.failed(change, outcome.reason);
        return;
    }
  }

  /** Rows the pass did not reach (the lease was lost) are not counted: they end another round. */
  private measure(row: ClaimedChange, outcome: DeliveryOutcome | undefined): void {
    if (outcome) this.telemetry.deliverySettled(row.kind, outcome.kind === 'retry' && row.attempt >= this.policy.maxAttempts ? 'failed' : outcome.kind);
  }

  private failed(change: ClaimedChange, reason: string): void {
    this.telemetry.event({ type: 'delivery.failed', tenantId: change.tenantId, at: this.clock.now(), kind: change.kind, hostId: change.hostId, attempts: change.attempt, reason });
  }
}
