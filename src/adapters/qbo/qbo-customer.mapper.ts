import type { QboAddress, QboCustomerFields, QboRecordOf, QboRef } from '../../domain/qbo/qbo-records';
import { compact, objectAt, requiredTextAt, textAt, type QboJson } from './qbo-json';

type Mode = 'create' | 'sparse';

// A sparse update keeps omitted fields, so clearing one sends an empty value; a create simply omits it [U: stricter].
const textFor = (mode: Mode) => (value: string | null | undefined): string | undefined =>
  value === undefined ? undefined : (value ?? (mode === 'create' ? undefined : ''));

const addressJson = (address: QboAddress | null, mode: Mode): Record<string, unknown> => {
  const keep = textFor(mode);
  return compact({
    Line1: keep(address?.line1 ?? null),
    City: keep(address?.city ?? null),
    CountrySubDivisionCode: keep(address?.region ?? null),
    PostalCode: keep(address?.postalCode ?? null),
  });
};

export const customerJson = (fields: Partial<QboCustomerFields>, mode: Mode): Record<string, unknown> => {
  const keep = textFor(mode);
  return compact({
    DisplayName: fields.displayName,
    GivenName: keep(fields.givenName),
    FamilyName: keep(fields.familyName),
    CompanyName: keep(fields.companyName),
    PrimaryEmailAddr: keep(fields.email) === undefined ? undefined : { Address: keep(fields.email) },
    PrimaryPhone: keep(fields.phone) === undefined ? undefined : { FreeFormNumber: keep(fields.phone) },
    BillAddr:
      fields.billAddr === undefined || (mode === 'create' && fields.billAddr === null)
        ? undefined
        : addressJson(fields.billAddr, mode),
    Active: fields.active,
  });
};

const addressFrom = (json: QboJson | null): QboAddress | null => {
  if (json === null) return null;
  const address = {
    line1: textAt(json, 'Line1') || null,
    city: textAt(json, 'City') || null,
    region: textAt(json, 'CountrySubDivisionCode') || null,
    postalCode: textAt(json, 'PostalCode') || null,
  };
  return Object.values(address).every((part) => part === null) ? null : address;
};

export const refFrom = (json: QboJson, what: string): QboRef => ({
  id: requiredTextAt(json, 'Id', what),
  syncToken: requiredTextAt(json, 'SyncToken', what),
});

export const customerFrom = (json: QboJson): QboRecordOf<'Customer'> => ({
  entity: 'Customer',
  ref: refFrom(json, 'Customer'),
  fields: {
    displayName: requiredTextAt(json, 'DisplayName', 'Customer'),
    givenName: textAt(json, 'GivenName') || null,
    familyName: textAt(json, 'FamilyName') || null,
    companyName: textAt(json, 'CompanyName') || null,
    email: textAt(objectAt(json, 'PrimaryEmailAddr'), 'Address') || null,
    phone: textAt(objectAt(json, 'PrimaryPhone'), 'FreeFormNumber') || null,
    billAddr: addressFrom(objectAt(json, 'BillAddr')),
    active: json['Active'] !== false,
  },
});
