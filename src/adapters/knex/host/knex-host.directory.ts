import type { Knex } from 'knex';
import type { HostDirectory } from '../../../application/ports/host-directory.port';
import { recordOf, type HostRead, type HostReadOf } from '../../../application/ports/host-read';
import { Logger } from '../../../application/ports/logger.port';
import type { HostCatalogItem, HostCustomer, HostCustomerMoney, HostInvoice, HostInvoiceLine, HostPayment, HostPayout, HostRecordKind, HostRefund } from '../../../domain/host/host-records';
import type { HostSchema } from './host-schema';
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
} from './host-row.mapper';
import { isMysql } from '../knex-dialect';

type Entity = keyof HostSchema;
/** Every host table but invoice lines and payout payments carries the tenant; those belong to it through their parent. */
type TenantEntity = Exclude<Entity, 'invoiceLines' | 'payoutPayments'>;
type Row = Record<string, unknown>;

const pageSize = 500;
/** Ids per `IN (...)` list of a bulk read. */
const readChunk = 500;
const notSelected = new Set(['companyId', 'createdAt', 'updatedAt']);
const dateColumns = new Set(['issuedOn', 'dueOn', 'receivedOn', 'refundedOn', 'paidOn']);
const entityOfKind = { customer: 'customers', item: 'catalogItems', invoice: 'invoices', payment: 'payments', refund: 'refunds', payout: 'payouts' } as const;

const mapperOfKind = { customer: customerFromRow, item: itemFromRow, payment: paymentFromRow, refund: refundFromRow } as const;
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
            : await this.rows(entityOfKind[kind as keyof typeof mapperOfKind], tenantId, chunk, mapperOfKind[kind as keyof typeof mapperOfKind] as (row: Row) => Mapped<unknown>);
      for (const [id, read] of reads) found.set(id, read);
    }
    return new Map(wanted.map((id) => [id, (found.get(id) ?? { kind: 'missing' }) as HostReadOf<K>]));
  }

  async paymentsForInvoice(tenantId: string, invoiceId: string): Promise<readonly HostPayment[]> {
    const { table, columns } = this.schema.payments;
    const rows: Row[] = await this.knex(table)
      .select(this.selection('payments'))
      .where(columns.companyId, tenantId)
      .andWhere(columns.invoiceId, invoiceId)
      .whereNull(columns.deletedAt)
      .orderBy(columns.id);
    return this.mapAll('payments', tenantId, rows, paymentFromRow);
  }

  async payoutOfPayment(tenantId: string, paymentId: string): Promise<string | null> {
    const payouts = this.schema.payouts;
    const links = this.schema.payoutPayments;
    const row = (await this.knex(links.table)
      .join(payouts.table, `${payouts.table}.${payouts.columns.id}`, `${links.table}.${links.columns.payoutId}`)
      .where(`${payouts.table}.${payouts.columns.companyId}`, tenantId)
      .andWhere(`${links.table}.${links.columns.paymentId}`, paymentId)
      .whereNull(`${payouts.table}.${payouts.columns.deletedAt}`)
      .orderBy(`${payouts.table}.${payouts.columns.id}`)
      .first(this.knex.raw('??.?? as ??', [payouts.table, payouts.columns.id, 'id']))) as Row | undefined;
    return row ? String(row['id']) : null;
  }

  async chargesSalesTax(tenantId: string): Promise<boolean> {
    const { table, columns } = this.schema.invoices;
    const row = await this.knex(table).where(columns.companyId, tenantId).andWhere(columns.taxCents, '>', 0).andWhereNot(columns.status, 'void').first(this.knex.raw('1 as ??', ['found']));
    return row !== undefined;
  }

  async everyPaymentForInvoice(tenantId: string, invoiceId: string): Promise<readonly HostPayment[]> {
    const { table, columns } = this.schema.payments;
    const rows: Row[] = await this.knex(table).select(this.selection('payments')).where(columns.companyId, tenantId).andWhere(columns.invoiceId, invoiceId).orderBy(columns.id);
    return this.mapAll('payments', tenantId, rows, paymentFromRow);
  }

  async refundsOfPayment(tenantId: string, paymentId: string): Promise<readonly HostRefund[]> {
    const { table, columns } = this.schema.refunds;
    const rows: Row[] = await this.knex(table).select(this.selection('refunds')).where(columns.companyId, tenantId).andWhere(columns.paymentId, paymentId).orderBy(columns.id);
    return this.mapAll('refunds', tenantId, rows, refundFromRow);
  }

  async moneyOfCustomer(tenantId: string, customerId: string): Promise<HostCustomerMoney> {
    const unreadable: string[] = [];
    const invoiceTable = this.schema.invoices;
    const invoiceIds: Row[] = await this.knex(invoiceTable.table)
      .select(this.knex.raw('?? as ??', [invoiceTable.columns.id, 'id']))
      .where(invoiceTable.columns.companyId, tenantId)
      .andWhere(invoiceTable.columns.customerId, customerId)
      .orderBy(invoiceTable.columns.id);
    const invoiceReads = await this.readMany(tenantId, 'invoice', invoiceIds.map((row) => String(row['id'])));
    const invoices: HostInvoice[] = [];
    for (const [id, read] of invoiceReads) {
      if (read.kind === 'found') invoices.push(read.record);
      else if (read.kind === 'unreadable') unreadable.push(`invoice ${id}: ${read.reason}`);
    }
    const payments = this.schema.payments;
    const paymentRows: Row[] = await this.knex(payments.table).select(this.selection('payments')).where(payments.columns.companyId, tenantId).andWhere(payments.columns.customerId, customerId).orderBy(payments.columns.id);
    const refunds = this.schema.refunds;
    const ofCustomer = this.knex(payments.table).select(payments.columns.id).where(payments.columns.companyId, tenantId).andWhere(payments.columns.customerId, customerId);
    const refundRows: Row[] = await this.knex(refunds.table).select(this.selection('refunds')).where(refunds.columns.companyId, tenantId).whereIn(refunds.columns.paymentId, ofCustomer).orderBy(refunds.columns.id);
    return {
      customerId,
      invoices,
      payments: this.readAll('payments', tenantId, paymentRows, paymentFromRow, 'payment', unreadable),
      refunds: this.readAll('refunds', tenantId, refundRows, refundFromRow, 'refund', unreadable),
      unreadable,
    };
  }

  async *listAccountCredits(tenantId: string): AsyncIterable<HostPayment> {
    const { columns } = this.schema.payments;
    const credits = (query: Knex.QueryBuilder): Knex.QueryBuilder => query.whereNull(columns.invoiceId).whereNull(columns.deletedAt);
    for await (const rows of this.pages('payments', tenantId, () => this.selection('payments'), credits)) {
      yield* this.mapAll('payments', tenantId, rows, paymentFromRow);
    }
  }

  async *listCustomers(tenantId: string): AsyncIterable<HostCustomer> {
    for await (const rows of this.pages('customers', tenantId, () => this.selection('customers'))) {
      yield* this.mapAll('customers', tenantId, rows, customerFromRow);
    }
  }

  async *listItems(tenantId: string): AsyncIterable<HostCatalogItem> {
    for await (const rows of this.pages('catalogItems', tenantId, () => this.selection('catalogItems'))) {
      yield* this.mapAll('catalogItems', tenantId, rows, itemFromRow);
    }
  }

  async *changedSince(tenantId: string, kind: keyof typeof entityOfKind, since: number): AsyncIterable<string> {
    const entity = entityOfKind[kind];
    const { columns } = this.schema[entity];
    // A Date binding is written in the connection's time zone by mysql2, as the host's DATETIME values are read.
    const changed = (query: Knex.QueryBuilder): Knex.QueryBuilder => query.andWhere(columns.updatedAt, '>=', new Date(since));
    for await (const rows of this.pages(entity, tenantId, () => [this.knex.raw('?? as ??', [columns.id, 'id'])], changed)) {
      for (const row of rows) yield String(row['id']);
    }
  }

  private async *pages(
    entity: TenantEntity,
    tenantId: string,
    selection: () => Knex.Raw[],
    narrow: (query: Knex.QueryBuilder) => Knex.QueryBuilder = (query) => query,
  ): AsyncIterable<Row[]> {
    const { table, columns } = this.schema[entity];
    let after: unknown = undefined;
    for (;;) {
      const query = narrow(this.knex(table).select(selection()).where(columns.companyId, tenantId)).orderBy(columns.id).limit(pageSize);
      // The raw id value, not its string: numeric keys must compare as numbers.
      if (after !== undefined) query.andWhere(columns.id, '>', after as Knex.Value);
      const rows: Row[] = await query;
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!['id'];
    }
  }

  private async rows<T>(entity: TenantEntity, tenantId: string, ids: readonly string[], map: (row: Row) => Mapped<T>): Promise<Map<string, HostRead<T>>> {
    const { table, columns } = this.schema[entity];
    const rows: Row[] = await this.knex(table).select(this.selection(entity)).where(columns.companyId, tenantId).whereIn(columns.id, ids);
    return new Map(rows.map((row) => [String(row['id']), this.readOf(entity, tenantId, String(row['id']), map(row))]));
  }

  /** Heads, then every line of those invoices in one query; one bad line makes its whole invoice unreadable. */
  private async invoices(tenantId: string, ids: readonly string[]): Promise<Map<string, HostRead<HostInvoice>>> {
    const heads = await this.rows('invoices', tenantId, ids, invoiceHeadFromRow);
    const readable = [...heads.values()].flatMap((read) => (read.kind === 'found' ? [read.record] : []));
    const reads = new Map<string, HostRead<HostInvoice>>([...heads].flatMap(([id, read]) => (read.kind === 'found' ? [] : [[id, read] as [string, HostRead<HostInvoice>]])));
    if (readable.length === 0) return reads;
    const { table, columns } = this.schema.invoiceLines;
    const rows: Row[] = await this.knex(table).select(this.selection('invoiceLines')).whereIn(columns.invoiceId, readable.map((head) => head.id)).orderBy(columns.id);
    const lines = new Map<string, HostInvoiceLine[]>();
    const broken = new Map<string, string>();
    for (const row of rows) {
      const invoiceId = String(row['invoiceId']);
      const mapped = invoiceLineFromRow(row);
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
    const heads = await this.rows('payouts', tenantId, ids, payoutHeadFromRow);
    const found = [...heads.values()].flatMap((read) => (read.kind === 'found' ? [read.record] : []));
    if (found.length === 0) return heads as Map<string, HostRead<HostPayout>>;
    const { table, columns } = this.schema.payoutPayments;
    const rows: Row[] = await this.knex(table)
      .select(this.knex.raw('?? as ??', [columns.payoutId, 'payoutId']), this.knex.raw('?? as ??', [columns.paymentId, 'paymentId']))
      .whereIn(columns.payoutId, found.map((head) => head.id));
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
    this.logger.warn({ tenantId, table: this.schema[entity].table, id, reason }, 'host row skipped: it cannot be read as a record');
    return null;
  }

  /** Every mapped column under its domain name; dates formatted by MySQL itself so no time zone can shift them. */
  private selection(entity: Entity): Knex.Raw[] {
    const mysql = isMysql(this.knex);
    return Object.entries(this.schema[entity].columns)
      .filter(([alias]) => !notSelected.has(alias))
      .map(([alias, column]) =>
        mysql && dateColumns.has(alias)
          ? this.knex.raw(`DATE_FORMAT(??, '%Y-%m-%d') as ??`, [column, alias])
          : this.knex.raw('?? as ??', [column, alias]),
      );
  }
}

/** Numeric ids in number order, others as text: a payout's payments in a stable order whatever the join returned. */
const sortedIds = (ids: readonly string[]): string[] =>
  [...ids].sort((a, b) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
