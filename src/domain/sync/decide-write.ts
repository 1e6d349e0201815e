/**
 * `decideWrite(...)`: the create / update / nothing step every kind shares. The fingerprint covers exactly the
 * host-owned fields; a create sends them plus what is set once (income or deposit account), an update sends only
 * the host-owned fields that differ from what was pushed last. Request ids carry the SyncToken of an update, so a
 * retry after a stale-object refusal is a new request, while a retry of the same write reuses its id.
 */
import type { HostRecordKind } from '../host/host-records';
import type { QboChanges, QboDraft, QboTransactionEntity, QboWritableEntity } from '../qbo/qbo-records';
import { changedFields } from './changed-fields';
import { fingerprintOf } from './fingerprint';
import type { Link } from './link';
import { requestIdFor } from './request-id';
import type { SyncDecision, SyncDependency } from './sync-decision';

export interface WriteIntent {
  readonly tenantId: string;
  readonly kind: HostRecordKind;
  readonly hostId: string;
  readonly entity: QboWritableEntity;
  /** Exactly the fields the host owns, as QBO receives them: fingerprinted, and sent again when they change. */
  readonly hostOwned: object;
  /**
   * Fields sent only on create and never afterwards (QBO owns them from then on). One that is also host-owned (a
   * transaction's memo over its marker) is sent in its create form and left out of every update.
   */
  readonly setOnCreate?: object;
  readonly dependencies: readonly SyncDependency[];
  /** Plain words for `nothing`. */
  readonly upToDate: string;
}

export const decideWrite = (intent: WriteIntent, link: Link | null): SyncDecision => {
  const fingerprint = fingerprintOf(intent.hostOwned);
  const pushed = intent.hostOwned as Readonly<Record<string, unknown>>;
  if (link === null) {
    return {
      kind: 'create',
      draft: { entity: intent.entity, fields: { ...intent.hostOwned, ...intent.setOnCreate } } as QboDraft,
      fingerprint,
      pushed,
      requestId: requestIdFor(intent.tenantId, intent.kind, intent.hostId, 'create', fingerprint),
      dependencies: intent.dependencies,
    };
  }
  if (link.fingerprint === fingerprint) return { kind: 'nothing', reason: intent.upToDate };
  return {
    kind: 'update',
    ref: { id: link.qboId, syncToken: link.syncToken },
    changes: { entity: intent.entity, fields: withoutSetOnCreate(changedFields(intent.hostOwned, link.pushed), intent.setOnCreate) } as QboChanges,
    fingerprint,
    pushed,
    requestId: requestIdFor(intent.tenantId, intent.kind, intent.hostId, 'update', `${fingerprint}@${link.syncToken}`),
    dependencies: intent.dependencies,
  };
};

/** An update never sends what was set once: a link adopted after a lost answer (nothing pushed) would otherwise send it again. */
const withoutSetOnCreate = (changes: object, setOnCreate: object | undefined): object => {
  if (setOnCreate === undefined) return changes;
  return Object.fromEntries(Object.entries(changes).filter(([key]) => !(key in setOnCreate)));
};

/** Delete (payment, refund) or void (invoice) of what a link points at; the request id carries the SyncToken sent. */
export const deleteDecision = (tenantId: string, link: Link, entity: QboTransactionEntity): SyncDecision => ({
  kind: 'delete',
  entity,
  ref: { id: link.qboId, syncToken: link.syncToken },
  requestId: requestIdFor(tenantId, link.kind, link.hostId, 'delete', `${link.fingerprint ?? ''}@${link.syncToken}`),
});

export const voidDecision = (tenantId: string, link: Link, entity: 'Invoice' | 'Payment'): SyncDecision => ({
  kind: 'void',
  entity,
  ref: { id: link.qboId, syncToken: link.syncToken },
  requestId: requestIdFor(tenantId, link.kind, link.hostId, 'void', `${link.fingerprint ?? ''}@${link.syncToken}`),
});
