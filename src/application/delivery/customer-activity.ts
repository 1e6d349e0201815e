import { customerBooks, isSettled } from '../../domain/customers/customer-books';
import type { HostCustomerMoney } from '../../domain/host/host-records';
import { dollars } from '../../domain/sync/rejection';
import type { HostDirectory } from '../ports/host-directory.port';
import type { LinkStore } from '../ports/link-store.port';
import type { TenantSettings } from '../ports/settings-store.port';
import { isBeforeSync, syncStartDay } from './sync-window';

/**
 * Whether a customer the host made inactive must stay active in QBO, and why in words (ADR 0041). QBO refuses every
 * transaction naming an inactive customer (610) and refuses to make a customer with a balance inactive, so the
 * customer stays active there while its money still moves: while the host shows it owing or holding credit, and
 * while any of its money records is still to reach QBO (a payment, a refund, a paid invoice with no link yet, a
 * deleted payment still in QBO). Once all is settled, the next look makes it inactive in QBO too.
 */
export class CustomerActivity {
  constructor(
    private readonly host: HostDirectory,
    private readonly links: LinkStore,
  ) {}

  /** null: nothing keeps it active; else the words for the activity log. */
  async keptActiveBecause(tenantId: string, customerId: string, settings: TenantSettings): Promise<string | null> {
    const money = await this.host.moneyOfCustomer(tenantId, customerId);
    if (money.unreadable.length > 0) return 'kept active in QuickBooks until its balance is settled: some of its money records cannot be read yet';
    const books = customerBooks(money);
    if (!isSettled(books)) {
      const owes = books.openReceivableCents > 0 ? `it still owes ${dollars(books.openReceivableCents, settings.homeCurrency)}` : null;
      const holds = books.openCreditCents !== 0 ? `it holds ${dollars(books.openCreditCents, settings.homeCurrency)} of credit` : null;
      return `kept active in QuickBooks until its balance is settled (${[owes, holds].filter(Boolean).join(' and ')})`;
    }
    const moving = await this.moneyStillMoving(tenantId, money, syncStartDay(settings.enabledAt));
    return moving === null ? null : `kept active in QuickBooks until its money there is settled (${moving} is still to be sent)`;
  }

  /** The first money record of the customer QBO should hold as the host has it but does not yet, named; or null. */
  private async moneyStillMoving(tenantId: string, money: HostCustomerMoney, startDay: string | null): Promise<string | null> {
    const inWindow = money.payments.filter((payment) => !isBeforeSync(payment.receivedOn, startDay));
    const live = inWindow.filter((payment) => !payment.deleted && payment.amountCents > 0);
    const paidInvoices = money.invoices.filter((invoice) => invoice.status !== 'void' && live.some((payment) => payment.invoiceId === invoice.id));
    const liveIds = new Set(live.map((payment) => payment.id));
    const refunds = money.refunds.filter((refund) => liveIds.has(refund.paymentId) && !isBeforeSync(refund.refundedOn, startDay));
    const [paymentLinks, invoiceLinks, refundLinks] = await Promise.all([
      this.links.getMany(tenantId, 'payment', inWindow.map((payment) => payment.id)),
      this.links.getMany(tenantId, 'invoice', paidInvoices.map((invoice) => invoice.id)),
      this.links.getMany(tenantId, 'refund', refunds.map((refund) => refund.id)),
    ]);
    const unsentPayment = live.find((payment) => !paymentLinks.has(payment.id));
    if (unsentPayment) return `payment ${unsentPayment.id}`;
    const undeleted = inWindow.find((payment) => payment.deleted && paymentLinks.get(payment.id)?.retired === false);
    if (undeleted) return `the deletion of payment ${undeleted.id}`;
    const unsentInvoice = paidInvoices.find((invoice) => !invoiceLinks.has(invoice.id));
    if (unsentInvoice) return `invoice ${unsentInvoice.number}`;
    const unsentRefund = refunds.find((refund) => !refundLinks.has(refund.id));
    return unsentRefund ? `refund ${unsentRefund.id}` : null;
  }
}
