import { recordOf } from '../ports/host-read';
import type { OutboxChange, OutboxStore } from '../ports/outbox-store.port';
import type { RecordState } from './record-state';

/**
 * A payment changes what its invoice owes, and a refund what its payment keeps: once one of them is delivered,
 * the record it leans on is queued to be looked at again (level-triggered, so a look that finds nothing is cheap).
 */
export class RelatedRecords {
  constructor(private readonly outbox: OutboxStore) {}

  async enqueueFor(state: RecordState): Promise<void> {
    const related = relatedTo(state);
    if (related.length > 0) await this.outbox.enqueue(related);
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
  return [];
};
