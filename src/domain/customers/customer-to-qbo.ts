/**
 * A host customer as a QBO Customer (DESIGN.md §4): `customerDisplayName` (the name matched and shown) and
 * `toQboCustomerFields` (every host-owned field; the DisplayName made acceptable to QBO, or the variant chosen
 * after a name collision).
 */
import type { HostCustomer } from '../host/host-records';
import { acceptableQboName } from '../names/qbo-name-rules';
import type { QboCustomerFields } from '../qbo/qbo-records';

const blankToNull = (value: string | null): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

const NOTHING_TAKEN: ReadonlySet<string> = new Set();

/** The name QBO sees (DESIGN.md §4): the company name when shown as a company, else first and last name. */
export const customerDisplayName = (customer: HostCustomer): string =>
  customer.displayAsCompany && blankToNull(customer.companyName)
    ? (customer.companyName ?? '').trim()
    : `${customer.firstName.trim()} ${customer.lastName.trim()}`.trim();

/** Every host-owned field of a QBO Customer; `qboName` is the accepted variant when the plain name was taken. */
export const toQboCustomerFields = (customer: HostCustomer, qboName?: string): QboCustomerFields => {
  const address = [customer.street, customer.city, customer.state, customer.zip].map(blankToNull);
  return {
    displayName: qboName ?? acceptableQboName(customerDisplayName(customer), { entity: 'Customer', taken: NOTHING_TAKEN }).name,
    givenName: blankToNull(customer.firstName),
    familyName: blankToNull(customer.lastName),
    companyName: blankToNull(customer.companyName),
    email: blankToNull(customer.email),
    phone: blankToNull(customer.phone),
    billAddr: address.every((part) => part === null)
      ? null
      : { line1: address[0] ?? null, city: address[1] ?? null, region: address[2] ?? null, postalCode: address[3] ?? null },
    active: customer.isActive,
  };
};
