import type { HostPayment } from '../../domain/host/host-records';
import { recordWords } from '../../domain/host/record-words';
import { decidePayout } from '../../domain/payouts/decide-payout';
import { rejected } from '../../domain/sync/rejection';
import type { HostDirectory } from '../ports/host-directory.port';
import { recordOf } from '../ports/host-read';
import type { LinkStore } from '../ports/link-store.port';
import type { TenantSettings } from '../ports/settings-store.port';
import type { RecordDecision } from './record-decision';
import type { RecordState } from './record-state';
import { isBeforeSync, syncStartDay } from './sync-window';
import { unreadable } from './unreadable';

type StateOf<K extends RecordState['kind']> = Extract<RecordState, { kind: K }>;

/**
 * Processor payouts (issue 15): the payout as read, its payments and their links read here, the sync window applied.
 * Also the one rule payouts add to payments: a deleted payment still in a synced deposit waits for its payout.
 */
export class PayoutDecider {
  constructor(
    private readonly host: HostDirectory,
    private readonly links: LinkStore,
    /** What the deposit's memo calls the host app (the `hostAppName` option). */
    private readonly hostAppName?: string,
  ) {}

  async payout({ tenantId, read, link }: StateOf<'payout'>, settings: TenantSettings): Promise<RecordDecision> {
    if (read.kind === 'unreadable') return unreadable(read.reason);
    const payout = recordOf(read);
    const off = { payments: new Map(), paymentLinks: new Map(), payoutAccountId: settings.payoutAccountId, payoutFeeAccountId: settings.payoutFeeAccountId, currency: settings.homeCurrency };
    if (payout === null || payout.deleted) return decidePayout(tenantId, payout, off, link);
    const startDay = syncStartDay(settings.enabledAt);
    if (link === null && settings.payoutAccountId !== null && isBeforeSync(payout.paidOn, startDay)) {
      return { kind: 'skipped', reason: `the payout was paid on ${payout.paidOn}, before the sync was turned on (${startDay}), so it stays out of QuickBooks.` };
    }
    const [reads, paymentLinks] = await Promise.all([this.host.readMany(tenantId, 'payment', payout.paymentIds), this.links.getMany(tenantId, 'payment', payout.paymentIds)]);
    const payments = new Map<string, HostPayment | null>();
    for (const id of payout.paymentIds) {
      const paymentRead = reads.get(id);
      if (paymentRead?.kind === 'unreadable') return unreadable(`its payment ${id}: ${paymentRead.reason}`);
      payments.set(id, paymentRead === undefined ? null : recordOf(paymentRead));
    }
    const early = [...payments.values()].find((payment) => payment !== null && !paymentLinks.has(payment.id) && isBeforeSync(payment.receivedOn, startDay));
    if (link === null && settings.payoutAccountId !== null && early) {
      return { kind: 'skipped', reason: `its payment ${early.id} was received on ${early.receivedOn}, before the sync was turned on (${startDay}), so it is not in QuickBooks to be deposited; the payout stays out of QuickBooks.` };
    }
    return decidePayout(tenantId, payout, { ...off, payments, paymentLinks, ...(this.hostAppName === undefined ? {} : { hostAppName: this.hostAppName }) }, link);
  }

  /**
   * A payment deleted in the host while a synced deposit still holds it: QBO refuses to delete it (6540: "you must
   * first edit the deposit it appears on and remove it"), so it waits, saying so, until its payout lets it go.
   * null: nothing holds it.
   */
  async heldByDeposit({ tenantId, hostId, read, link, currency }: StateOf<'payment'>): Promise<RecordDecision | null> {
    if (link === null || link.retired || read.kind === 'unreadable') return null;
    const payment = recordOf(read);
    if (payment !== null && !payment.deleted) return null;
    const payoutId = await this.host.payoutOfPayment(tenantId, hostId);
    if (payoutId === null) return null;
    const payoutLink = await this.links.get(tenantId, 'payout', payoutId);
    const deposited = payoutLink?.pushed?.['hostPaymentIds'];
    if (payoutLink === null || payoutLink.retired || !Array.isArray(deposited) || !deposited.includes(hostId)) return null;
    // Named as the host shows it: its net and date (the id only when the payout cannot be read).
    const payoutRead = await this.host.read(tenantId, 'payout', payoutId);
    const payout = payoutRead.kind === 'unreadable' ? null : recordOf(payoutRead);
    const which = payout === null ? `payout ${payoutId}` : recordWords('payout', payout, currency ?? null);
    return rejected(
      'deposited_payment',
      `The payment was deleted in the app, but it is in the QuickBooks deposit of the ${which}, and QuickBooks does not let a deposited payment be deleted. The deposit is left as it is, matching the bank line. If the processor took the money back, take the payment out of that payout in the app; the deposit is then updated and the payment deleted in QuickBooks.`,
    );
  }
}
