/**
 * Ids shown outside the plugin (the activity log's entries, its page cursors) in a form that tells nothing: not the
 * order of the row, not how many other tenants' rows lie between two of them. Each is bound to its tenant and kind, so
 * an id from one tenant (or one list) opens nothing in another.
 */
export const OpaqueIds = Symbol('qbo-sync.OpaqueIds');
export interface OpaqueIds {
  /** `id` is a row's id (digits); the answer matches `opaqueIdPattern`. */
  seal(tenantId: string, kind: OpaqueIdKind, id: string): string;
  /** The row id back, or null when `sealed` was not sealed for this tenant and kind. */
  open(tenantId: string, kind: OpaqueIdKind, sealed: string): string | null;
}

export type OpaqueIdKind = 'activity' | 'outbox';

/** 128 bits in base64url: what every OpaqueIds adapter hands out, checked at the edge before any lookup. */
export const opaqueIdPattern = /^[A-Za-z0-9_-]{22}$/;
