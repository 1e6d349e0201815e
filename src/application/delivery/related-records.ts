import type { HostRecordKind } from '../../domain/host/host-records';
import type { HostDirectory } from '../ports/host-directory.port';
import type { OutboxChange, OutboxStore } from '../ports/outbox-store.port';

/**
 * A payment changes what its invoice owes, and a refund what its payment keeps: once one of them is delivered,
 * the record it leans on is queued to be looked at again (level-triggered, so a look that finds nothing is cheap).
 */
export class RelatedRecords {
  constructor(
    private readonly host: HostDirectory,
    private readonly outbox: OutboxStore,
  ) {}

  async enqueueFor(tenantId: string, kind: HostRecordKind, hostId: string): Promise<void> {
    const related = await this.relatedTo(tenantId, kind, hostId);
    if (related.length > 0) await this.outbox.enqueue(related);
  }

  private async relatedTo(tenantId: string, kind: HostRecordKind, hostId: string): Promise<OutboxChange[]> {
    if (kind === 'payment') {
      const payment = await this.host.getPayment(tenantId, hostId);
      return payment?.invoiceId ? [{ tenantId, kind: 'invoice', hostId: payment.invoiceId }] : [];
    }
    if (kind === 'refund') {
      const refund = await this.host.getRefund(tenantId, hostId);
      return refund ? [{ tenantId, kind: 'payment', hostId: refund.paymentId }] : [];
    }
    return [];
  }
}
