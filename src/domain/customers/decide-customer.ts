/**
 * `decideCustomer(tenantId, customer, link, naming?)`: level-triggered — from the customer as the host has it now
 * and the link of what was pushed last, what QBO must be told. A customer is never deleted in QBO; the host
 * deactivates it instead. `naming.qboName` is the DisplayName variant chosen with `acceptableQboName` after the
 * plain name was found taken; it is part of the fingerprint, so a request with another name has another id.
 */
import type { HostCustomer } from '../host/host-records';
import { decideWrite } from '../sync/decide-write';
import type { Link } from '../sync/link';
import type { SyncDecision } from '../sync/sync-decision';
import { toQboCustomerFields } from './customer-to-qbo';

export const decideCustomer = (
  tenantId: string,
  customer: HostCustomer | null,
  link: Link | null,
  naming: { readonly qboName?: string } = {},
): SyncDecision => {
  if (customer === null) return { kind: 'nothing', reason: 'The customer no longer exists in the host; QBO keeps it.' };
  return decideWrite(
    {
      tenantId,
      kind: 'customer',
      hostId: customer.id,
      entity: 'Customer',
      hostOwned: toQboCustomerFields(customer, naming.qboName),
      dependencies: [],
      upToDate: 'QBO already has this version of the customer.',
    },
    link,
  );
};
