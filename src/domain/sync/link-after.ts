/**
 * `linkAfter(kind, hostId, decision, written, previous)`: the link to save once QBO carried out `decision`
 * (`written` is the id and SyncToken QBO answered with; null when it answered with none, as a delete does). Deciding again from that link and the same host record
 * yields `nothing`: that is what makes the sync level-triggered.
 */
import type { HostRecordKind } from '../host/host-records';
import type { QboRef } from '../qbo/qbo-records';
import type { Link } from './link';
import type { SyncDecision } from './sync-decision';

export const linkAfter = (
  kind: HostRecordKind,
  hostId: string,
  decision: SyncDecision,
  written: QboRef | null,
  previous: Link | null,
): Link | null => {
  if (decision.kind === 'delete' || decision.kind === 'void') {
    return previous === null ? null : { ...previous, syncToken: written?.syncToken ?? previous.syncToken, retired: true };
  }
  if ((decision.kind !== 'create' && decision.kind !== 'update') || written === null) return previous;
  const qboEntity = decision.kind === 'create' ? decision.draft.entity : decision.changes.entity;
  return { kind, hostId, qboEntity, qboId: written.id, syncToken: written.syncToken, fingerprint: decision.fingerprint, pushed: decision.pushed, retired: false };
};
