/**
 * `NameCandidate`: one host or QBO record as name matching sees it — an id, the name compared (customers: the
 * DESIGN.md §4 display name or QBO DisplayName; items: the name or QBO Item Name) and the contact details that
 * suggest a near match. `customerCandidate`, `qboCustomerCandidate`, `itemCandidate` and `qboItemCandidate` build
 * it from either side's records.
 */
import { customerDisplayName } from '../customers/customer-to-qbo';
import type { HostCatalogItem, HostCustomer } from '../host/host-records';
import type { QboCustomerFields, QboItemFields } from '../qbo/qbo-records';

export interface NameCandidate {
  readonly id: string;
  readonly name: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  /** The street line of the address. */
  readonly street?: string | null;
}

export const customerCandidate = (customer: HostCustomer): NameCandidate => ({
  id: customer.id,
  name: customerDisplayName(customer),
  email: customer.email,
  phone: customer.phone,
  street: customer.street,
});

export const qboCustomerCandidate = (id: string, fields: QboCustomerFields): NameCandidate => ({
  id,
  name: fields.displayName,
  email: fields.email,
  phone: fields.phone,
  street: fields.billAddr?.line1 ?? null,
});

export const itemCandidate = (item: HostCatalogItem): NameCandidate => ({ id: item.id, name: item.name });

export const qboItemCandidate = (id: string, fields: QboItemFields): NameCandidate => ({ id, name: fields.name });
