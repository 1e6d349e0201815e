import type { HostRecordKind } from '../host/host-records';
import type { QboChanges, QboDraft, QboRef, QboTransactionEntity } from '../qbo/qbo-records';

/** A host record QBO must hold first (customer before invoice, items before its lines, …). */
export interface SyncDependency {
  readonly kind: HostRecordKind;
  readonly hostId: string;
}

/** What to do in QBO about one host record, given its current state and what was pushed last. */
export type SyncDecision =
  | { readonly kind: 'create'; readonly draft: QboDraft; readonly fingerprint: string; readonly pushed: Readonly<Record<string, unknown>>; readonly requestId: string; readonly dependencies: readonly SyncDependency[]; readonly note?: string }
  | { readonly kind: 'update'; readonly ref: QboRef; readonly changes: QboChanges; readonly fingerprint: string; readonly pushed: Readonly<Record<string, unknown>>; readonly requestId: string; readonly dependencies: readonly SyncDependency[]; readonly note?: string }
  | { readonly kind: 'delete'; readonly entity: QboTransactionEntity; readonly ref: QboRef; readonly requestId: string }
  | { readonly kind: 'void'; readonly entity: 'Invoice' | 'Payment'; readonly ref: QboRef; readonly requestId: string }
  | { readonly kind: 'nothing'; readonly reason: string }
  | { readonly kind: 'rejected'; readonly code: string; readonly reason: string }
  | AwaitingDependencies;

/** A decision that cannot be made yet because a record it refers to has no QBO link: push those first. */
export interface AwaitingDependencies {
  readonly kind: 'awaiting';
  readonly dependencies: readonly SyncDependency[];
}
