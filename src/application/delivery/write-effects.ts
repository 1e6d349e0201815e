import type { QboDraft, QboRef } from '../../domain/qbo/qbo-records';
import type { Link } from '../../domain/sync/link';
import { markerOf } from '../../domain/sync/private-note';
import type { PendingCreate } from '../ports/write-journal.port';
import type { Write } from './delivery-log';
import type { RecordState } from './record-state';

type NotedWrite = Extract<Write, { kind: 'create' | 'update' }>;

/** What a write leaves behind, alone or in a batch: the journal note before it is sent… */
export const noteOf = (state: RecordState, decision: NotedWrite, at: number): PendingCreate => ({
  tenantId: state.tenantId,
  kind: state.kind,
  hostId: state.hostId,
  entity: decision.kind === 'create' ? decision.draft.entity : decision.changes.entity,
  lookup: decision.kind === 'create' ? lookupOf(decision.draft) : '',
  at,
});

/** …and the link once QBO answered (the same link when the write changes nothing of it). */
export const linkAfterWrite = (state: RecordState, decision: Write, ref: QboRef | null): Link | null => {
  const { kind, hostId, link } = state;
  if (decision.kind === 'create') {
    if (ref === null) return link;
    return { kind, hostId, qboEntity: decision.draft.entity, qboId: ref.id, syncToken: ref.syncToken, fingerprint: decision.fingerprint, pushed: decision.pushed, retired: false };
  }
  if (link === null) return null;
  if (decision.kind === 'update') return ref === null ? link : { ...link, syncToken: ref.syncToken, fingerprint: decision.fingerprint, pushed: decision.pushed };
  return { ...link, syncToken: ref?.syncToken ?? link.syncToken, retired: true };
};

/** How a create is found again after a lost answer: its name (Customer, Item) or the marker its memo ends with (transactions). */
export const lookupOf = (draft: QboDraft): string => {
  switch (draft.entity) {
    case 'Customer':
      return draft.fields.displayName;
    case 'Item':
      return draft.fields.name;
    default:
      return markerOf(draft.fields.privateNote);
  }
};
