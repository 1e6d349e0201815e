/**
 * `adoptedLink(kind, hostId, record)`: the link of a host record paired with a QBO record of the same name. Its
 * `pushed` is what QBO holds now, in exactly the shape the kind's decide function fingerprints (`qboCustomerHostOwned`,
 * `qboItemHostOwned`), and its fingerprint is computed the same way, so the next decision sends only the fields where
 * the host differs from QBO — or nothing at all.
 */
import type { HostRecordKind } from '../host/host-records';
import type { QboItemHostFields } from '../items/item-to-qbo';
import type { QboCustomerFields, QboItemFields, QboRef, QboWritableEntity } from '../qbo/qbo-records';
import { fingerprintOf } from './fingerprint';
import type { Link } from './link';

export const qboCustomerHostOwned = (fields: QboCustomerFields): QboCustomerFields => {
  const addr = fields.billAddr;
  const billAddr = addr === null || [addr.line1, addr.city, addr.region, addr.postalCode].every((part) => part === null || part === undefined)
    ? null
    : { line1: addr.line1 ?? null, city: addr.city ?? null, region: addr.region ?? null, postalCode: addr.postalCode ?? null };
  return {
    displayName: fields.displayName,
    givenName: fields.givenName ?? null,
    familyName: fields.familyName ?? null,
    companyName: fields.companyName ?? null,
    email: fields.email ?? null,
    phone: fields.phone ?? null,
    billAddr,
    active: fields.active,
  };
};

/** The income account is QBO's after create, so it is not among the fields compared. */
export const qboItemHostOwned = (fields: QboItemFields): QboItemHostFields => ({
  name: fields.name,
  type: fields.type,
  description: fields.description ?? null,
  unitPriceCents: fields.unitPriceCents,
  sku: fields.sku ?? null,
  active: fields.active,
});

export const adoptedLink = (kind: HostRecordKind, hostId: string, entity: QboWritableEntity, ref: QboRef, hostOwned: object): Link => ({
  kind,
  hostId,
  qboEntity: entity,
  qboId: ref.id,
  syncToken: ref.syncToken,
  fingerprint: fingerprintOf(hostOwned),
  pushed: hostOwned as Readonly<Record<string, unknown>>,
  retired: false,
});
