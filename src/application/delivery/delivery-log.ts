import type { HostRecordKind } from '../../domain/host/host-records';
import type { QboRef } from '../../domain/qbo/qbo-records';
import type { SyncDecision } from '../../domain/sync/sync-decision';
import { updateWords } from '../../domain/sync/update-words';
import type { ActivityAction, ActivityLog, ActivityOutcome } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';

export interface RecordAddress {
  readonly tenantId: string;
  readonly kind: HostRecordKind;
  readonly hostId: string;
  readonly outboxId: string | null;
}

/** One activity row per action the delivery took. */
export const logDelivery = async (
  activity: ActivityLog,
  clock: Clock,
  record: RecordAddress,
  action: ActivityAction,
  qboId: string | null,
  outcome: ActivityOutcome,
  message: string,
): Promise<void> => {
  await activity.record({ tenantId: record.tenantId, at: clock.now(), action, kind: record.kind, hostId: record.hostId, qboId, outcome, message, outboxId: record.outboxId });
};

/** A decision that writes to QBO. */
export type Write = Extract<SyncDecision, { kind: 'create' | 'update' | 'delete' | 'void' }>;

/**
 * `what` names the record as the host shows it (`wordsOf` in record-state.ts), never by its id; `before` is what was
 * pushed last (the link's), so an update says old → new.
 */
export const successMessage = (what: string, decision: Write, ref: QboRef | null, before: Readonly<Record<string, unknown>> | null = null, currency: string | null = null): string => {
  switch (decision.kind) {
    case 'create':
      return `Created ${what} in QuickBooks (${decision.draft.entity} ${ref?.id}).`;
    case 'update':
      return updateWords(what, before, decision.changes.fields as Readonly<Record<string, unknown>>, currency);
    case 'delete':
      return `Deleted ${what} in QuickBooks.`;
    case 'void':
      return `Voided ${what} in QuickBooks.`;
  }
};
