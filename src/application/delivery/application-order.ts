import type { HostPayment } from '../../domain/host/host-records';
import { appliedShares, pushedApplied } from '../../domain/payments/applied-amounts';
import type { SyncDependency } from '../../domain/sync/sync-decision';
import type { HostDirectory } from '../ports/host-directory.port';
import type { LinkStore } from '../ports/link-store.port';

/**
 * The order in which an invoice's applications change in QBO. QBO refuses, at every moment, an invoice whose payments
 * apply more than its total and a payment line larger than the invoice's open balance. So whatever lowers what is
 * applied goes first: a payment whose share drops (an invoice edited below what was paid, a sibling raised) and a
 * deleted payment are written before the invoice is lowered and before another payment's share is raised. The
 * shares are the ones the rules give now (domain/payments/applied-amounts.ts); what QBO holds is read from the links.
 */
export class ApplicationOrder {
  constructor(
    private readonly host: HostDirectory,
    private readonly links: LinkStore,
  ) {}

  /** Payments of the invoice (other than `exceptId`) whose QBO share is above the one an invoice total of `totalCents` gives them. */
  async lowerFirst(tenantId: string, invoiceId: string, totalCents: number, exceptId: string | null, current?: HostPayment): Promise<SyncDependency[]> {
    const every = await this.host.everyPaymentForInvoice(tenantId, invoiceId);
    const payments = current === undefined ? every : [...every.filter((payment) => payment.id !== current.id), current];
    const ids = payments.map((payment) => payment.id).filter((id) => id !== exceptId);
    if (ids.length === 0) return [];
    const [links, shares] = [await this.links.getMany(tenantId, 'payment', ids), appliedShares(invoiceId, totalCents, payments)];
    return ids.filter((id) => pushedApplied(links.get(id)) > (shares.get(id) ?? 0)).map((hostId) => ({ kind: 'payment' as const, hostId }));
  }
}
