import { isTransientQboError, type QboError } from '../../domain/qbo/qbo-error';
import type { QboRef } from '../../domain/qbo/qbo-records';
import type { Result } from '../../domain/shared/result';
import type { Link } from '../../domain/sync/link';
import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { JobRecordKind, PendingBatch } from '../ports/job-store.port';
import type { LinkStore } from '../ports/link-store.port';
import type { QboBatchOperation, QboGateway } from '../ports/qbo-gateway.port';

export type BatchOutcome =
  | { readonly kind: 'settled'; readonly done: Readonly<Record<JobRecordKind, number>>; readonly failed: Readonly<Record<JobRecordKind, number>> }
  | { readonly kind: 'wait'; readonly reason: string };

export type Transmitted = { readonly kind: 'answered'; readonly results: readonly Result<QboRef, QboError>[] } | Extract<BatchOutcome, { kind: 'wait' }>;

const nameIn = (fields: object): string => String((fields as { displayName?: string; name?: string }).displayName ?? (fields as { name?: string }).name ?? '');

/**
 * Sends one written-down batch and stores what QBO answered: a link for each record created, an activity row for
 * each record created or refused. Sending the same batch again (after a crash) carries the same requestid, so QBO
 * replays its answer; records already linked then get no second activity row.
 */
export class BatchSender {
  constructor(
    private readonly gateway: QboGateway,
    private readonly links: LinkStore,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
  ) {}

  /** Sends the unit and stores what QBO answered (a resend after a crash, one unit at a time). */
  async send(tenantId: string, batch: PendingBatch, mode: 'batch' | 'singles' = 'batch'): Promise<BatchOutcome> {
    const answered = await this.transmit(tenantId, batch, mode);
    return answered.kind === 'wait' ? answered : this.store(tenantId, batch, answered.results, 'resent');
  }

  /**
   * Sends the unit: `singles`, each operation is its own request, all sent side by side (the gateway paces them
   * under QBO's limits). `wait` when every answer says to try later (nothing is then stored).
   */
  async transmit(tenantId: string, batch: PendingBatch, mode: 'batch' | 'singles'): Promise<Transmitted> {
    const results = mode === 'batch' ? await this.gateway.batch(tenantId, batch.operations) : await Promise.all(batch.operations.map((operation) => this.single(tenantId, operation)));
    const firstTransient = results.find((result) => !result.ok && isTransientQboError(result.error));
    if (firstTransient && !firstTransient.ok && results.every((result) => !result.ok && isTransientQboError(result.error))) {
      return { kind: 'wait', reason: firstTransient.error.message };
    }
    return { kind: 'answered', results };
  }

  /**
   * Stores QBO's answers to a sent unit, one per operation in order. Only a unit `resent` after a crash can hold
   * records linked already (by the run that died): a unit planned in this run was planned from unlinked records, and
   * the job holds the tenant lease, so nothing else links them meanwhile (one read fewer per unit).
   */
  async store(tenantId: string, batch: PendingBatch, results: readonly Result<QboRef, QboError>[], sent: 'planned' | 'resent'): Promise<Extract<BatchOutcome, { kind: 'settled' }>> {
    const linkedBefore = new Set<string>();
    if (sent === 'resent') for (const kind of ['customer', 'item'] as const) {
      const ids = batch.targets.filter((target) => target.kind === kind).map((target) => target.hostId);
      if (ids.length > 0) for (const id of (await this.links.getMany(tenantId, kind, ids)).keys()) linkedBefore.add(`${kind}:${id}`);
    }
    const done = { customer: 0, item: 0 };
    const failed = { customer: 0, item: 0 };
    const links: Link[] = [];
    const rows: Parameters<ActivityLog['record']>[0][] = [];
    const at = this.clock.now();
    batch.targets.forEach((target, index) => {
      const result = results[index]!;
      const operation = batch.operations[index]!;
      const entity = operation.operation === 'create' ? operation.draft.entity : operation.changes.entity;
      const name = nameIn(operation.operation === 'create' ? operation.draft.fields : operation.changes.fields);
      const base = { tenantId, at, action: 'create' as const, kind: target.kind, hostId: target.hostId, outboxId: null };
      if (result.ok) {
        done[target.kind] += 1;
        links.push({ kind: target.kind, hostId: target.hostId, qboEntity: entity, qboId: result.value.id, syncToken: result.value.syncToken, fingerprint: target.fingerprint, pushed: target.pushed, retired: false });
        if (linkedBefore.has(`${target.kind}:${target.hostId}`)) return;
        const renamed = target.nameChanges.length > 0 ? ` The name was changed for QuickBooks: ${target.nameChanges.join('; ')}.` : '';
        rows.push({ ...base, qboId: result.value.id, outcome: 'success', message: `Created ${target.kind} "${name}" in QuickBooks (${entity} ${result.value.id}).${renamed}` });
      } else {
        failed[target.kind] += 1;
        rows.push({
          ...base, qboId: null, outcome: 'failure',
          message: `QuickBooks refused to create ${target.kind} "${name}": ${result.error.message} Fix it in the app; it is sent again when it changes or when the sync is turned on again.`,
        });
      }
    });
    await this.links.saveMany(tenantId, links);
    if (rows.length > 0) await this.activity.recordMany(rows);
    return { kind: 'settled', done, failed };
  }

  private single(tenantId: string, operation: QboBatchOperation): Promise<Result<QboRef, QboError>> {
    return operation.operation === 'create'
      ? this.gateway.create(tenantId, operation.draft, operation.requestId)
      : this.gateway.update(tenantId, operation.ref, operation.changes, operation.requestId);
  }
}
