import { InMemoryHostDirectory } from '../../../../src/adapters/memory/in-memory-host.directory';
import type { QboGateway } from '../../../../src/application/ports/qbo-gateway.port';
import { GetPreflight } from '../../../../src/application/use-cases/setup/get-preflight.use-case';
import { QboPageReads } from '../../../../src/application/setup/qbo-page-reads';
import { GetMatchReport } from '../../../../src/application/use-cases/setup/get-match-report.use-case';
import { GetSyncPreview } from '../../../../src/application/use-cases/setup/get-sync-preview.use-case';
import { InMemoryActivityLog } from '../../../../src/adapters/memory/in-memory-activity.log';
import { InMemoryOpaqueIds } from '../../../../src/adapters/memory/in-memory-opaque.ids';
import { InMemoryLinkStore } from '../../../../src/adapters/memory/in-memory-link.store';
import { InMemorySettingsStore } from '../../../../src/adapters/memory/in-memory-settings.store';
import { aCustomer, anInvoice, aPayment } from '../../../support/domain/host-records.builder';

const tenantId = 'preflight-co';

/** QBO with no vendors and no employees; anything else the pre-flight must not ask. */
let qboSalesTax: 'automated' | 'manual' | 'off' = 'off';
const emptyPeople = new Proxy({} as QboGateway, {
  get: (_target, property) => {
    if (property === 'list') return async function* () {};
    if (property === 'salesTaxMode') return async () => ({ ok: true, value: qboSalesTax });
    if (property === 'homeCurrency') return async () => ({ ok: true, value: 'CAD' });
    return () => {
      throw new Error(`the pre-flight called the gateway's ${String(property)}`);
    };
  },
});

/** Counts single-record reads: the credits must come from one stream, not one read per payment. */
class CountingHost extends InMemoryHostDirectory {
  singleReads = 0;
  override async getPayment(tenant: string, id: string) {
    this.singleReads += 1;
    return super.getPayment(tenant, id);
  }
  override async read<K extends Parameters<InMemoryHostDirectory['read']>[1]>(tenant: string, kind: K, id: string) {
    this.singleReads += 1;
    return super.read(tenant, kind, id);
  }
}

const preflightOf = (host: InMemoryHostDirectory, settings = new InMemorySettingsStore()): GetPreflight => {
  const reads = new QboPageReads({ now: () => 0 });
  const preview = new GetSyncPreview(host, new InMemoryLinkStore(), emptyPeople, settings, reads);
  return new GetPreflight(host, emptyPeople, reads, preview, new GetMatchReport(host, emptyPeople, reads, new InMemoryLinkStore(), new InMemoryActivityLog(), new InMemoryOpaqueIds()), settings);
};

describe('GetPreflight credits', () => {
  it('groups live account credits by customer from one stream, with no read per payment', async () => {
    const host = new CountingHost();
    host.putCustomer(tenantId, aCustomer({ id: '1', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', phone: null, street: null }), 0);
    host.putCustomer(tenantId, aCustomer({ id: '2', firstName: 'Bo', lastName: 'Park', email: 'bo@example.com', phone: null, street: null }), 0);
    host.putPayment(tenantId, aPayment({ id: '10', customerId: '1', invoiceId: null, amountCents: 2_500, receivedOn: '2026-01-02' }), 0);
    host.putPayment(tenantId, aPayment({ id: '11', customerId: '2', invoiceId: 'inv-1', amountCents: 9_900 }), 0);
    host.putPayment(tenantId, aPayment({ id: '12', customerId: '1', invoiceId: null, amountCents: 1_000, receivedOn: '2026-01-05' }), 0);
    host.putPayment(tenantId, aPayment({ id: '13', customerId: '2', invoiceId: null, amountCents: 700, deleted: true }), 0);
    host.putPayment('another-co', aPayment({ id: '14', customerId: '2', invoiceId: null, amountCents: 300 }), 0);
    for (let id = 100; id < 400; id++) host.putPayment(tenantId, aPayment({ id: String(id), customerId: '2', invoiceId: null, amountCents: 1 }), 0);

    const result = await preflightOf(host).execute(tenantId);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(host.singleReads).toBe(0);
    expect(result.value.credits.map(({ customerId, customerName, count, totalCents }) => ({ customerId, customerName, count, totalCents }))).toEqual([
      { customerId: '1', customerName: 'Ann Lee', count: 2, totalCents: 3_500 },
      { customerId: '2', customerName: 'Bo Park', count: 300, totalCents: 300 },
    ]);
    expect(result.value.credits[0]!.payments).toEqual([{ id: '10', amountCents: 2_500, receivedOn: '2026-01-02' }, { id: '12', amountCents: 1_000, receivedOn: '2026-01-05' }]);
    expect(result.value.creditTotals).toEqual({ customers: 2, count: 302, totalCents: 3_800 });
    // The amounts are in the QBO company's home currency, which the answer names for the page.
    expect(result.value.currency).toBe('CAD');
    expect(result.value.hasWarnings).toBe(true);
  });

  it('has no credit warning when every payment is applied to an invoice', async () => {
    const host = new CountingHost();
    host.putCustomer(tenantId, aCustomer({ id: '1' }), 0);
    host.putPayment(tenantId, aPayment({ id: '10', customerId: '1', invoiceId: 'inv-1' }), 0);
    const result = await preflightOf(host).execute(tenantId);
    expect(result.ok && result.value.credits).toEqual([]);
    expect(result.ok && result.value.creditTotals).toEqual({ customers: 0, count: 0, totalCents: 0 });
  });
});

describe('GetPreflight sales tax', () => {
  const taxedHost = (): InMemoryHostDirectory => {
    const host = new InMemoryHostDirectory();
    host.putCustomer(tenantId, aCustomer({ id: '17' }), 0);
    host.putInvoice(tenantId, anInvoice({ taxCents: 100, totalCents: 29998 + 100, lines: anInvoice().lines.map((line) => ({ ...line, taxable: true })) }), 0);
    return host;
  };
  afterEach(() => (qboSalesTax = 'off'));

  it('warns, in words, when the host charges sales tax and QuickBooks has it turned off', async () => {
    const result = await preflightOf(taxedHost()).execute(tenantId);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.salesTax).toMatchObject({ hostChargesTax: true, qboSalesTax: 'off', warning: expect.stringContaining('sales tax is turned off in this QuickBooks company') });
    expect(result.value.salesTax.warning).toContain('Each taxed invoice paid once the sync is on will wait in the activity log');
    expect(result.value.salesTax.warning).toContain('turn on sales tax in QuickBooks (Taxes → Set up sales tax), then choose the tax code');
    expect(result.value.hasWarnings).toBe(true);
  });

  it('warns when QuickBooks charges sales tax (either kind) but no tax code is chosen, and not once one is', async () => {
    for (const mode of ['automated', 'manual'] as const) {
      qboSalesTax = mode;
      const settings = new InMemorySettingsStore();
      const unchosen = await preflightOf(taxedHost(), settings).execute(tenantId);
      if (!unchosen.ok) throw new Error(unchosen.error.message);
      expect(unchosen.value.salesTax).toMatchObject({ hostChargesTax: true, qboSalesTax: mode, warning: expect.stringMatching(/^Your invoices charge sales tax, and no tax code is chosen for it\. Each taxed invoice paid once the sync is on will wait/) });
      expect(unchosen.value.hasWarnings).toBe(true);
      await settings.update(tenantId, { taxCodeId: '3' });
      const result = await preflightOf(taxedHost(), settings).execute(tenantId);
      expect(result.ok && result.value.salesTax).toEqual({ hostChargesTax: true, qboSalesTax: mode, warning: null });
    }
    qboSalesTax = 'off';
    const untaxed = new InMemoryHostDirectory();
    untaxed.putInvoice(tenantId, anInvoice(), 0);
    const result = await preflightOf(untaxed).execute(tenantId);
    expect(result.ok && result.value.salesTax).toEqual({ hostChargesTax: false, qboSalesTax: null, warning: null });
  });
});
