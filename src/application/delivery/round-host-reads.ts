import type { HostCatalogItem, HostCustomer, HostCustomerMoney, HostInvoice, HostItemMoney, HostPayment, HostRecordKind, HostRefund } from '../../domain/host/host-records';
import { everyPaymentForInvoices, type HostDirectory } from '../ports/host-directory.port';
import { recordOf, type HostRead, type HostReadOf } from '../ports/host-read';
import { recordKey } from './record-state';

type RecordRef = { readonly kind: HostRecordKind; readonly hostId: string };

/**
 * The host rows one delivery round's decisions read (ADR 0078), each read once: a round's rows share their customer,
 * item and invoice, and every decision (and its look again after a write) asked for them anew. The round never writes
 * host rows; a row the host changes after the round read it comes with its own outbox row, decided by a later round.
 * A record the round begins to deliver is forgotten (`forget`), as the round's own state of it is read again then;
 * rows forgotten are read again together, with the next read of their kind. Everything else passes through.
 */
export class RoundHostReads implements HostDirectory {
  private readonly rows = new Map<string, Promise<HostRead<unknown>>>();
  /** Rows read and then forgotten, by kind: the next read of that kind reads them again with it (one statement, not one each). */
  private readonly forgotten = new Map<HostRecordKind, Set<string>>();
  /**
   * Every payment of an invoice (deleted included), by invoice id; the live ones are those not deleted. Kept for the
   * round: each decision reading a list puts its own record's state in place of that record's row in it.
   */
  private readonly payments = new Map<string, Promise<readonly HostPayment[]>>();
  /** Invoices the round's rows are or name, whose payments are not read yet: the first list asked for reads theirs too. */
  private readonly invoicesOfRound = new Set<string>();

  constructor(
    private readonly host: HostDirectory,
    private readonly tenantId: string,
  ) {}

  /** A row the round read at its start (its own rows'), kept unless one is already known. */
  remember(record: RecordRef & { readonly read: HostRead<unknown> }): void {
    const key = recordKey(record);
    if (!this.rows.has(key)) this.rows.set(key, Promise.resolve(record.read));
    const invoiceId = record.kind === 'invoice' ? record.hostId : record.kind === 'payment' ? (recordOf(record.read as HostRead<HostPayment>)?.invoiceId ?? null) : null;
    if (invoiceId !== null) this.invoicesOfRound.add(invoiceId);
  }

  /** The record's row: read again when next asked for, as the round's own state of it is. */
  forget(record: RecordRef): void {
    if (this.rows.delete(recordKey(record))) this.forgotten.set(record.kind, (this.forgotten.get(record.kind) ?? new Set()).add(record.hostId));
  }

  async getCustomer(tenantId: string, id: string): Promise<HostCustomer | null> {
    return recordOf(await this.read(tenantId, 'customer', id));
  }

  async getItem(tenantId: string, id: string): Promise<HostCatalogItem | null> {
    return recordOf(await this.read(tenantId, 'item', id));
  }

  async getInvoice(tenantId: string, id: string): Promise<HostInvoice | null> {
    return recordOf(await this.read(tenantId, 'invoice', id));
  }

  async getPayment(tenantId: string, id: string): Promise<HostPayment | null> {
    return recordOf(await this.read(tenantId, 'payment', id));
  }

  async getRefund(tenantId: string, id: string): Promise<HostRefund | null> {
    return recordOf(await this.read(tenantId, 'refund', id));
  }

  async read<K extends HostRecordKind>(tenantId: string, kind: K, id: string): Promise<HostReadOf<K>> {
    return (await this.readMany(tenantId, kind, [id])).get(id)!;
  }

  /** The ids not read yet this round, and those of the kind forgotten since, go in one read of the port; a read that fails is not kept. */
  async readMany<K extends HostRecordKind>(tenantId: string, kind: K, ids: readonly string[]): Promise<ReadonlyMap<string, HostReadOf<K>>> {
    if (tenantId !== this.tenantId) return this.host.readMany(tenantId, kind, ids);
    const wanted = [...new Set(ids)];
    const unread = (hostId: string): boolean => !this.rows.has(recordKey({ kind, hostId }));
    if (wanted.some(unread)) {
      const missing = [...new Set([...wanted, ...(this.forgotten.get(kind) ?? [])])].filter(unread);
      this.forgotten.delete(kind);
      const reading = this.host.readMany(tenantId, kind, missing);
      for (const hostId of missing) {
        const key = recordKey({ kind, hostId });
        const one = reading.then((reads) => reads.get(hostId) ?? { kind: 'missing' as const });
        this.rows.set(key, one);
        one.catch(() => this.rows.get(key) === one && this.rows.delete(key));
      }
    }
    const reads = await Promise.all(wanted.map(async (hostId) => [hostId, (await this.rows.get(recordKey({ kind, hostId }))!) as HostReadOf<K>] as const));
    return new Map(reads);
  }

  async paymentsForInvoice(tenantId: string, invoiceId: string): Promise<readonly HostPayment[]> {
    return (await this.everyPaymentForInvoice(tenantId, invoiceId)).filter((payment) => !payment.deleted);
  }

  async everyPaymentForInvoice(tenantId: string, invoiceId: string): Promise<readonly HostPayment[]> {
    if (tenantId !== this.tenantId) return this.host.everyPaymentForInvoice(tenantId, invoiceId);
    const known = this.payments.get(invoiceId);
    if (known) return known;
    // A directory without the read of several lists reads each one when asked for, as before.
    const others = this.host.everyPaymentForInvoices ? [...this.invoicesOfRound].filter((id) => id !== invoiceId && !this.payments.has(id)) : [];
    const invoiceIds = [invoiceId, ...others];
    for (const id of invoiceIds) this.invoicesOfRound.delete(id);
    const reading = everyPaymentForInvoices(this.host, tenantId, invoiceIds);
    for (const id of invoiceIds) {
      const one = reading.then((lists) => lists.get(id) ?? []);
      this.payments.set(id, one);
      one.catch(() => this.payments.get(id) === one && this.payments.delete(id));
    }
    return this.payments.get(invoiceId)!;
  }

  refundsOfPayment(tenantId: string, paymentId: string): Promise<readonly HostRefund[]> {
    return this.host.refundsOfPayment(tenantId, paymentId);
  }

  moneyOfCustomer(tenantId: string, customerId: string): Promise<HostCustomerMoney> {
    return this.host.moneyOfCustomer(tenantId, customerId);
  }

  moneyNamingItem(tenantId: string, itemId: string): Promise<HostItemMoney> {
    return this.host.moneyNamingItem(tenantId, itemId);
  }

  listAccountCredits(tenantId: string): AsyncIterable<HostPayment> {
    return this.host.listAccountCredits(tenantId);
  }

  listCustomers(tenantId: string): AsyncIterable<HostCustomer> {
    return this.host.listCustomers(tenantId);
  }

  listItems(tenantId: string): AsyncIterable<HostCatalogItem> {
    return this.host.listItems(tenantId);
  }

  listUnreadable(tenantId: string, kind: HostRecordKind): AsyncIterable<{ readonly id: string; readonly reason: string }> {
    return this.host.listUnreadable(tenantId, kind);
  }

  changedSince(tenantId: string, kind: HostRecordKind, since: number): AsyncIterable<string> {
    return this.host.changedSince(tenantId, kind, since);
  }

  payoutOfPayment(tenantId: string, paymentId: string): Promise<string | null> {
    return this.host.payoutOfPayment(tenantId, paymentId);
  }

  chargesSalesTax(tenantId: string): Promise<boolean> {
    return this.host.chargesSalesTax(tenantId);
  }
}
