import { customerBooks, isSettled } from '../../domain/customers/customer-books';
import type { HostInvoice, HostPayment } from '../../domain/host/host-records';
import type { QboRefundLink } from '../../domain/qbo/qbo-records';
import type { Link } from '../../domain/sync/link';
import { dollars } from '../../domain/sync/rejection';
import type { HostDirectory } from '../ports/host-directory.port';
import type { LinkStore } from '../ports/link-store.port';
import type { TenantSettings } from '../ports/settings-store.port';
import { isBeforeSync, syncStartDay } from './sync-window';

/** A list record money records name in QBO: the customer of a transaction, the item of an invoice line. */
export interface NamedReference {
  readonly kind: 'customer' | 'item';
  readonly hostId: string;
}

/**
 * Whether a record the host made inactive must stay active in QBO, and why in words. QBO refuses every transaction
 * naming an inactive customer or item (610), so a named reference stays active there while money naming it still
 * moves, and the next look after that makes it inactive in QBO too.
 * - A customer (ADR 0041): while the host shows it owing or holding credit (QBO also refuses to make a customer with a
 *   balance inactive), and while any of its money records is still to reach QBO (a payment, a refund, a paid invoice
 *   with no link yet, a deleted payment still in QBO).
 * - An item (ADR 0077): while a paid invoice with a line naming it is still to reach QBO. An item has no balance.
 */
export class NamedReferenceActivity {
  constructor(
    private readonly host: HostDirectory,
    private readonly links: LinkStore,
  ) {}

  /** null: nothing keeps it active; else the words for the activity log. */
  async keptActiveBecause(tenantId: string, reference: NamedReference, settings: TenantSettings): Promise<string | null> {
    return reference.kind === 'customer' ? this.customerKeptActive(tenantId, reference.hostId, settings) : this.itemKeptActive(tenantId, reference.hostId, settings);
  }

  private async customerKeptActive(tenantId: string, customerId: string, settings: TenantSettings): Promise<string | null> {
    const money = await this.host.moneyOfCustomer(tenantId, customerId);
    if (money.unreadable.length > 0) return 'kept active in QuickBooks until its balance is settled: some of its money records cannot be read yet';
    const books = customerBooks(money);
    if (!isSettled(books)) {
      const owes = books.openReceivableCents > 0 ? `it still owes ${dollars(books.openReceivableCents, settings.homeCurrency)}` : null;
      const holds = books.openCreditCents !== 0 ? `it holds ${dollars(books.openCreditCents, settings.homeCurrency)} of credit` : null;
      return `kept active in QuickBooks until its balance is settled (${[owes, holds].filter(Boolean).join(' and ')})`;
    }
    const startDay = syncStartDay(settings.enabledAt);
    const inWindow = money.payments.filter((payment) => !isBeforeSync(payment.receivedOn, startDay));
    const live = liveOf(inWindow);
    const liveIds = new Set(live.map((payment) => payment.id));
    const refunds = money.refunds.filter((refund) => liveIds.has(refund.paymentId) && !isBeforeSync(refund.refundedOn, startDay));
    const [paymentLinks, unsentInvoice, refundLinks] = await Promise.all([
      this.links.getMany(tenantId, 'payment', inWindow.map((payment) => payment.id)),
      this.unsentPaidInvoice(tenantId, money.invoices, live),
      this.links.getMany(tenantId, 'refund', refunds.map((refund) => refund.id)),
    ]);
    const unsentPayment = live.find((payment) => !paymentLinks.has(payment.id));
    const undeleted = inWindow.find((payment) => payment.deleted && paymentLinks.get(payment.id)?.retired === false);
    const unsentRefund = refunds.find((refund) => !refundLinks.has(refund.id));
    // A credit's refund is an expense on Accounts Receivable that the credit's payment must then link (its update):
    // both linked is not yet settled there, and QBO refuses that update once the customer is inactive (610).
    const unappliedRefund = refunds.find((refund) => {
      const refundLink = refundLinks.get(refund.id);
      const creditLink = paymentLinks.get(refund.paymentId);
      return refundLink?.qboEntity === 'Purchase' && !refundLink.retired && creditLink !== undefined && !creditLink.retired && !linksPurchase(creditLink, refundLink.qboId);
    });
    const moving = unsentPayment
      ? `payment ${unsentPayment.id} is still to be sent`
      : undeleted
        ? `the deletion of payment ${undeleted.id} is still to be sent`
        : unsentInvoice
          ? `invoice ${unsentInvoice.number} is still to be sent`
          : unsentRefund
            ? `refund ${unsentRefund.id} is still to be sent`
            : unappliedRefund
              ? `refund ${unappliedRefund.id} is still to be taken off the credit of payment ${unappliedRefund.paymentId}`
              : null;
    return moving === null ? null : `kept active in QuickBooks until its money there is settled (${moving})`;
  }

  private async itemKeptActive(tenantId: string, itemId: string, settings: TenantSettings): Promise<string | null> {
    const money = await this.host.moneyNamingItem(tenantId, itemId);
    if (money.unreadable.length > 0) return 'kept active in QuickBooks until the invoices naming it are sent: some of them cannot be read yet';
    const startDay = syncStartDay(settings.enabledAt);
    const unsent = await this.unsentPaidInvoice(tenantId, money.invoices, liveOf(money.payments.filter((payment) => !isBeforeSync(payment.receivedOn, startDay))));
    return unsent === null ? null : `kept active in QuickBooks until the invoices naming it are sent (invoice ${unsent.number} is still to be sent)`;
  }

  /** The first invoice a live payment is applied to that has not reached QBO yet (it goes with its first payment), or null. */
  private async unsentPaidInvoice(tenantId: string, invoices: readonly HostInvoice[], live: readonly HostPayment[]): Promise<HostInvoice | null> {
    const paid = invoices.filter((invoice) => invoice.status !== 'void' && live.some((payment) => payment.invoiceId === invoice.id));
    const links = await this.links.getMany(tenantId, 'invoice', paid.map((invoice) => invoice.id));
    return paid.find((invoice) => !links.has(invoice.id)) ?? null;
  }
}

/** Whether the credit's payment, as last written to QBO, links the refund expense `purchaseId`. */
const linksPurchase = (creditLink: Link, purchaseId: string): boolean =>
  ((creditLink.pushed?.['refundLinks'] ?? []) as readonly QboRefundLink[]).some((line) => line.purchaseId === purchaseId);

/** Payments that move money: not deleted, above zero. */
const liveOf = (payments: readonly HostPayment[]): HostPayment[] => payments.filter((payment) => !payment.deleted && payment.amountCents > 0);
