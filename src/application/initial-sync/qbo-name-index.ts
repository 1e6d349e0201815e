import type { JobRecordKind } from '../ports/job-store.port';
import { normalizeName } from '../../domain/names/normalize-name';
import { qboNameKey } from '../../domain/names/qbo-name-rules';
import type { QboRef } from '../../domain/qbo/qbo-records';
import { qboCustomerHostOwned, qboItemHostOwned } from '../../domain/sync/adopted-link';
import { err, ok, type Result } from '../../domain/shared/result';
import type { ApplicationError } from '../application-error';
import type { LinkStore } from '../ports/link-store.port';
import { QboFailure, type QboGateway } from '../ports/qbo-gateway.port';
import { qboReadError } from '../setup/qbo-reads';

/** A QBO record no host record is linked to yet: a candidate for an exact-name match. */
export interface QboCandidate {
  readonly id: string;
  readonly name: string;
  readonly ref: QboRef;
  /** The record's host-owned fields as they are in QBO (the `pushed` of a link adopting it). */
  readonly hostOwned: object;
}

/**
 * What the initial sync keeps of one QBO list, and no more: the name keys taken (strings), and the records no link
 * points at, by normalised name. Everything else of QBO's records is dropped as it is read.
 */
export interface QboNameIndex {
  readonly taken: Set<string>;
  readonly free: Map<string, QboCandidate[]>;
  readonly freeCount: number;
}

const read = async <T>(stream: AsyncIterable<T>, visit: (record: T) => void): Promise<Result<void, ApplicationError>> => {
  try {
    for await (const record of stream) visit(record);
  } catch (error) {
    if (error instanceof QboFailure) return err(qboReadError(error.error));
    throw error;
  }
  return ok(undefined);
};

/** Reads the QBO list of `kind` (and, for customers, the vendor and employee names that share its name space). */
export const readQboNameIndex = async (gateway: QboGateway, links: LinkStore, tenantId: string, kind: JobRecordKind): Promise<Result<QboNameIndex, ApplicationError>> => {
  const linkedQboIds = new Set<string>();
  for await (const link of links.list(tenantId, kind)) linkedQboIds.add(link.qboId);
  const taken = new Set<string>();
  const free = new Map<string, QboCandidate[]>();
  let freeCount = 0;
  const keep = (name: string, ref: QboRef, hostOwned: () => object): void => {
    taken.add(qboNameKey(name));
    const key = normalizeName(name);
    if (linkedQboIds.has(ref.id) || key === '') return;
    const list = free.get(key) ?? [];
    list.push({ id: ref.id, name, ref, hostOwned: hostOwned() });
    free.set(key, list);
    freeCount += 1;
  };
  if (kind === 'customer') {
    const customers = await read(gateway.list(tenantId, 'Customer'), (r) =>
      keep(r.fields.displayName, r.ref, () => qboCustomerHostOwned(r.fields)));
    if (!customers.ok) return customers;
    for (const entity of ['Vendor', 'Employee'] as const) {
      const people = await read(gateway.list(tenantId, entity), (r) => taken.add(qboNameKey(r.fields.displayName)));
      if (!people.ok) return people;
    }
  } else {
    const items = await read(gateway.list(tenantId, 'Item'), (r) =>
      keep(r.fields.name, r.ref, () => qboItemHostOwned(r.fields)));
    if (!items.ok) return items;
  }
  return ok({ taken, free, freeCount });
};
