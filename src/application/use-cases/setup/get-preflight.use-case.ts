import { customerDisplayName } from '../../../domain/customers/customer-to-qbo';
import type { QboRecordOf, QboSalesTaxMode } from '../../../domain/qbo/qbo-records';
import { dollars } from '../../../domain/sync/rejection';
import { duplicateGroups } from '../../../domain/names/duplicate-groups';
import { customerCandidate, itemCandidate } from '../../../domain/names/name-candidate';
import { acceptableQboName, qboNameKey, takenNameKeys } from '../../../domain/names/qbo-name-rules';
import { err, ok, type Result } from '../../../domain/shared/result';
import type { ApplicationError } from '../../application-error';
import type { HostDirectory } from '../../ports/host-directory.port';
import type { QboGateway } from '../../ports/qbo-gateway.port';
import type { SettingsStore } from '../../ports/settings-store.port';
import type { QboPageReads } from '../../setup/qbo-page-reads';
import { collect, qboReadError, readForPage, readHomeCurrencyForPage } from '../../setup/qbo-reads';
import { firstSyncReview, type ReviewItem } from '../../setup/first-sync-review';
import type { GetMatchReport } from './get-match-report.use-case';
import type { GetSyncPreview } from './get-sync-preview.use-case';

export namespace GetPreflight {
  export interface Duplicate {
    readonly kind: 'customer' | 'item';
    readonly reason: 'same-name' | 'same-email' | 'same-phone' | 'same-street' | 'name-used-by-vendor-or-employee';
    readonly value: string;
    readonly records: readonly { readonly id: string; readonly name: string }[];
    readonly explanation: string;
  }
  export interface Credit {
    readonly customerId: string;
    readonly customerName: string;
    readonly count: number;
    readonly totalCents: number;
    readonly payments: readonly { readonly id: string; readonly amountCents: number; readonly receivedOn: string }[];
    readonly explanation: string;
  }
  export interface Output {
    readonly duplicates: readonly Duplicate[];
    readonly credits: readonly Credit[];
    readonly creditTotals: { readonly customers: number; readonly count: number; readonly totalCents: number };
    /** Everything else the first sync will change in QBO that the admin should see first (firstSyncReview). */
    readonly review: readonly ReviewItem[];
    /** The first sync's counts, from the same plan the job runs (GET /preview). */
    readonly summary: GetSyncPreview.Output['counts'];
    /** The host's sales tax beside QBO's (Preferences.TaxPrefs) and the tax code chosen: a warning when taxed invoices would wait. */
    readonly salesTax: SalesTax;
    readonly hasWarnings: boolean;
    /** What the sync will and will not send, in plain words. */
    readonly notes: readonly string[];
    /** The QBO company's home currency (ISO 4217): the currency of the credits' amounts. */
    readonly currency: string;
  }
  export interface SalesTax {
    readonly hostChargesTax: boolean;
    /** null: not read, as the host charges no tax. */
    readonly qboSalesTax: QboSalesTaxMode | null;
    readonly warning: string | null;
  }
}

/**
 * The Save & Sync warning when the host charges sales tax that no invoice could carry to QBO as billed: sales tax is
 * off in QBO (it then has no tax code, and refuses tax), or it is on and no tax code is chosen. Either way a taxed
 * invoice waits in the activity log (no_tax_code) rather than reach QBO with another total; invoices before the sync
 * window are never sent, so the words speak of invoices paid once the sync is on. Choosing the code releases those
 * that waited (ADR 0085). null: nothing to warn about.
 */
export const salesTaxWarning = (hostChargesTax: boolean, qboSalesTax: QboSalesTaxMode, taxCodeChosen: boolean): string | null => {
  if (!hostChargesTax || (qboSalesTax !== 'off' && taxCodeChosen)) return null;
  const waits = 'Each taxed invoice paid once the sync is on will wait in the activity log instead of reaching QuickBooks with a total different from yours; invoices without tax are sent as usual.';
  const released = 'the invoices that waited are then sent by themselves, and you can turn the sync on before or after.';
  return qboSalesTax === 'off'
    ? `Your invoices charge sales tax, but sales tax is turned off in this QuickBooks company, so it has no tax code to file that tax under. ${waits} To send them, turn on sales tax in QuickBooks (Taxes → Set up sales tax), then choose the tax code under "2. Choose accounts" here: ${released}`
    : `Your invoices charge sales tax, and no tax code is chosen for it. ${waits} To send them, choose the tax code under "2. Choose accounts" here: ${released}`;
};

const displayNameOf = (record: QboRecordOf<'Vendor' | 'Employee'>): string => record.fields.displayName;

const notes = [
  'Turning the sync on first links every customer and item whose name matches a QuickBooks record, then creates the others in QuickBooks.',
  'Invoices and payments dated before you turn the sync on are not sent to QuickBooks; from then on every paid invoice and payment is.',
  'Existing account credits are not carried over to QuickBooks; new ones made after the sync is on are.',
];

/**
 * Set-up, step 4: the warnings shown before Save & Sync — potential duplicates (host groups, and host names a QBO
 * vendor or employee already uses) and customers with account credits (a live payment with no invoice).
 */
export class GetPreflight {
  constructor(
    private readonly host: HostDirectory,
    private readonly gateway: QboGateway,
    private readonly reads: QboPageReads,
    private readonly preview: GetSyncPreview,
    private readonly match: GetMatchReport,
    private readonly settings: SettingsStore,
  ) {}

  /** The company's home currency as the page read it (kept a few seconds), or null when QBO cannot say now. */
  async homeCurrency(tenantId: string): Promise<string | null> {
    const read = await readHomeCurrencyForPage(this.reads, this.gateway, tenantId);
    return read.ok ? read.value : null;
  }

  async execute(tenantId: string): Promise<Result<GetPreflight.Output, ApplicationError>> {
    const vendors = await readForPage(this.reads, this.gateway, tenantId, 'Vendor', displayNameOf);
    if (!vendors.ok) return vendors;
    const employees = await readForPage(this.reads, this.gateway, tenantId, 'Employee', displayNameOf);
    if (!employees.ok) return employees;
    const customers = await collect(this.host.listCustomers(tenantId));
    const items = await collect(this.host.listItems(tenantId));
    const duplicates: GetPreflight.Duplicate[] = [
      ...duplicateGroups(customers.map(customerCandidate)).map((g) => ({ kind: 'customer' as const, reason: g.reason, value: g.value, records: g.records.map(({ id, name }) => ({ id, name })), explanation: g.explanation })),
      ...duplicateGroups(items.map(itemCandidate)).map((g) => ({ kind: 'item' as const, reason: g.reason, value: g.value, records: g.records.map(({ id, name }) => ({ id, name })), explanation: g.explanation })),
    ];
    const preview = await this.preview.execute(tenantId);
    if (!preview.ok) return preview;
    // The name each customer is created under is the job's own plan (ADR 0090), so the warning shows exactly that.
    const plannedNames = new Map(preview.value.rows.filter((row) => row.kind === 'customer' && row.action === 'create').map((row) => [row.hostId, row.qboName]));
    duplicates.push(...this.peopleCollisions(customers.map(customerCandidate), [...vendors.value, ...employees.value], plannedNames));
    const credits = await this.credits(tenantId, new Map(customers.map((c) => [c.id, customerDisplayName(c)])), preview.value.currency);
    const creditTotals = { customers: credits.length, count: credits.reduce((n, c) => n + c.count, 0), totalCents: credits.reduce((n, c) => n + c.totalCents, 0) };
    const customerReport = await this.match.execute(tenantId, 'customers');
    if (!customerReport.ok) return customerReport;
    const itemReport = await this.match.execute(tenantId, 'items');
    if (!itemReport.ok) return itemReport;
    const review = firstSyncReview(preview.value, { customer: customerReport.value, item: itemReport.value });
    // QBO's Preferences are read only when the host charges tax: otherwise nothing can clash, and the page saves a call.
    const hostChargesTax = await this.host.chargesSalesTax(tenantId);
    const qboSalesTax = hostChargesTax ? await this.gateway.salesTaxMode(tenantId) : null;
    if (qboSalesTax !== null && !qboSalesTax.ok) return err(qboReadError(qboSalesTax.error));
    const mode = qboSalesTax === null ? null : qboSalesTax.value;
    const taxCodeChosen = mode === null ? true : (await this.settings.get(tenantId)).taxCodeId !== null;
    const salesTax = { hostChargesTax, qboSalesTax: mode, warning: mode === null ? null : salesTaxWarning(hostChargesTax, mode, taxCodeChosen) };
    const hasWarnings = duplicates.length > 0 || credits.length > 0 || review.length > 0 || salesTax.warning !== null;
    return ok({ duplicates, credits, creditTotals, review, summary: preview.value.counts, salesTax, hasWarnings, notes, currency: preview.value.currency });
  }

  /** Customers share QBO's name space with vendors and employees: a taken name gets a suffix when created. */
  private peopleCollisions(customers: readonly { id: string; name: string }[], peopleNames: readonly string[], plannedNames: ReadonlyMap<string, string | null>): GetPreflight.Duplicate[] {
    const taken = takenNameKeys(peopleNames);
    if (taken.size === 0) return [];
    return customers
      .filter((customer) => taken.has(qboNameKey(customer.name)))
      .map((customer) => {
        const created = plannedNames.get(customer.id) ?? acceptableQboName(customer.name, { entity: 'Customer', taken }).name;
        return {
          kind: 'customer' as const,
          reason: 'name-used-by-vendor-or-employee' as const,
          value: qboNameKey(customer.name),
          records: [{ id: customer.id, name: customer.name }],
          explanation: `"${customer.name}" is already the name of a vendor or employee in QuickBooks, and customers cannot share it: unless you rename one of them, the customer will be created as "${created}".`,
        };
      });
  }

  private async credits(tenantId: string, names: ReadonlyMap<string, string>, currency: string): Promise<GetPreflight.Credit[]> {
    const byCustomer = new Map<string, { id: string; amountCents: number; receivedOn: string }[]>();
    for await (const payment of this.host.listAccountCredits(tenantId)) {
      const list = byCustomer.get(payment.customerId) ?? [];
      list.push({ id: payment.id, amountCents: payment.amountCents, receivedOn: payment.receivedOn });
      byCustomer.set(payment.customerId, list);
    }
    return [...byCustomer.entries()].map(([customerId, payments]) => {
      const totalCents = payments.reduce((sum, p) => sum + p.amountCents, 0);
      const customerName = names.get(customerId) ?? `customer ${customerId}`;
      return {
        customerId, customerName, count: payments.length, totalCents, payments,
        explanation: `"${customerName}" has ${payments.length} account credit${payments.length === 1 ? '' : 's'} totalling ${dollars(totalCents, currency)}. Existing credits are not carried over: QuickBooks will not show this balance unless you enter it there yourself.`,
      };
    });
  }
}
