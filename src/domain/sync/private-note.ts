/**
 * `privateNoteMarker(tenantId, kind, hostId)`: the `qbo-sync:<tenant>:<kind>:<hostId>` note every transaction
 * carries, so a write whose outcome is unknown (a timeout) can be found again in QBO. Tenant and host id are
 * URI-encoded so a ":" inside them cannot make two markers read alike.
 */
import type { HostRecordKind } from '../host/host-records';

export const privateNoteMarker = (tenantId: string, kind: HostRecordKind, hostId: string): string =>
  `qbo-sync:${encodeURIComponent(tenantId)}:${kind}:${encodeURIComponent(hostId)}`;
