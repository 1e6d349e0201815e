import type { HostDirectory } from '../ports/host-directory.port';
import { recordOf } from '../ports/host-read';
import type { OutboxChange, OutboxStore } from '../ports/outbox-store.port';
import type { RecordState } from './record-state';

/**
 * A payment changes what its invoice owes, and a refund what its payment keeps: once one of them is delivered,
 * the record it leans on is queued to be looked at again (level-triggered, so a look that finds nothing is cheap).
 * A write that changed QBO also moves the shares of an invoice's payments (applied-amounts.ts): a payment written
 * brings back its sibling payments, an invoice written its payments. Only after a write, so looks that find
 * nothing never queue each other forever. Money written naming a customer or item the host made inactive brings it
 * back, so QBO makes it inactive too once no money naming it is still to go (ADR 0041, 0077).
 */
export class RelatedRecords {
  constructor(
    private readonly outbox: OutboxStore,
    private readonly host: HostDirectory,
  ) {}

  /** The same, reading the host through `host` (one round's reads, ADR 0078). */
  readingThrough(host: HostDirectory): RelatedRecords {
    return new RelatedRecords(this.outbox, host);
  }

  /** `needed` leaves out records the caller will decide anyway after this one. */
  async enqueueFor(state: RecordState, wrote = false, needed: (change: OutboxChange) => boolean = () => true): Promise<void> {
    const related = [...relatedTo(state), ...(await this.refundsLetGo(state)), ...(wrote ? [...(await this.sharesMovedBy(state)), ...(await this.inactiveNamedBy(state))] : [])].filter(needed);
    if (related.length > 0) await this.outbox.enqueue(related);
  }

  /**
   * Money written naming a customer or item the host made inactive: each is looked at again, to go inactive in QBO
   * once no money naming it is still to go (ADR 0041, 0077). An invoice names its customer and its lines' items.
   */
  private async inactiveNamedBy(state: RecordState): Promise<OutboxChange[]> {
    const { tenantId } = state;
    const invoice = state.kind === 'invoice' ? recordOf(state.read) : null;
    const record = state.kind === 'payment' ? recordOf(state.read) : invoice;
    if (record === null) return [];
    const itemIds = [...new Set(invoice?.lines.flatMap((line) => (line.catalogItemId === null ? [] : [line.catalogItemId])) ?? [])];
    const [customer, items] = await Promise.all([this.host.getCustomer(tenantId, record.customerId), itemIds.length === 0 ? new Map() : this.host.readMany(tenantId, 'item', itemIds)]);
    const inactiveItems = [...items].filter(([, read]) => read.kind === 'found' && !read.record.isActive).map(([hostId]) => ({ tenantId, kind: 'item' as const, hostId }));
    return [...(customer !== null && !customer.isActive ? [{ tenantId, kind: 'customer' as const, hostId: record.customerId }] : []), ...inactiveItems];
  }

  /**
   * A payout that let payments go brings back their refunds too: a credit refund waits while its payment is
   * deposited (QBO refuses to change a deposited payment, 6540), and goes once the deposit no longer holds it.
   */
  private async refundsLetGo(state: RecordState): Promise<OutboxChange[]> {
    if (state.kind !== 'payout') return [];
    const refunds = await Promise.all(relatedTo(state).map((payment) => this.host.refundsOfPayment(state.tenantId, payment.hostId)));
    return refunds.flat().map((refund) => ({ tenantId: state.tenantId, kind: 'refund' as const, hostId: refund.id }));
  }

  private async sharesMovedBy(state: RecordState): Promise<OutboxChange[]> {
    const { tenantId } = state;
    const invoiceId = state.kind === 'invoice' ? state.hostId : state.kind === 'payment' ? (recordOf(state.read)?.invoiceId ?? null) : null;
    if (invoiceId === null) return [];
    const payments = await this.host.everyPaymentForInvoice(tenantId, invoiceId);
    return payments.filter((payment) => !(state.kind === 'payment' && payment.id === state.hostId)).map((payment) => ({ tenantId, kind: 'payment' as const, hostId: payment.id }));
  }
}

/** From the row as the round read it: a deleted payment still names its invoice. */
const relatedTo = (state: RecordState): OutboxChange[] => {
  const { tenantId } = state;
  if (state.kind === 'payment') {
    const payment = recordOf(state.read);
    return payment?.invoiceId ? [{ tenantId, kind: 'invoice', hostId: payment.invoiceId }] : [];
  }
  if (state.kind === 'refund') {
    const refund = recordOf(state.read);
    return refund ? [{ tenantId, kind: 'payment', hostId: refund.paymentId }] : [];
  }
  if (state.kind === 'payout') {
    const deposited = state.link?.pushed?.['hostPaymentIds'];
    if (!Array.isArray(deposited)) return [];
    const payout = recordOf(state.read);
    const kept = new Set(payout === null || payout.deleted ? [] : payout.paymentIds);
    return deposited.filter((id): id is string => typeof id === 'string' && !kept.has(id)).map((hostId) => ({ tenantId, kind: 'payment' as const, hostId }));
  }
  return [];
};
