import type { Posting } from '../books/ledger';
import type { Body, EmulatedEntity, StoredRecord } from '../emulated-entity';
import type { RealmStore } from '../realm-store';

export interface WriteContext {
  readonly store: RealmStore;
  /** The record before this write; undefined on create. */
  readonly previous: StoredRecord | undefined;
  readonly now: number;
  /** `?include=allowduplicatedocnum` was on the request. */
  readonly allowDuplicateDocNumber: boolean;
}

/** How one QBO entity validates, indexes and shows itself. */
export interface EntityRules {
  readonly entity: EmulatedEntity;
  /** Top-level fields a client may send; anything else is refused with 2010. */
  readonly writable: ReadonlySet<string>;
  /** Fields QBO computes: accepted on input and ignored. */
  readonly computed: ReadonlySet<string>;
  readonly creatable: boolean;
  readonly deletable: boolean;
  /** The validated body to store (money in cents), or a thrown QboFault. */
  prepare(input: Body, context: WriteContext): Body;
  /** Keeps the realm's indexes in step after a write: `before` is the old version, `after` the new (undefined when deleted). */
  commit?(store: RealmStore, before: StoredRecord | undefined, after: StoredRecord | undefined, now: number): void;
  /** Refuses a delete or void QBO would refuse. */
  checkRemoval?(store: RealmStore, record: StoredRecord): void;
  /** The body after a void; undefined when the entity cannot be voided. */
  voided?(record: StoredRecord): Body;
  /** Fields the books keep (balances): zero on create, carried across every update, never taken from a client. */
  readonly derived?: readonly string[];
  /** What the transaction posts to the ledger as it now stands (money in cents, debits positive). */
  postings?(store: RealmStore, record: StoredRecord): readonly Posting[];
  /** Read-time fields (names of references, linked transactions). */
  present?(store: RealmStore, record: StoredRecord, wire: Body): void;
}

/** Fields every entity carries that a client echoes back and QBO ignores on input. */
export const ENVELOPE_FIELDS: ReadonlySet<string> = new Set(['Id', 'SyncToken', 'sparse', 'domain', 'MetaData', 'status']);

/** Moves a unique-name index entry from the old version of a record to the new one. */
export function reindexName(
  index: Map<string, StoredRecord>,
  keyOf: (record: StoredRecord) => string | undefined,
  before: StoredRecord | undefined,
  after: StoredRecord | undefined,
): void {
  const oldKey = before ? keyOf(before) : undefined;
  if (oldKey !== undefined && index.get(oldKey)?.id === before?.id) index.delete(oldKey);
  const newKey = after ? keyOf(after) : undefined;
  if (newKey !== undefined && after) index.set(newKey, after);
}
