/**
 * `privateNoteMarker(tenantId, kind, hostId)`: the `qbo-sync:<tenant>:<kind>:<hostId>` note every transaction
 * carries, so a write whose outcome is unknown (a timeout) can be found again in QBO. Tenant and host id are
 * URI-encoded so a ":" inside them cannot make two markers read alike.
 */
import type { HostRecordKind } from '../host/host-records';

export const privateNoteMarker = (tenantId: string, kind: HostRecordKind, hostId: string): string =>
  `qbo-sync:${encodeURIComponent(tenantId)}:${kind}:${encodeURIComponent(hostId)}`;

/** The characters `encodeURIComponent` leaves in a marker's ids: one of them right after a match means a longer id. */
const markerCharacter = /[A-Za-z0-9\-_.!~*'()%]/;

/**
 * Whether a note carries exactly this marker, as a whole: `qbo-sync:1:payment:2` is not carried by a note that says
 * `qbo-sync:1:payment:23` (a plain `includes` would link payment 2 to payment 23's QBO record after a timeout).
 */
export const carriesMarker = (note: string, marker: string): boolean => {
  for (let at = note.indexOf(marker); at !== -1; at = note.indexOf(marker, at + 1)) {
    const next = note.charAt(at + marker.length);
    if (next === '' || !markerCharacter.test(next)) return true;
  }
  return false;
};
