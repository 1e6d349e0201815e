import type { HostRecordKind } from '../host/host-records';
import { hash128 } from '../shared/hash';

export type SyncOperation = 'create' | 'update' | 'delete' | 'void';

/**
 * QBO's idempotency key for one logical write (at most 50 characters). A retry of the same change reuses it;
 * a newer change has another fingerprint, so QBO never replays an old response for new data.
 */
export const requestIdFor = (
  tenantId: string,
  kind: HostRecordKind,
  hostId: string,
  operation: SyncOperation,
  fingerprint: string,
): string => {
  const digest = hash128(JSON.stringify([tenantId, kind, hostId, operation, fingerprint]));
  return `qs-${kind.slice(0, 4)}-${operation.slice(0, 3)}-${digest}`;
};

/**
 * The request id of a write after QBO definitely refused `refusals` earlier writes of the same record: QBO answers a
 * repeated requestid with its stored answer, so once the cause of a refusal is gone only a new id can succeed. An
 * uncertain outcome (timeout, dropped answer, 5xx) does not count, so its retry keeps the id and is never applied twice.
 */
export const afterRefusals = (requestId: string, refusals: number): string =>
  refusals <= 0 ? requestId : `${requestId.slice(0, 12)}${hash128(`${requestId}#refused:${refusals}`)}`;
