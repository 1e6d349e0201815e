/**
 * The records a decision needs in QBO first: `awaitingLinks(needed)` is `awaiting` with those that have no link
 * yet, or null when all are there; `missingReference(needed, missing)` names the first one the host does not have.
 */
import type { HostRecordKind } from '../host/host-records';
import type { Link } from './link';
import { rejected, type Rejection } from './rejection';
import type { AwaitingDependencies, SyncDependency } from './sync-decision';

export interface NeededRecord {
  readonly dependency: SyncDependency;
  readonly link: Link | null | undefined;
  /** How the activity log names it, e.g. `customer 17` or `item "Chlorine tablets 3in"`. */
  readonly label: string;
}

export const awaitingLinks = (needed: readonly NeededRecord[]): AwaitingDependencies | null => {
  const unlinked = needed.filter((record) => record.link === null || record.link === undefined).map((record) => record.dependency);
  return unlinked.length === 0 ? null : { kind: 'awaiting', dependencies: unlinked };
};

const MISSING_CODE: Readonly<Partial<Record<HostRecordKind, Rejection['code']>>> = {
  customer: 'missing_customer',
  item: 'missing_item',
  invoice: 'missing_invoice',
  payment: 'missing_payment',
};

export const missingReference = (
  needed: readonly NeededRecord[],
  missing: readonly SyncDependency[] | undefined,
  subject: string,
): Rejection | null => {
  const gone = needed.find((record) => missing?.some((m) => m.kind === record.dependency.kind && m.hostId === record.dependency.hostId));
  if (gone === undefined) return null;
  return rejected(MISSING_CODE[gone.dependency.kind] ?? 'missing_item', `${subject} refers to ${gone.label}, which no longer exists in the app.`);
};

/** What stops a decision before it can be made: a reference the host no longer has, else records not yet in QBO. */
export const unmetReferences = (
  needed: readonly NeededRecord[],
  missing: readonly SyncDependency[] | undefined,
  subject: string,
): Rejection | AwaitingDependencies | null => missingReference(needed, missing, subject) ?? awaitingLinks(needed);

export const dedupe = (needed: readonly NeededRecord[]): readonly NeededRecord[] =>
  needed.filter((record, i) => needed.findIndex((other) => other.dependency.kind === record.dependency.kind && other.dependency.hostId === record.dependency.hostId) === i);
