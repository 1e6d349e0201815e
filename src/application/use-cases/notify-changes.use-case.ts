import { err, ok, type Result } from '../../domain/shared/result';
import { applicationError, type ApplicationError } from '../application-error';
import type { OutboxChange, OutboxStore } from '../ports/outbox-store.port';

const kinds = new Set(['customer', 'item', 'invoice', 'payment', 'refund', 'payout']);

/**
 * The host's signal that a record changed, written into the outbox inside the host's own transaction:
 * the change and its signal commit or roll back together.
 */
export class NotifyChanges {
  constructor(private readonly outbox: OutboxStore) {}

  async execute(changes: readonly OutboxChange[], transaction?: unknown): Promise<Result<void, ApplicationError>> {
    for (const change of changes) {
      const problem = describeProblem(change);
      if (problem) return err(applicationError('InvalidInput', 'invalid_change', `notify() got ${JSON.stringify(change)}: ${problem}`));
    }
    await this.outbox.enqueue(changes.map(({ tenantId, kind, hostId }) => ({ tenantId: String(tenantId), kind, hostId: String(hostId) })), transaction);
    return ok(undefined);
  }
}

const describeProblem = (change: OutboxChange): string | null => {
  if (change === null || typeof change !== 'object') return 'a change must be an object { tenantId, kind, id }.';
  if (!kinds.has(change.kind)) return `kind must be one of ${[...kinds].join(', ')}.`;
  if (!isKey(change.tenantId)) return 'tenantId must be a non-empty string or number.';
  if (!isKey(change.hostId)) return 'id must be a non-empty string or number.';
  return null;
};

const isKey = (value: unknown): boolean =>
  (typeof value === 'string' && value.trim() !== '' && value.length <= 191) || (typeof value === 'number' && Number.isSafeInteger(value));
