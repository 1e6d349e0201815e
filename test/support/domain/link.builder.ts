import type { HostRecordKind } from '../../../src/domain/host/host-records';
import type { QboWritableEntity } from '../../../src/domain/qbo/qbo-records';
import type { Link } from '../../../src/domain/sync/link';
import { linkAfter } from '../../../src/domain/sync/link-after';
import type { SyncDecision } from '../../../src/domain/sync/sync-decision';

/** A link as if the record had been pushed earlier; `pushed: null` means adopted by name and never pushed. */
export const aLink = (kind: HostRecordKind, hostId: string, qboEntity: QboWritableEntity, qboId: string, overrides: Partial<Link> = {}): Link => ({
  kind, hostId, qboEntity, qboId, syncToken: '0', fingerprint: null, pushed: null, retired: false, ...overrides,
});

/** What QBO answers a write with: the same id, the SyncToken one higher. */
export const applied = (kind: HostRecordKind, hostId: string, decision: SyncDecision, previous: Link | null): Link | null => {
  const syncToken = previous === null ? '0' : String(Number(previous.syncToken) + 1);
  return linkAfter(kind, hostId, decision, { id: previous?.qboId ?? '900', syncToken }, previous);
};
