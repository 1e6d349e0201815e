import type { BatchDelivery, BatchResult } from './batch-delivery';
import type { DeliveryOutcome } from './delivery-outcome';
import { backoffMs, type DeliveryPolicy } from './delivery-policy';
import type { TenantReadiness } from './tenant-readiness';
import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { ClaimedChange, OutboxStore } from '../ports/outbox-store.port';
import type { RandomSource } from '../ports/random-source.port';
import type { SettingsStore } from '../ports/settings-store.port';
import type { TenantLease } from '../ports/tenant-lease.port';
import type { DeliverChange } from './deliver-change.use-case';

export namespace RunDeliveryRound {
  export interface Output {
    /** Rows this round settled (delivered, retried or failed); held rows do not count. */
    readonly settled: number;
    /** False when another worker holds the tenant. */
    readonly leased: boolean;
  }
}

/**
 * One worker's turn at one tenant: take the tenant's lease (one worker per QBO company keeps per-record order
 * and the realm's limits true across instances), claim a batch in order, deliver each row, settle it. A tenant
 * on hold (sync off, connection needing attention) is not claimed at all: its rows are postponed as a whole,
 * without spending attempts and without changing their order.
 */
export class RunDeliveryRound {
  constructor(
    private readonly outbox: OutboxStore,
    private readonly lease: TenantLease,
    private readonly readiness: TenantReadiness,
    private readonly deliverChange: DeliverChange,
    private readonly policy: DeliveryPolicy,
    private readonly clock: Clock,
    private readonly random: RandomSource,
    private readonly activity: ActivityLog,
    private readonly logger: Logger,
    private readonly batch: BatchDelivery,
    private readonly settings: SettingsStore,
  ) {}

  async execute(tenantId: string, workerId: string): Promise<RunDeliveryRound.Output> {
    const token = await this.lease.acquire(tenantId, workerId, this.clock.now(), this.policy.leaseMs);
    if (!token) return { settled: 0, leased: false };
    try {
      if ((await this.readiness.holdReason(tenantId)) !== null) {
        await this.outbox.postpone(tenantId, this.clock.now() + this.policy.holdMs);
        return { settled: 0, leased: true };
      }
      const claimed = await this.outbox.claim(tenantId, this.policy.batchSize, this.clock.now(), this.policy.leaseMs);
      if (claimed.length === 0) return { settled: 0, leased: true };
      const together = await this.deliverTogether(tenantId, claimed);
      const held = claimed.filter((row) => together.outcomes.get(row.id)?.kind === 'held');
      let settled = await this.settleTogether(claimed, together.outcomes);
      if (held.length > 0) {
        await this.holdAll(tenantId, [...held, ...together.rest]);
        return { settled, leased: true };
      }
      if (!(await this.lease.renew(tenantId, token, this.clock.now(), this.policy.leaseMs))) return { settled, leased: true };
      const rest = together.rest;
      for (const [index, change] of rest.entries()) {
        const outcome = await this.deliverOne(change);
        if (outcome.kind === 'held') {
          // The connection broke mid-batch: every row still held goes back untouched, in order.
          await this.holdAll(tenantId, rest.slice(index));
          break;
        }
        if (await this.settleSafely(change, outcome)) settled += 1;
        if (!(await this.lease.renew(tenantId, token, this.clock.now(), this.policy.leaseMs))) break;
      }
      return { settled, leased: true };
    } finally {
      await this.lease.release(tenantId, token);
    }
  }

  /** The batch path; should it throw, every row goes one by one instead, where each one is caught on its own. */
  private async deliverTogether(tenantId: string, claimed: readonly ClaimedChange[]): Promise<BatchResult> {
    try {
      return await this.batch.deliver(tenantId, claimed, await this.settings.get(tenantId));
    } catch (error) {
      this.logger.error({ tenantId, rows: claimed.length, error: messageOf(error) }, 'delivering a batch failed unexpectedly; its changes go one by one');
      return { outcomes: new Map(), rest: claimed };
    }
  }

  /** Delivered rows are marked done in one write; the few others one by one. */
  private async settleTogether(claimed: readonly ClaimedChange[], outcomes: ReadonlyMap<string, DeliveryOutcome>): Promise<number> {
    const delivered = claimed.filter((row) => outcomes.get(row.id)?.kind === 'delivered');
    let settled = 0;
    try {
      await this.outbox.completeMany(delivered.map(({ id, attemptToken }) => ({ id, attemptToken })), this.clock.now());
      settled += delivered.length;
    } catch (error) {
      this.logger.error({ rows: delivered.length, error: messageOf(error) }, 'could not mark a batch of changes done; they are taken again when their lease runs out');
    }
    for (const row of claimed) {
      const outcome = outcomes.get(row.id);
      if (outcome && outcome.kind !== 'delivered' && outcome.kind !== 'held' && (await this.settleSafely(row, outcome))) settled += 1;
    }
    return settled;
  }

  /** A row that throws (a bug, a database hiccup) is retried later with backoff; it never stops the rest of the round. */
  private async deliverOne(change: ClaimedChange): Promise<DeliveryOutcome> {
    try {
      return await this.deliverChange.execute({ tenantId: change.tenantId, kind: change.kind, hostId: change.hostId, outboxId: change.id });
    } catch (error) {
      const what = messageOf(error);
      this.logger.error({ tenantId: change.tenantId, outboxId: change.id, kind: change.kind, hostId: change.hostId, error: what }, 'delivering one change failed unexpectedly; it is retried later');
      return { kind: 'retry', reason: `An unexpected error stopped this change (${what}); it is tried again later.` };
    }
  }

  private async settleSafely(change: ClaimedChange, outcome: Exclude<DeliveryOutcome, { kind: 'held' }>): Promise<boolean> {
    try {
      await this.settle(change, outcome);
      return true;
    } catch (error) {
      // The row stays claimed; once its lease runs out another round takes it again.
      this.logger.error({ tenantId: change.tenantId, outboxId: change.id, error: messageOf(error) }, 'could not store the outcome of one change; it is taken again when its lease runs out');
      return false;
    }
  }

  private async holdAll(tenantId: string, rows: readonly ClaimedChange[]): Promise<void> {
    const until = this.clock.now() + this.policy.holdMs;
    for (const row of rows) await this.outbox.release(row.id, row.attemptToken, until);
    await this.outbox.postpone(tenantId, until);
  }

  private async settle(change: ClaimedChange, outcome: Exclude<DeliveryOutcome, { kind: 'held' }>): Promise<void> {
    const now = this.clock.now();
    switch (outcome.kind) {
      case 'delivered':
        await this.outbox.complete(change.id, change.attemptToken, now);
        return;
      case 'retry':
        if (change.attempt >= this.policy.maxAttempts) {
          const reason = `${outcome.reason} Gave up after ${change.attempt} attempts; retry it from the activity log.`;
          await this.outbox.fail(change.id, change.attemptToken, reason, now);
          await this.activity.record({ tenantId: change.tenantId, at: now, action: 'retry', kind: change.kind, hostId: change.hostId, qboId: null, outcome: 'failure', message: reason, outboxId: change.id });
        } else {
          await this.outbox.retryLater(change.id, change.attemptToken, now + backoffMs(this.policy, change.attempt, this.random.next()), outcome.reason);
        }
        return;
      case 'failed':
        await this.outbox.fail(change.id, change.attemptToken, outcome.reason, now);
        return;
    }
  }
}

/** Only the first line, kept short: enough to act on, never a dump of what the error carried. */
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
