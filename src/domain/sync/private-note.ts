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

/** What the memo calls the host app when the host does not say (the `hostAppName` option). */
export const DEFAULT_HOST_APP_NAME = 'the business app';

/** QBO keeps at most 4000 characters of a transaction's PrivateNote (qbo-api.md §3). */
export const PRIVATE_NOTE_MAX = 4000;

const REFERENCE = ' Sync reference: ';

/**
 * The memo a transaction is created with in QBO: what it is in the host's words, where it came from, and the marker
 * last and whole (`Payment received 2026-06-03 for invoice BL-1001, from Pool Office. Sync reference:
 * qbo-sync:1:payment:2`), so a bookkeeper reads it and `carriesMarker` still finds it. Words that would pass QBO's
 * limit are cut, never the marker.
 */
export const privateNoteMemo = (words: string, hostAppName: string, marker: string): string => {
  const app = hostAppName.trim() === '' ? DEFAULT_HOST_APP_NAME : hostAppName.trim();
  const said = `${words.trim()}, from ${app}.`;
  const room = PRIVATE_NOTE_MAX - REFERENCE.length - marker.length;
  const text = said.length <= room ? said : `${said.slice(0, Math.max(0, room - 1))}…`;
  return `${text}${REFERENCE}${marker}`;
};

const markerPattern = /qbo-sync:[A-Za-z0-9\-_.!~*'()%]+:[a-z]+:[A-Za-z0-9\-_.!~*'()%]+/g;

/**
 * The marker a memo this plugin wrote ends with (the last one, so host words that look like a marker cannot stand
 * in for it); a bare marker is its own. The key an uncertain create is found again by.
 */
export const markerOf = (memo: string): string => {
  const found = memo.match(markerPattern);
  return found === null ? memo : (found[found.length - 1] ?? memo);
};
