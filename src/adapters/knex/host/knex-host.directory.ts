import type { Knex } from 'knex';
import type { HostDirectory } from '../../../application/ports/host-directory.port';
import { recordOf, type HostRead, type HostReadOf, type HostRecordOfKind } from '../../../application/ports/host-read';
import { Logger } from '../../../application/ports/logger.port';
import type { HostCatalogItem, HostCustomer, HostCustomerMoney, HostInvoice, HostInvoiceLine, HostItemMoney, HostPayment, HostPayout, HostRecordKind, HostRefund } from '../../../domain/host/host-records';
import type { HostEntity, HostSchema, MappedColumn, MappedTable } from './host-schema';
import {
  customerFromRow,
  invoiceHeadFromRow,
  invoiceLineFromRow,
  itemFromRow,
  paymentFromRow,
  payoutHeadFromRow,
  refundFromRow,
  type InvoiceHead,
  type Mapped,
  type Row,
} from './host-row.mapper';
import { isMysql } from '../knex-dialect';

type Entity = HostEntity;
/** Every host table but invoice lines carries the tenant; lines belong to it through their invoice. */
type TenantEntity = Exclude<Entity, 'invoiceLines' | 'payoutPayments'>;

const pageSize = 500;
/** Ids per `IN (...)` list of a bulk read. */
const readChunk = 500;
const entityOfKind = { customer: 'customers', item: 'catalogItems', invoice: 'invoices', payment: 'payments', refund: 'refunds', payout: 'payouts' } as const;

const mapperOfKind = { customer: customerFromRow, item: itemFromRow, invoice: invoiceHeadFromRow, payment: paymentFromRow, refund: refundFromRow, payout: payoutHeadFromRow } as const;
const sortedIds = (ids: readonly string[]): string[] =>
  [...ids].sort((a, b) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
const withLines = (head: InvoiceHead, lines: readonly HostInvoiceLine[]): HostInvoice => ({ ...head, lines });

/** Reads the host's tables through the mapping; lists stream in id order a page at a time (keyset, never OFFSET). */
export class KnexHostDirectory implements HostDirectory {
  constructor(
    private readonly knex: Knex,
    private readonly schema: HostSchema,
    private readonly logger: Logger,
  ) {}

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
    const found = new Map<string, HostRead<unknown>>();
    for (let i = 0; i < wanted.length; i += readChunk) {
      const chunk = wanted.slice(i, i + readChunk);
      const reads =
        kind === 'invoice'
          ? await this.invoices(tenantId, chunk)
          : kind === 'payout'
            ? await this.payouts(tenantId, chunk)
            : await this.rows(entityOfKind[kind], tenantId, chunk, this.mapper(kind) as (row: Row) => Mapped<unknown>);
      for (const [id, read] of reads) found.set(id, read);
    }
    return new Map(wanted.map((id) => [id, (found.get(id) ?? { kind: 'missing' }) as HostReadOf<K>]));
  }

  async paymentsForInvoice(tenantId: string, invoiceId: string): Promise<readonly HostPayment[]> {
    const { columns } = this.schema.payments;
    if (columns.invoiceId === null) return [];
    const query = this.scoped('payments', tenantId).select(this.selection('payments')).andWhere(columns.invoiceId, invoiceId).orderBy(columns.id!);
    if (columns.deletedAt !== null) query.whereNull(columns.deletedAt);
    const rows: Row[] = await query;
    return this.mapAll('payments', tenantId, rows, this.mapper('payment'));
  }

  async payoutOfPayment(tenantId: string, paymentId: string): Promise<string | null> {
    const payouts = this.schema.payouts;
    const links = this.schema.payoutPayments;
    const query = this.knex(links.table)
      .join(payouts.table, `${payouts.table}.${payouts.columns.id}`, `${links.table}.${links.columns.payoutId}`)
      .where(`${payouts.table}.${payouts.columns.companyId}`, tenantId)
      .andWhere(`${links.table}.${links.columns.paymentId}`, paymentId)
      .orderBy(`${payouts.table}.${payouts.columns.id}`);
    if (payouts.columns.deletedAt !== null) query.whereNull(`${payouts.table}.${payouts.columns.deletedAt}`);
    const row = (await query.first(this.knex.raw('??.?? as ??', [payouts.table, payouts.columns.id, 'id']))) as Row | undefined;
    return row ? String(row['id']) : null;
  }

  async chargesSalesTax(tenantId: string): Promise<boolean> {
    const { columns, fields } = this.schema.invoices;
    if (columns.taxCents === null) return false;
    const query = this.scoped('invoices', tenantId).andWhere(columns.taxCents, '>', 0);
    const voided = [...(fields.status.values ?? new Map())].filter(([, meaning]) => meaning === 'void').map(([value]) => value);
    if (columns.status !== null && voided.length > 0) query.whereNotIn(columns.status, voided);
    const row = await query.first(this.knex.raw('1 as ??', ['found']));
    return row !== undefined;
  }

  async everyPaymentForInvoice(tenantId: string, invoiceId: string): Promise<readonly HostPayment[]> {
    const { columns } = this.schema.payments;
    if (columns.invoiceId === null) return [];
    const rows: Row[] = await this.scoped('payments', tenantId).select(this.selection('payments')).andWhere(columns.invoiceId, invoiceId).orderBy(columns.id!);
    return this.mapAll('payments', tenantId, rows, this.mapper('payment'));
  }

  async everyPaymentForInvoices(tenantId: string, invoiceIds: readonly string[]): Promise<ReadonlyMap<string, readonly HostPayment[]>> {
    const lists = new Map<string, HostPayment[]>(invoiceIds.map((id) => [id, []]));
    const { columns } = this.schema.payments;
    if (columns.invoiceId === null) return lists;
    const wanted = [...lists.keys()];
    for (let i = 0; i < wanted.length; i += readChunk) {
      const rows: Row[] = await this.scoped('payments', tenantId).select(this.selection('payments')).whereIn(columns.invoiceId, wanted.slice(i, i + readChunk)).orderBy(columns.id!);
      for (const payment of this.mapAll('payments', tenantId, rows, this.mapper('payment'))) if (payment.invoiceId !== null) lists.get(payment.invoiceId)?.push(payment);
    }
    return lists;
  }

  async refundsOfPayment(tenantId: string, paymentId: string): Promise<readonly HostRefund[]> {
    const { columns } = this.schema.refunds;
    const rows: Row[] = await this.scoped('refunds', tenantId).select(this.selection('refunds')).andWhere(columns.paymentId!, paymentId).orderBy(columns.id!);
    return this.mapAll('refunds', tenantId, rows, this.mapper('refund'));
  }

  async moneyOfCustomer(tenantId: string, customerId: string): Promise<HostCustomerMoney> {
    const unreadable: string[] = [];
    const invoiceColumns = this.schema.invoices.columns;
    const invoiceIds: Row[] = await this.scoped('invoices', tenantId)
      .select(this.knex.raw('?? as ??', [invoiceColumns.id!, 'id']))
      .andWhere(invoiceColumns.customerId!, customerId)
      .orderBy(invoiceColumns.id!);
    const invoiceReads = await this.readMany(tenantId, 'invoice', invoiceIds.map((row) => String(row['id'])));
    const invoices: HostInvoice[] = [];
    for (const [id, read] of invoiceReads) {
      if (read.kind === 'found') invoices.push(read.record);
      else if (read.kind === 'unreadable') unreadable.push(`invoice ${id}: ${read.reason}`);
    }
    const payments = this.schema.payments.columns;
    const paymentRows: Row[] = await this.scoped('payments', tenantId).select(this.selection('payments')).andWhere(payments.customerId!, customerId).orderBy(payments.id!);
    const refunds = this.schema.refunds.columns;
    const ofCustomer = this.scoped('payments', tenantId).select(payments.id!).andWhere(payments.customerId!, customerId);
    const refundRows: Row[] = await this.scoped('refunds', tenantId).select(this.selection('refunds')).whereIn(refunds.paymentId!, ofCustomer).orderBy(refunds.id!);
    return {
      customerId,
      invoices,
      payments: this.readAll('payments', tenantId, paymentRows, this.mapper('payment'), 'payment', unreadable),
      refunds: this.readAll('refunds', tenantId, refundRows, this.mapper('refund'), 'refund', unreadable),
      unreadable,
    };
  }

  async moneyNamingItem(tenantId: string, itemId: string): Promise<HostItemMoney> {
    const unreadable: string[] = [];
    const lines = this.schema.invoiceLines;
    if (lines.columns.catalogItemId === null) return { itemId, invoices: [], payments: [], unreadable };
    const invoiceColumns = this.schema.invoices.columns;
    const naming = this.knex(lines.table).select(lines.columns.invoiceId!).where(lines.columns.catalogItemId, itemId);
    const invoiceIds: Row[] = await this.scoped('invoices', tenantId)
      .select(this.knex.raw('?? as ??', [invoiceColumns.id!, 'id']))
      .whereIn(invoiceColumns.id!, naming)
      .orderBy(invoiceColumns.id!);
    const invoices: HostInvoice[] = [];
    for (const [id, read] of await this.readMany(tenantId, 'invoice', invoiceIds.map((row) => String(row['id'])))) {
      if (read.kind === 'found') invoices.push(read.record);
      else if (read.kind === 'unreadable') unreadable.push(`invoice ${id}: ${read.reason}`);
    }
    const payments = this.schema.payments.columns;
    const paymentRows: Row[] =
      payments.invoiceId === null || invoices.length === 0
        ? []
        : await this.scoped('payments', tenantId).select(this.selection('payments')).whereIn(payments.invoiceId, invoices.map((invoice) => invoice.id)).orderBy(payments.id!);
    return { itemId, invoices, payments: this.readAll('payments', tenantId, paymentRows, this.mapper('payment'), 'payment', unreadable), unreadable };
  }

  async *listAccountCredits(tenantId: string): AsyncIterable<HostPayment> {
    const { columns } = this.schema.payments;
    const credits = (query: Knex.QueryBuilder): Knex.QueryBuilder => {
      if (columns.invoiceId !== null) query.whereNull(columns.invoiceId);
      if (columns.deletedAt !== null) query.whereNull(columns.deletedAt);
      return query;
    };
    for await (const rows of this.pages('payments', tenantId, () => this.selection('payments'), credits)) {
      yield* this.mapAll('payments', tenantId, rows, this.mapper('payment'));
    }
  }

  async *listCustomers(tenantId: string): AsyncIterable<HostCustomer> {
    for await (const rows of this.pages('customers', tenantId, () => this.selection('customers'))) {
      yield* this.mapAll('customers', tenantId, rows, this.mapper('customer'));
    }
  }

  async *listItems(tenantId: string): AsyncIterable<HostCatalogItem> {
    for await (const rows of this.pages('catalogItems', tenantId, () => this.selection('catalogItems'))) {
      yield* this.mapAll('catalogItems', tenantId, rows, this.mapper('item'));
    }
  }

  async *listUnreadable(tenantId: string, kind: HostRecordKind): AsyncIterable<{ readonly id: string; readonly reason: string }> {
    const entity = entityOfKind[kind];
    for await (const rows of this.pages(entity, tenantId, () => this.selection(entity))) {
      if (kind === 'invoice') {
        const reads = await this.invoiceReads(tenantId, rows);
        for (const [id, read] of reads) if (read.kind === 'unreadable') yield { id, reason: read.reason };
        continue;
      }
      const map = this.mapper(kind);
      for (const row of rows) {
        const mapped = map(row);
        if ('skip' in mapped) yield { id: String(row['id']), reason: mapped.skip };
      }
    }
  }

  async *changedSince(tenantId: string, kind: keyof typeof entityOfKind, since: number): AsyncIterable<string> {
    const entity = entityOfKind[kind];
    const { columns } = this.schema[entity] as MappedTable;
    // A Date binding is written in the connection's time zone by mysql2, as the host's DATETIME values are read.
    const changed = (query: Knex.QueryBuilder): Knex.QueryBuilder => query.andWhere(columns['updatedAt' as never]!, '>=', new Date(since));
    for await (const rows of this.pages(entity, tenantId, () => [this.knex.raw('?? as ??', [columns['id' as never]!, 'id'])], changed)) {
      for (const row of rows) yield String(row['id']);
    }
  }

  private async *pages(
    entity: TenantEntity,
    tenantId: string,
    selection: () => Knex.Raw[],
    narrow: (query: Knex.QueryBuilder) => Knex.QueryBuilder = (query) => query,
  ): AsyncIterable<Row[]> {
    const id = (this.schema[entity] as MappedTable).columns['id' as never] as string;
    let after: unknown = undefined;
    for (;;) {
      const query = narrow(this.scoped(entity, tenantId).select(selection())).orderBy(id).limit(pageSize);
      // The raw id value, not its string: numeric keys must compare as numbers.
      if (after !== undefined) query.andWhere(id, '>', after as Knex.Value);
      const rows: Row[] = await query;
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!['id'];
    }
  }

  private async rows<T>(entity: TenantEntity, tenantId: string, ids: readonly string[], map: (row: Row) => Mapped<T>): Promise<Map<string, HostRead<T>>> {
    const id = (this.schema[entity] as MappedTable).columns['id' as never] as string;
    const rows: Row[] = await this.scoped(entity, tenantId).select(this.selection(entity)).whereIn(id, ids);
    return new Map(rows.map((row) => [String(row['id']), this.readOf(entity, tenantId, String(row['id']), map(row))]));
  }

  /** Heads, then every line of those invoices in one query; one bad line makes its whole invoice unreadable. */
  private async invoices(tenantId: string, ids: readonly string[]): Promise<Map<string, HostRead<HostInvoice>>> {
    const id = this.schema.invoices.columns.id!;
    const rows: Row[] = await this.scoped('invoices', tenantId).select(this.selection('invoices')).whereIn(id, ids);
    return this.invoiceReads(tenantId, rows);
  }

  private async invoiceReads(tenantId: string, headRows: readonly Row[]): Promise<Map<string, HostRead<HostInvoice>>> {
    const heads = new Map(headRows.map((row) => [String(row['id']), this.readOf('invoices', tenantId, String(row['id']), this.mapper('invoice')(row))]));
    const readable = [...heads.values()].flatMap((read) => (read.kind === 'found' ? [read.record] : []));
    const reads = new Map<string, HostRead<HostInvoice>>([...heads].flatMap(([id, read]) => (read.kind === 'found' ? [] : [[id, read] as [string, HostRead<HostInvoice>]])));
    if (readable.length === 0) return reads;
    const { table, columns } = this.schema.invoiceLines;
    const rows: Row[] = await this.knex(table).select(this.selection('invoiceLines')).whereIn(columns.invoiceId!, readable.map((head) => head.id)).orderBy(columns.id!);
    const lines = new Map<string, HostInvoiceLine[]>();
    const broken = new Map<string, string>();
    for (const row of rows) {
      const invoiceId = String(row['invoiceId']);
      const mapped = invoiceLineFromRow(this.schema, row);
      if ('skip' in mapped) broken.set(invoiceId, broken.get(invoiceId) ?? mapped.skip);
      else lines.set(invoiceId, [...(lines.get(invoiceId) ?? []), mapped.record]);
    }
    for (const head of readable) {
      const reason = broken.get(head.id);
      reads.set(head.id, reason ? this.readOf('invoices', tenantId, head.id, { skip: reason }) : { kind: 'found', record: withLines(head, lines.get(head.id) ?? []) });
    }
    return reads;
  }

  /** Payout heads, then the payments of those payouts in one query. */
  private async payouts(tenantId: string, ids: readonly string[]): Promise<Map<string, HostRead<HostPayout>>> {
    const heads = await this.rows('payouts', tenantId, ids, this.mapper('payout'));
    const found = [...heads.values()].flatMap((read) => (read.kind === 'found' ? [read.record] : []));
    if (found.length === 0) return heads as Map<string, HostRead<HostPayout>>;
    const { table, columns } = this.schema.payoutPayments;
    const rows: Row[] = await this.knex(table)
      .select(this.knex.raw('?? as ??', [columns.payoutId, 'payoutId']), this.knex.raw('?? as ??', [columns.paymentId, 'paymentId']))
      .whereIn(columns.payoutId!, found.map((head) => head.id));
    const payments = new Map<string, string[]>();
    for (const row of rows) payments.set(String(row['payoutId']), [...(payments.get(String(row['payoutId'])) ?? []), String(row['paymentId'])]);
    const reads = new Map<string, HostRead<HostPayout>>();
    for (const [id, read] of heads) {
      reads.set(id, read.kind === 'found' ? { kind: 'found', record: { ...read.record, paymentIds: sortedIds(payments.get(id) ?? []) } } : read);
    }
    return reads;
  }

  private readOf<T>(entity: Entity, tenantId: string, id: string, mapped: Mapped<T>): HostRead<T> {
    if (!('skip' in mapped)) return { kind: 'found', record: mapped.record };
    this.skipped(entity, tenantId, id, mapped.skip);
    return { kind: 'unreadable', reason: mapped.skip };
  }

  private mapAll<T>(entity: Entity, tenantId: string, rows: readonly Row[], map: (row: Row) => Mapped<T>): T[] {
    const records: T[] = [];
    for (const row of rows) {
      const mapped = map(row);
      if ('skip' in mapped) this.skipped(entity, tenantId, String(row['id']), mapped.skip);
      else records.push(mapped.record);
    }
    return records;
  }

  /** `mapAll`, with each row it cannot read named in `unreadable`. */
  private readAll<T>(entity: Entity, tenantId: string, rows: readonly Row[], map: (row: Row) => Mapped<T>, noun: string, unreadable: string[]): T[] {
    const records: T[] = [];
    for (const row of rows) {
      const mapped = map(row);
      if ('skip' in mapped) unreadable.push(`${noun} ${String(row['id'])}: ${mapped.skip}`);
      else records.push(mapped.record);
    }
    return records;
  }

  private skipped(entity: Entity, tenantId: string, id: string, reason: string): null {
    this.logger.warn({ tenantId, table: (this.schema[entity] as MappedTable).table, id, reason }, 'host row skipped: it cannot be read as a record');
    return null;
  }

  /** The mapper of a kind, bound to this mapping. */
  private mapper<K extends HostRecordKind>(kind: K): (row: Row) => Mapped<K extends 'invoice' ? InvoiceHead : HostRecordOfKind[K]> {
    const map = mapperOfKind[kind] as (schema: HostSchema, row: Row) => Mapped<never>;
    return (row) => map(this.schema, row);
  }

  /**
   * The tenant's rows of one kind: its company, the mapping's filter (one table holding several kinds), and never
   * the catalog kinds the mapping says are not synced.
   */
  private scoped(entity: TenantEntity, tenantId: string): Knex.QueryBuilder {
    const mapped = this.schema[entity] as MappedTable;
    const query = this.knex(mapped.table).where(mapped.columns['companyId' as never] as string, tenantId);
    for (const { column, values } of mapped.filter) query.whereIn(column, values as Knex.Value[]);
    if (entity === 'catalogItems') {
      const kind = this.schema.catalogItems.fields.kind;
      const notSynced = [...(kind.values ?? new Map())].filter(([, meaning]) => meaning === null).map(([value]) => value);
      if (notSynced.length > 0) query.whereNotIn(kind.column!, notSynced);
    }
    return query;
  }

  /** Every mapped column under its field name; dates formatted by MySQL itself so no time zone can shift them. */
  private selection(entity: Entity): Knex.Raw[] {
    const mysql = isMysql(this.knex);
    return (Object.entries((this.schema[entity] as MappedTable).fields) as [string, MappedColumn][])
      .filter(([, field]) => field.column !== null && field.role !== 'tenant' && field.role !== 'timestamp')
      .map(([alias, field]) =>
        mysql && field.role === 'date'
          ? this.knex.raw(`DATE_FORMAT(??, '%Y-%m-%d') as ??`, [field.column, alias])
          : this.knex.raw('?? as ??', [field.column, alias]),
      );
  }
}
