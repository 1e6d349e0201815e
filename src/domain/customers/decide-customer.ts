/**
 * `decideCustomer(tenantId, customer, link, naming?)`: level-triggered — from the customer as the host has it now
 * and the link of what was pushed last, what QBO must be told. A customer is never deleted in QBO; the host
 * deactivates it instead. `naming.qboName` is the DisplayName variant chosen with `acceptableQboName` after the
 * plain name was found taken; it is part of the fingerprint, so a request with another name has another id.
 * `money.keptActive`: why a customer inactive in the host stays active in QBO (NamedReferenceActivity), or null.
 */
import type { HostCustomer } from '../host/host-records';
import { decideWrite } from '../sync/decide-write';
import type { Link } from '../sync/link';
import { activeWhileKept, keptActiveReason, notedKeptActive } from '../sync/kept-active';
import type { SyncDecision } from '../sync/sync-decision';
import { toQboCustomerFields } from './customer-to-qbo';

export const decideCustomer = (
  tenantId: string,
  customer: HostCustomer | null,
  link: Link | null,
  naming: { readonly qboName?: string } = {},
  money: { readonly keptActive?: string | null } = {},
): SyncDecision => {
  if (customer === null) return { kind: 'nothing', reason: 'The customer no longer exists in the host; QBO keeps it.' };
  // A customer inactive in the host whose money still moves stays active in QBO, which refuses transactions naming an
  // inactive customer (ADR 0041); `keptActive` says why, in words, and goes to the activity log with the write.
  const keptActive = keptActiveReason(customer.isActive, money.keptActive);
  const fields = toQboCustomerFields(customer, naming.qboName);
  const decision = decideWrite(
    {
      tenantId,
      kind: 'customer',
      hostId: customer.id,
      entity: 'Customer',
      hostOwned: activeWhileKept(fields, keptActive),
      dependencies: [],
      upToDate: 'QBO already has this version of the customer.',
    },
    link,
  );
  return notedKeptActive(decision, keptActive);
};
