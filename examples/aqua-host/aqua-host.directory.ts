import type { Knex } from 'knex';
import {
  recordOf,
  type HostCatalogItem,
  type HostCustomer,
  type HostCustomerMoney,
  type HostDirectory,
  type HostInvoice,
  type HostItemMoney,
  type HostPayment,
  type HostRead,
  type HostReadOf,
  type HostRecordKind,
  type HostRecordOfKind,
  type HostRefund,
} from '../../src/plugin';
import {
  AquaUnreadable,
  aquaPaymentTypes,
  aquaSyncedCategories,
  customerOfRow,
  invoiceHeadOfRow,
  invoiceLineOfRow,
  itemOfRow,
  paymentOfRow,
  payoutHeadOfRow,
  refundOfRow,
  type AquaRow,
} from './aqua-host-rows';

const pageSize = 500;
const tableOfKind = { customer: 'aqua_clients', item: 'aqua_catalog', invoice: 'aqua_bills', payment: 'aqua_ledger', refund: 'aqua_ledger', payout: 'aqua_payouts' } as const;

type Read<T> = HostRead<T>;
const readRow = <T>(map: (row: AquaRow) => T, row: AquaRow): Read<T> => {
  try {
    return { kind: 'found', record: map(row) };
  } catch (error) {
    if (error instanceof AquaUnreadable) return { kind: 'unreadable', reason: error.message };
    throw error;
  }
};

/**
 * The aqua app's own HostDirectory (path 2 of "Your host's schema"): plain knex over its tables, importing only
 * `qbo-sync`. Ids are UUIDs listed in text order; the ledger holds payments, credits and refunds told apart by
 * `entry_type`; a ledger row of a type neither reads as is reported unreadable among the payments.
 */
export class AquaHostDirectory implements HostDirectory {
  constructor(private readonly knex: Knex) {}

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

  async readMany<K extends HostRecordKind>(tenantId: string, kind: K, ids: readonly string[]): Promise<ReadonlyMap<string, HostReadOf<K>>> {
    const wanted = [...new Set(ids)];
    const reads = new Map<string, Read<unknown>>();
    for (let i = 0; i < wanted.length; i += pageSize) {
      const rows = await this.rowsOf(tenantId, kind).whereIn(`${tableOfKind[kind]}.uuid`, wanted.slice(i, i + pageSize));
      for (const [id, read] of await this.readRows(kind, rows)) reads.set(id, read);
    }
    return new Map(wanted.map((id) => [id, (reads.get(id) ?? { kind: 'missing' }) as HostReadOf<K>]));
  }

  async paymentsForInvoice(tenantId: string, invoiceId: string): Promise<readonly HostPayment[]> {
    return (await this.everyPaymentForInvoice(tenantId, invoiceId)).filter((payment) => !payment.deleted);
  }

  async everyPaymentForInvoice(tenantId: string, invoiceId: string): Promise<readonly HostPayment[]> {
    return this.readable('payment', await this.rowsOf(tenantId, 'payment').where({ bill_uuid: invoiceId }).orderBy('uuid'));
  }

  async refundsOfPayment(tenantId: string, paymentId: string): Promise<readonly HostRefund[]> {
    return this.readable('refund', await this.rowsOf(tenantId, 'refund').where({ refund_of: paymentId }).orderBy('uuid'));
  }

  async moneyOfCustomer(tenantId: string, customerId: string): Promise<HostCustomerMoney> {
    const unreadable: string[] = [];
    const keep = <T>(kind: HostRecordKind, reads: ReadonlyMap<string, Read<unknown>>): T[] => {
      const found: T[] = [];
      for (const [id, read] of reads) {
        if (read.kind === 'found') found.push(read.record as T);
        else if (read.kind === 'unreadable') unreadable.push(`${kind} ${id}: ${read.reason}`);
      }
      return found;
    };
    const invoices = keep<HostInvoice>('invoice', await this.readRows('invoice', await this.rowsOf(tenantId, 'invoice').where({ client_uuid: customerId }).orderBy('uuid')));
    const payments = keep<HostPayment>('payment', await this.readRows('payment', await this.rowsOf(tenantId, 'payment').where({ client_uuid: customerId }).orderBy('uuid')));
    const refundRows = payments.length === 0 ? [] : await this.rowsOf(tenantId, 'refund').whereIn('refund_of', payments.map((p) => p.id)).orderBy('uuid');
    const refunds = keep<HostRefund>('refund', await this.readRows('refund', refundRows));
    return { customerId, invoices, payments, refunds, unreadable };
  }

  async moneyNamingItem(tenantId: string, itemId: string): Promise<HostItemMoney> {
    const unreadable: string[] = [];
    const naming = this.knex('aqua_bill_lines').where({ catalog_uuid: itemId }).select('bill_uuid');
    const invoiceReads = await this.readRows('invoice', await this.rowsOf(tenantId, 'invoice').whereIn('uuid', naming).orderBy('uuid'));
    const invoices: HostInvoice[] = [];
    for (const [id, read] of invoiceReads) {
      if (read.kind === 'found') invoices.push(read.record as HostInvoice);
      else if (read.kind === 'unreadable') unreadable.push(`invoice ${id}: ${read.reason}`);
    }
    const paymentRows = invoices.length === 0 ? [] : await this.rowsOf(tenantId, 'payment').whereIn('bill_uuid', invoices.map((invoice) => invoice.id)).orderBy('uuid');
    const payments: HostPayment[] = [];
    for (const [id, read] of await this.readRows('payment', paymentRows)) {
      if (read.kind === 'found') payments.push(read.record as HostPayment);
      else if (read.kind === 'unreadable') unreadable.push(`payment ${id}: ${read.reason}`);
    }
    return { itemId, invoices, payments, unreadable };
  }

  async *listAccountCredits(tenantId: string): AsyncIterable<HostPayment> {
    for await (const row of this.pages(tenantId, 'payment', (query) => query.whereNull('bill_uuid').whereNull('voided_at'))) {
      const read = readRow(paymentOfRow, row);
      if (read.kind === 'found') yield read.record;
    }
  }

  async *listCustomers(tenantId: string): AsyncIterable<HostCustomer> {
    for await (const row of this.pages(tenantId, 'customer')) {
      const read = readRow(customerOfRow, row);
      if (read.kind === 'found') yield read.record;
    }
  }

  async *listItems(tenantId: string): AsyncIterable<HostCatalogItem> {
    for await (const row of this.pages(tenantId, 'item')) {
      const read = readRow(itemOfRow, row);
      if (read.kind === 'found') yield read.record;
    }
  }

  async *listUnreadable(tenantId: string, kind: HostRecordKind): AsyncIterable<{ readonly id: string; readonly reason: string }> {
    if (kind === 'payment') {
      // A ledger row no kind claims would otherwise be read by nothing: it is named here, with its type.
      const strays: AquaRow[] = await this.knex('aqua_ledger').where({ org_uuid: tenantId }).whereNotIn('entry_type', [...aquaPaymentTypes, 'refund']).orderBy('uuid');
      for (const row of strays) yield { id: String(row['uuid']), reason: `unknown ledger entry type ${JSON.stringify(row['entry_type'])} (aqua_ledger.entry_type; known: payment, credit, refund)` };
    }
    for await (const row of this.pages(tenantId, kind)) {
      const read = (await this.readRows(kind, [row])).get(String(row['uuid']));
      if (read?.kind === 'unreadable') yield { id: String(row['uuid']), reason: read.reason };
    }
  }

  async *changedSince(tenantId: string, kind: HostRecordKind, since: number): AsyncIterable<string> {
    for await (const row of this.pages(tenantId, kind, (query) => query.where(`${tableOfKind[kind]}.changed_at`, '>=', new Date(since)))) yield String(row['uuid']);
  }

  async payoutOfPayment(tenantId: string, paymentId: string): Promise<string | null> {
    const row = (await this.knex('aqua_payout_entries')
      .join('aqua_payouts', 'aqua_payouts.uuid', 'aqua_payout_entries.payout_uuid')
      .where({ 'aqua_payouts.org_uuid': tenantId, 'aqua_payout_entries.ledger_uuid': paymentId })
      .whereNull('aqua_payouts.voided_at')
      .orderBy('aqua_payouts.uuid')
      .first('aqua_payouts.uuid as id')) as { id: string } | undefined;
    return row ? String(row.id) : null;
  }

  /** The aqua app charges no sales tax: it has no tax column to read. */
  async chargesSalesTax(_tenantId: string): Promise<boolean> {
    return false;
  }

  /** The rows of one kind of the company: gift cards are not synced, the ledger is split by entry type. */
  private rowsOf(tenantId: string, kind: HostRecordKind): Knex.QueryBuilder {
    const table = tableOfKind[kind];
    const query = this.knex(table).where(`${table}.org_uuid`, tenantId).select(`${table}.*`);
    if (kind === 'item') query.whereIn('category', aquaSyncedCategories);
    if (kind === 'payment') query.whereIn('entry_type', [...aquaPaymentTypes]);
    if (kind === 'refund') query.where('entry_type', 'refund');
    return query;
  }

  /** Every row of a kind in id order, a page at a time (keyset on the UUID, never OFFSET). */
  private async *pages(tenantId: string, kind: HostRecordKind, narrow: (query: Knex.QueryBuilder) => Knex.QueryBuilder = (q) => q): AsyncIterable<AquaRow> {
    const table = tableOfKind[kind];
    let after: string | null = null;
    for (;;) {
      const query = narrow(this.rowsOf(tenantId, kind)).orderBy(`${table}.uuid`).limit(pageSize);
      if (after !== null) query.where(`${table}.uuid`, '>', after);
      const rows: AquaRow[] = await query;
      yield* rows;
      if (rows.length < pageSize) return;
      after = String(rows[rows.length - 1]!['uuid']);
    }
  }

  private async readable<K extends 'payment' | 'refund'>(kind: K, rows: readonly AquaRow[]): Promise<HostRecordOfKind[K][]> {
    const found: HostRecordOfKind[K][] = [];
    for (const read of (await this.readRows(kind, rows)).values()) if (read.kind === 'found') found.push(read.record as HostRecordOfKind[K]);
    return found;
  }

  /** Reads rows of one kind, in the order given; an invoice takes its lines and a payout its payments, one query each. */
  private async readRows(kind: HostRecordKind, rows: readonly AquaRow[]): Promise<Map<string, Read<unknown>>> {
    const reads = new Map<string, Read<unknown>>();
    if (kind === 'invoice') {
      const lineRows: AquaRow[] = rows.length === 0 ? [] : await this.knex('aqua_bill_lines').whereIn('bill_uuid', rows.map((row) => String(row['uuid']))).orderBy('uuid');
      for (const row of rows) {
        const id = String(row['uuid']);
        reads.set(id, readRow((r) => ({ ...invoiceHeadOfRow(r), lines: lineRows.filter((line) => line['bill_uuid'] === id).map(invoiceLineOfRow) }), row));
      }
      return reads;
    }
    if (kind === 'payout') {
      const entries: Array<{ payout_uuid: string; ledger_uuid: string }> =
        rows.length === 0 ? [] : await this.knex('aqua_payout_entries').whereIn('payout_uuid', rows.map((row) => String(row['uuid']))).orderBy('ledger_uuid');
      for (const row of rows) {
        const id = String(row['uuid']);
        reads.set(id, readRow((r) => {
          const head = payoutHeadOfRow(r);
          // A deleted payout carries no payment any more.
          return { ...head, paymentIds: head.deleted ? [] : entries.filter((entry) => entry.payout_uuid === id).map((entry) => entry.ledger_uuid) };
        }, row));
      }
      return reads;
    }
    const map = { customer: customerOfRow, item: itemOfRow, payment: paymentOfRow, refund: refundOfRow }[kind] as (row: AquaRow) => unknown;
    for (const row of rows) reads.set(String(row['uuid']), readRow(map, row));
    return reads;
  }
}
