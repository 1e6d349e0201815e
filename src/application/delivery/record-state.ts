import type { HostRecordKind, HostRecordOfKind } from '../../domain/host/host-records';
import { lastKnownWords, recordWords } from '../../domain/host/record-words';
import type { Link } from '../../domain/sync/link';
import type { HostReadOf } from '../ports/host-read';
import type { PendingCreate } from '../ports/write-journal.port';
import type { RecordAddress } from './delivery-log';

interface StateOf<K extends HostRecordKind> extends RecordAddress {
  readonly kind: K;
  /** The host row as read; the plugin's own "Refund" item has none and reads as `missing`. */
  readonly read: HostReadOf<K>;
  readonly link: Link | null;
  /** A write an earlier attempt sent without storing its outcome, to settle before deciding. */
  readonly note: PendingCreate | null;
  /** How many writes of this record QBO definitely refused: every request id of its next writes follows it. */
  readonly refusals?: number;
  /** The QBO company's home currency, for the money in the record's words (absent or null: US dollars). */
  readonly currency?: string | null;
}

/** Everything delivery knows of one record, read once per round: the host row, its link and its unsettled write. */
export type RecordState = { [K in HostRecordKind]: StateOf<K> }[HostRecordKind];

export const recordKey = (record: { readonly kind: HostRecordKind; readonly hostId: string }): string => `${record.kind}:${record.hostId}`;

/** The record as the activity log names it: as read now, else as last sent to QBO; never by its host id. */
export const wordsOf = (state: RecordState): string =>
  state.read.kind === 'found'
    ? recordWords(state.kind, state.read.record as HostRecordOfKind[typeof state.kind], state.currency ?? null)
    : lastKnownWords(state.kind, state.link?.pushed ?? null, state.read.kind, state.hostId);
