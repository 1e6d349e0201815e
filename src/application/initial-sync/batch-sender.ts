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

  /** `singles`: each operation is its own request, all sent side by side (the gateway paces them under QBO's limits). */
  async send(tenantId: string, batch: PendingBatch, mode: 'batch' | 'singles' = 'batch'): Promise<BatchOutcome> {
    const results = mode === 'batch' ? await this.gateway.batch(tenantId, batch.operations) : await Promise.all(batch.operations.map((operation) => this.single(tenantId, operation)));
    const firstTransient = results.find((result) => !result.ok && isTransientQboError(result.error));
    if (firstTransient && !firstTransient.ok && results.every((result) => !result.ok && isTransientQboError(result.error))) {
      return { kind: 'wait', reason: firstTransient.error.message };
    }
    const linkedBefore = new Set<string>();
    for (const kind of ['customer', 'item'] as const) {
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
