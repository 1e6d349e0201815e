import type { HostDirectory } from '../../application/ports/host-directory.port';
import type { HostReadOf } from '../../application/ports/host-read';
import type { HostCatalogItem, HostCustomer, HostCustomerMoney, HostInvoice, HostItemMoney, HostPayment, HostPayout, HostRecordKind, HostRefund } from '../../domain/host/host-records';

interface Stored<T> {
  readonly tenantId: string;
  readonly record: T;
  readonly updatedAt: number;
}

type Records = { customer: HostCustomer; item: HostCatalogItem; invoice: HostInvoice; payment: HostPayment; refund: HostRefund; payout: HostPayout };

/** Numeric ids in number order (as a database orders an integer key), others as text. */
const byId = (a: { id: string }, b: { id: string }): number => {
  const [x, y] = [Number(a.id), Number(b.id)];
  if (Number.isSafeInteger(x) && Number.isSafeInteger(y) && a.id !== '' && b.id !== '') return x - y;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/**
 * The host's records in memory, for application tests and the model runs. `put*` is how a test plays the host:
 * it stores (or replaces) a record as changed at `updatedAt`; `nextId` hands out ids as an auto-increment would.
 */
export class InMemoryHostDirectory implements HostDirectory {
  private readonly tables: { [K in HostRecordKind]: Map<string, Stored<Records[K]>> } = {
    customer: new Map(),
    item: new Map(),
    invoice: new Map(),
    payment: new Map(),
    refund: new Map(),
    payout: new Map(),
  };
  private lastId = 0;
  private readonly changedAt = new Map<string, { tenantId: string; updatedAt: number }>();
  /** Rows a test made unreadable (the host wrote something the mapping cannot read), with the reason. */
  private readonly unreadable = new Map<string, { tenantId: string; reason: string; customerId?: string }>();

  nextId(): string {
    return String(++this.lastId);
  }

  putCustomer(tenantId: string, customer: HostCustomer, updatedAt: number): void {
    this.put('customer', tenantId, customer, updatedAt);
  }

  putItem(tenantId: string, item: HostCatalogItem, updatedAt: number): void {
    this.put('item', tenantId, item, updatedAt);
  }

  putInvoice(tenantId: string, invoice: HostInvoice, updatedAt: number): void {
    this.put('invoice', tenantId, invoice, updatedAt);
  }

  putPayment(tenantId: string, payment: HostPayment, updatedAt: number): void {
    this.put('payment', tenantId, payment, updatedAt);
  }

  putRefund(tenantId: string, refund: HostRefund, updatedAt: number): void {
    this.put('refund', tenantId, refund, updatedAt);
  }

  putPayout(tenantId: string, payout: HostPayout, updatedAt: number): void {
    this.put('payout', tenantId, payout, updatedAt);
  }

  /**
   * Plays a host row that exists but cannot be read (a blank item name, a NULL price…) until it is put again;
   * `customerId` names whose money row it is, for `moneyOfCustomer`.
   */
  putUnreadable(kind: HostRecordKind, tenantId: string, id: string, reason: string, updatedAt: number, customerId?: string): void {
    this.tables[kind].delete(id);
    this.unreadable.set(`${kind}:${id}`, customerId === undefined ? { tenantId, reason } : { tenantId, reason, customerId });
    this.changedAt.set(`${kind}:${id}`, { tenantId, updatedAt });
  }

  async read<K extends HostRecordKind>(tenantId: string, kind: K, id: string): Promise<HostReadOf<K>> {
    const broken = this.unreadable.get(`${kind}:${id}`);
    if (broken && broken.tenantId === tenantId) return { kind: 'unreadable', reason: broken.reason } as HostReadOf<K>;
    const record = this.get(kind, tenantId, id);
    return (record === null ? { kind: 'missing' } : { kind: 'found', record }) as HostReadOf<K>;
  }

  async readMany<K extends HostRecordKind>(tenantId: string, kind: K, ids: readonly string[]): Promise<ReadonlyMap<string, HostReadOf<K>>> {
    return new Map(await Promise.all(ids.map(async (id) => [id, await this.read(tenantId, kind, id)] as const)));
  }

  async getCustomer(tenantId: string, id: string): Promise<HostCustomer | null> {
    return this.get('customer', tenantId, id);
  }

  async getItem(tenantId: string, id: string): Promise<HostCatalogItem | null> {
    return this.get('item', tenantId, id);
  }

  async getInvoice(tenantId: string, id: string): Promise<HostInvoice | null> {
    return this.get('invoice', tenantId, id);
  }

  async getPayment(tenantId: string, id: string): Promise<HostPayment | null> {
    return this.get('payment', tenantId, id);
  }

  async getRefund(tenantId: string, id: string): Promise<HostRefund | null> {
    return this.get('refund', tenantId, id);
  }

  async paymentsForInvoice(tenantId: string, invoiceId: string): Promise<readonly HostPayment[]> {
    return this.all('payment', tenantId).filter((payment) => payment.invoiceId === invoiceId && !payment.deleted);
  }

  async payoutOfPayment(tenantId: string, paymentId: string): Promise<string | null> {
    return this.all('payout', tenantId).find((payout) => !payout.deleted && payout.paymentIds.includes(paymentId))?.id ?? null;
  }

  async chargesSalesTax(tenantId: string): Promise<boolean> {
    return this.all('invoice', tenantId).some((invoice) => invoice.status !== 'void' && invoice.taxCents > 0);
  }

  async everyPaymentForInvoice(tenantId: string, invoiceId: string): Promise<readonly HostPayment[]> {
    return this.all('payment', tenantId).filter((payment) => payment.invoiceId === invoiceId);
  }

  async everyPaymentForInvoices(tenantId: string, invoiceIds: readonly string[]): Promise<ReadonlyMap<string, readonly HostPayment[]>> {
    return new Map(await Promise.all(invoiceIds.map(async (invoiceId) => [invoiceId, await this.everyPaymentForInvoice(tenantId, invoiceId)] as const)));
  }

  async refundsOfPayment(tenantId: string, paymentId: string): Promise<readonly HostRefund[]> {
    return this.all('refund', tenantId).filter((refund) => refund.paymentId === paymentId);
  }

  async moneyOfCustomer(tenantId: string, customerId: string): Promise<HostCustomerMoney> {
    const broken = [...this.unreadable].filter(([, row]) => row.tenantId === tenantId && row.customerId === customerId).map(([key, row]) => `${key.replace(':', ' ')}: ${row.reason}`);
    const payments = this.all('payment', tenantId).filter((payment) => payment.customerId === customerId);
    const paymentIds = new Set(payments.map((payment) => payment.id));
    return {
      customerId,
      invoices: this.all('invoice', tenantId).filter((invoice) => invoice.customerId === customerId),
      payments,
      refunds: this.all('refund', tenantId).filter((refund) => paymentIds.has(refund.paymentId)),
      unreadable: broken,
    };
  }

  async moneyNamingItem(tenantId: string, itemId: string): Promise<HostItemMoney> {
    const invoices = this.all('invoice', tenantId).filter((invoice) => invoice.lines.some((line) => line.catalogItemId === itemId));
    const invoiceIds = new Set(invoices.map((invoice) => invoice.id));
    return { itemId, invoices, payments: this.all('payment', tenantId).filter((payment) => payment.invoiceId !== null && invoiceIds.has(payment.invoiceId)), unreadable: [] };
  }

  async *listAccountCredits(tenantId: string): AsyncIterable<HostPayment> {
    yield* this.all('payment', tenantId).filter((payment) => payment.invoiceId === null && !payment.deleted);
  }

  async *listCustomers(tenantId: string): AsyncIterable<HostCustomer> {
    yield* this.all('customer', tenantId);
  }

  async *listItems(tenantId: string): AsyncIterable<HostCatalogItem> {
    yield* this.all('item', tenantId);
  }

  async *listUnreadable(tenantId: string, kind: HostRecordKind): AsyncIterable<{ readonly id: string; readonly reason: string }> {
    const broken = [...this.unreadable]
      .filter(([key, row]) => key.startsWith(`${kind}:`) && row.tenantId === tenantId)
      .map(([key, row]) => ({ id: key.slice(kind.length + 1), reason: row.reason }));
    yield* broken.sort(byId);
  }

  async *changedSince(tenantId: string, kind: HostRecordKind, since: number): AsyncIterable<string> {
    const changed = [...this.tables[kind].values()].filter((s) => s.tenantId === tenantId && s.updatedAt >= since).map((s) => ({ id: s.record.id }));
    const broken = [...this.changedAt].filter(([key, at]) => key.startsWith(`${kind}:`) && this.unreadable.has(key) && at.tenantId === tenantId && at.updatedAt >= since);
    for (const record of [...changed, ...broken.map(([key]) => ({ id: key.slice(kind.length + 1) }))].sort(byId)) yield record.id;
  }

  private put<K extends HostRecordKind>(kind: K, tenantId: string, record: Records[K], updatedAt: number): void {
    this.unreadable.delete(`${kind}:${record.id}`);
    const numeric = Number(record.id);
    if (Number.isSafeInteger(numeric) && numeric > this.lastId) this.lastId = numeric;
    (this.tables[kind] as Map<string, Stored<Records[K]>>).set(record.id, { tenantId, record: structuredClone(record), updatedAt });
  }

  private get<K extends HostRecordKind>(kind: K, tenantId: string, id: string): Records[K] | null {
    const stored = this.tables[kind].get(id);
    return stored && stored.tenantId === tenantId ? (structuredClone(stored.record) as Records[K]) : null;
  }

  private all<K extends HostRecordKind>(kind: K, tenantId: string): Records[K][] {
    const records = [...this.tables[kind].values()].filter((s) => s.tenantId === tenantId).map((s) => structuredClone(s.record) as Records[K]);
    return records.sort(byId);
  }
}
