import type { HostCatalogItem, HostCustomer, HostPayment } from '../../domain/host/host-records';
import { REFUND_ITEM_HOST_ID } from '../../domain/items/refund-item';
import { decideInvoice } from '../../domain/invoices/decide-invoice';
import { decidePayment } from '../../domain/payments/decide-payment';
import { decideRefund, refundEntity } from '../../domain/refunds/decide-refund';
import type { QboRefundLink } from '../../domain/qbo/qbo-records';
import type { Link } from '../../domain/sync/link';
import type { SyncDependency } from '../../domain/sync/sync-decision';
import type { HostDirectory } from '../ports/host-directory.port';
import { recordOf } from '../ports/host-read';
import type { LinkStore } from '../ports/link-store.port';
import type { TenantSettings } from '../ports/settings-store.port';
import type { RecordDecision } from './record-decision';
import type { RecordState } from './record-state';
import { ApplicationOrder } from './application-order';
import { NamedReferenceActivity, type NamedReference } from './named-reference-activity';
import type { ReceivableAccount } from './receivable-account';
import { appliedOf, compareHostIds, pushedApplied } from '../../domain/payments/applied-amounts';
import { unreadable } from './unreadable';
import { isBeforeSync, syncStartDay } from './sync-window';

type StateOf<K extends RecordState['kind']> = Extract<RecordState, { kind: K }>;

/**
 * Invoices, payments and refunds: the record itself comes as read; its context (links of what it refers to,
 * sibling payments) is read here, and the sync window applied.
 */
export class MoneyDecider {
  private readonly order: ApplicationOrder;
  private readonly activity: NamedReferenceActivity;

  constructor(
    private readonly host: HostDirectory,
    private readonly links: LinkStore,
    private readonly receivable: ReceivableAccount,
    private readonly hostAppName?: string,
  ) {
    this.order = new ApplicationOrder(host, links);
    this.activity = new NamedReferenceActivity(host, links);
  }

  async invoice({ tenantId, hostId, read, link }: Pick<StateOf<'invoice'>, 'tenantId' | 'hostId' | 'read' | 'link'>, settings: TenantSettings): Promise<RecordDecision> {
    if (read.kind === 'unreadable') return unreadable(read.reason);
    const invoice = recordOf(read);
    if (invoice === null) return decideInvoice(tenantId, null, { payments: [], customerLink: null, itemLinks: new Map() }, link);
    const startDay = syncStartDay(settings.enabledAt);
    const all = await this.host.paymentsForInvoice(tenantId, hostId);
    const payments = all.filter((payment) => !isBeforeSync(payment.receivedOn, startDay));
    if (link === null && payments.length === 0 && all.length > 0) {
      return { kind: 'skipped', reason: `invoice ${invoice.number} was paid before the sync was turned on (${startDay}), so it stays out of QuickBooks.` };
    }
    const itemIds = [...new Set(invoice.lines.flatMap((line) => (line.catalogItemId === null ? [] : [line.catalogItemId])))];
    const [customer, customerLink, itemLinks, items] = await Promise.all([
      this.host.getCustomer(tenantId, invoice.customerId),
      this.links.get(tenantId, 'customer', invoice.customerId),
      this.links.getMany(tenantId, 'item', itemIds),
      Promise.all(itemIds.map((id) => this.host.getItem(tenantId, id))),
    ]);
    const missing: SyncDependency[] = [
      ...(customer === null && customerLink === null ? [{ kind: 'customer' as const, hostId: invoice.customerId }] : []),
      ...itemIds.filter((id, i) => items[i] === null && !itemLinks.has(id)).map((id) => ({ kind: 'item' as const, hostId: id })),
    ];
    const decision = decideInvoice(tenantId, invoice, { payments, customerLink, itemLinks, missing, taxCodeId: settings.taxCodeId, ...this.named(settings) }, link);
    const named = [
      { reference: { kind: 'customer' as const, hostId: invoice.customerId }, record: customer, link: customerLink },
      ...itemIds.map((id, i) => ({ reference: { kind: 'item' as const, hostId: id }, record: items[i] ?? null, link: itemLinks.get(id) ?? null })),
    ];
    const namedFirst = await this.namedFirst(decision, tenantId, named, settings);
    if (namedFirst.length > 0) return { kind: 'awaiting', dependencies: namedFirst };
    if (decision.kind === 'update' || decision.kind === 'void') {
      // An invoice edited below what its payments apply in QBO, or voided with payments on it (QBO voids only an
      // invoice nothing is applied to): those payments are lowered first, their rest left as the customer's credit.
      const lowerFirst = await this.order.lowerFirst(tenantId, hostId, decision.kind === 'void' ? 0 : invoice.totalCents, null);
      if (lowerFirst.length > 0) return { kind: 'awaiting', dependencies: lowerFirst };
    }
    // An unpaid invoice left out on purpose is worth a line in the activity log; "already up to date" is not.
    return decision.kind === 'nothing' && link === null && invoice.status !== 'void' ? { kind: 'skipped', reason: decision.reason } : decision;
  }

  async payment({ tenantId, read, link }: StateOf<'payment'>, settings: TenantSettings): Promise<RecordDecision> {
    if (read.kind === 'unreadable') return unreadable(read.reason);
    const payment = recordOf(read);
    const context = { invoice: null, otherPayments: [], customerLink: null, invoiceLink: null, depositAccountId: settings.depositAccountId };
    if (payment === null || payment.deleted) return decidePayment(tenantId, payment, context, link);
    const startDay = syncStartDay(settings.enabledAt);
    if (link === null && isBeforeSync(payment.receivedOn, startDay)) {
      return { kind: 'skipped', reason: `the payment was received on ${payment.receivedOn}, before the sync was turned on (${startDay}), so it stays out of QuickBooks.` };
    }
    const [invoiceRead, otherPayments, customer, customerLink, invoiceLink] = await Promise.all([
      payment.invoiceId === null ? null : this.host.read(tenantId, 'invoice', payment.invoiceId),
      payment.invoiceId === null ? [] : this.host.paymentsForInvoice(tenantId, payment.invoiceId),
      this.host.getCustomer(tenantId, payment.customerId),
      this.links.get(tenantId, 'customer', payment.customerId),
      payment.invoiceId === null ? null : this.links.get(tenantId, 'invoice', payment.invoiceId),
    ]);
    // Read as an account credit, a payment whose invoice cannot be read would land in QBO unapplied.
    if (invoiceRead?.kind === 'unreadable') return unreadable(`its invoice ${payment.invoiceId}: ${invoiceRead.reason}`);
    const invoice = invoiceRead === null ? null : recordOf(invoiceRead);
    const missing = customer === null && customerLink === null ? [{ kind: 'customer' as const, hostId: payment.customerId }] : [];
    const refundLinks = payment.invoiceId === null ? await this.refundLinksOf(tenantId, payment.id) : [];
    const decision = decidePayment(tenantId, payment, { ...context, invoice, otherPayments, customerLink, invoiceLink, missing, refundLinks, ...this.named(settings) }, link);
    const namedFirst = await this.namedFirst(decision, tenantId, [{ reference: { kind: 'customer', hostId: payment.customerId }, record: customer, link: customerLink }], settings);
    if (namedFirst.length > 0) return { kind: 'awaiting', dependencies: namedFirst };
    if ((decision.kind !== 'create' && decision.kind !== 'update') || invoice === null || invoiceRead === null || invoiceLink === null) return decision;
    if (appliedOf(decision.pushed) <= pushedApplied(link)) return decision;
    // Raising what this payment applies: whatever lowers the invoice's applications goes first, and the invoice's own
    // update (a raised total) too, or QBO would see more applied than the invoice's open balance.
    const first = await this.order.lowerFirst(tenantId, invoice.id, invoice.status === 'void' ? 0 : invoice.totalCents, payment.id, payment);
    const invoiceDecision = await this.invoice({ tenantId, hostId: invoice.id, read: invoiceRead, link: invoiceLink }, settings);
    if (invoiceDecision.kind === 'update' || invoiceDecision.kind === 'awaiting') first.push({ kind: 'invoice', hostId: invoice.id });
    return first.length === 0 ? decision : { kind: 'awaiting', dependencies: first };
  }

  /**
   * A write naming a customer or item the plugin made inactive in QBO waits for it when its next look makes it active
   * again: always for new money (it keeps what it names active until sent), for an edit when the host has it active
   * again or money naming it still moves (ADR 0041, 0077). Otherwise the write goes as it is. The ones to wait for.
   */
  private async namedFirst(decision: RecordDecision, tenantId: string, named: readonly NamedRecord[], settings: TenantSettings): Promise<SyncDependency[]> {
    if (decision.kind !== 'create' && decision.kind !== 'update') return [];
    const first: SyncDependency[] = [];
    for (const { reference, record, link } of named) {
      if (!madeInactive(link) || record === null) continue;
      if (decision.kind === 'create' || record.isActive || (await this.activity.keptActiveBecause(tenantId, reference, settings)) !== null) first.push(reference);
    }
    return first;
  }

  /** Host ids of the payments whose lines in QBO link the refund expense `purchaseId` (rare: read by going through the links). */
  private async creditsLinking(tenantId: string, purchaseId: string): Promise<string[]> {
    const linking: string[] = [];
    for await (const payment of this.links.list(tenantId, 'payment')) {
      const lines = (payment.pushed?.['refundLinks'] ?? []) as readonly QboRefundLink[];
      if (!payment.retired && lines.some((line) => line.purchaseId === purchaseId)) linking.push(payment.hostId);
    }
    return linking;
  }

  /** A credit's refunds that reached QBO as expenses (in the order they were made), for the credit's lines. */
  private async refundLinksOf(tenantId: string, paymentId: string): Promise<QboRefundLink[]> {
    const refunds = await this.host.refundsOfPayment(tenantId, paymentId);
    if (refunds.length === 0) return [];
    const links = await this.links.getMany(tenantId, 'refund', refunds.map((refund) => refund.id));
    return [...refunds]
      .sort((a, b) => compareHostIds(a.id, b.id))
      .flatMap((refund) => {
        const link = links.get(refund.id);
        return link && !link.retired && link.qboEntity === 'Purchase' ? [{ purchaseId: link.qboId, amountCents: refund.amountCents }] : [];
      });
  }

  /** The host app's name for the memos, when the host gave one, and the company's currency for money in words. */
  private named(settings: TenantSettings): { hostAppName?: string; currency: string | null } {
    return { ...(this.hostAppName === undefined ? {} : { hostAppName: this.hostAppName }), currency: settings.homeCurrency };
  }

  /** A synced payout (its deposit live in QBO) carries the payment. */
  private async depositedInPayout(tenantId: string, paymentId: string): Promise<boolean> {
    const payoutId = await this.host.payoutOfPayment(tenantId, paymentId);
    if (payoutId === null) return false;
    const payoutLink = await this.links.get(tenantId, 'payout', payoutId);
    return payoutLink !== null && !payoutLink.retired;
  }

  async refund({ tenantId, read, link }: StateOf<'refund'>, settings: TenantSettings): Promise<RecordDecision> {
    if (read.kind === 'unreadable') return unreadable(read.reason);
    const refund = recordOf(read);
    const none = { payment: null, customerLink: null, paymentLink: null, refundItemLink: null, depositAccountId: settings.depositAccountId };
    if (refund === null) {
      // A credit refund the host removed: QBO refuses to delete an expense a payment links, so the credits that link it
      // are written first (their refund lines no longer list it), then the expense is deleted.
      if (link !== null && !link.retired && link.qboEntity === 'Purchase') {
        const linking = await this.creditsLinking(tenantId, link.qboId);
        if (linking.length > 0) return { kind: 'awaiting', dependencies: linking.map((hostId) => ({ kind: 'payment' as const, hostId })) };
      }
      return decideRefund(tenantId, null, none, link);
    }
    const paymentRead = await this.host.read(tenantId, 'payment', refund.paymentId);
    if (paymentRead.kind === 'unreadable') return unreadable(`the payment ${refund.paymentId} it refunds: ${paymentRead.reason}`);
    const payment: HostPayment | null = recordOf(paymentRead);
    const startDay = syncStartDay(settings.enabledAt);
    if (link === null && (isBeforeSync(refund.refundedOn, startDay) || (payment !== null && isBeforeSync(payment.receivedOn, startDay)))) {
      return { kind: 'skipped', reason: `the refund (or the payment it refunds) is dated before the sync was turned on (${startDay}), so it stays out of QuickBooks.` };
    }
    const [customer, customerLink, paymentLink, refundItemLink] = await Promise.all([
      payment === null ? null : this.host.getCustomer(tenantId, payment.customerId),
      payment === null ? null : this.links.get(tenantId, 'customer', payment.customerId),
      this.links.get(tenantId, 'payment', refund.paymentId),
      this.links.get(tenantId, 'item', REFUND_ITEM_HOST_ID),
    ]);
    const missing = payment !== null && customer === null && customerLink === null ? [{ kind: 'customer' as const, hostId: payment.customerId }] : [];
    const context = { payment, customerLink, paymentLink, refundItemLink, depositAccountId: settings.depositAccountId, missing, ...this.named(settings) };
    // A refund of an account credit: an expense on Accounts Receivable, within what the credit's earlier refunds left.
    const credit = refundEntity(payment, link) === 'Purchase'
      ? { otherRefunds: await this.host.refundsOfPayment(tenantId, refund.paymentId), receivableAccountId: await this.receivable.idFor(tenantId, settings.linkedRealmId), paymentDeposited: link === null && (await this.depositedInPayout(tenantId, refund.paymentId)) }
      : {};
    const decision = decideRefund(tenantId, refund, { ...context, ...credit }, link);
    if (payment === null) return decision;
    const namedFirst = await this.namedFirst(decision, tenantId, [{ reference: { kind: 'customer', hostId: payment.customerId }, record: customer, link: customerLink }], settings);
    return namedFirst.length > 0 ? { kind: 'awaiting', dependencies: namedFirst } : decision;
  }
}

/** A customer or item a money record names, as the host has it and as the plugin last pushed it. */
interface NamedRecord {
  readonly reference: NamedReference;
  readonly record: HostCustomer | HostCatalogItem | null;
  readonly link: Link | null;
}

/**
 * A customer or item the plugin made inactive in QBO (nothing named it any more): new money naming it must not meet
 * QBO's refusal (610), so it is looked at first — with this record still to be sent, it is made active again.
 */
const madeInactive = (link: Link | null): boolean => link?.pushed?.['active'] === false;
