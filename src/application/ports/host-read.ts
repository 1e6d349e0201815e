import type { HostRecordKind, HostRecordOfKind } from '../../domain/host/host-records';

/** The domain record each host kind reads as (kept in the domain, which names records too). */
export type { HostRecordOfKind };

/**
 * One host row as delivery sees it. `unreadable` is a row that exists but cannot be turned into a record (no
 * name, an amount that is not whole cents, an unknown kind, one bad invoice line): unlike `missing` it must never
 * count as deleted, and its change must end as a visible failure with `reason`.
 */
export type HostRead<T> =
  | { readonly kind: 'found'; readonly record: T }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly reason: string };

export type HostReadOf<K extends HostRecordKind> = HostRead<HostRecordOfKind[K]>;

export const recordOf = <T>(read: HostRead<T>): T | null => (read.kind === 'found' ? read.record : null);
