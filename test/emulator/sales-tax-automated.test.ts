import { books } from './books-fixture';
import { EmulatorClient, faultCode, type Company } from './emulator-client';

describe('emulator sales tax: a US company with automated sales tax (AST)', () => {
  const emulator = EmulatorClient.use();
  let company: Company;
  let customer: any;
  let item: any;
  beforeAll(async () => {
    company = (await emulator.control('POST', '/realms', { companyName: 'AST Pools', salesTax: 'automated' })).body;
    const services = await emulator.account(company, 'Services');
    customer = await emulator.created(company, 'Customer', { DisplayName: 'Taxed Customer' });
    item = await emulator.created(company, 'Item', { Name: 'Chlorine', Type: 'NonInventory', Taxable: true, IncomeAccountRef: { value: services.Id } });
  });
  const invoice = (amount: number, extra: Record<string, unknown> = {}) => ({
    CustomerRef: { value: customer.Id },
    Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, TaxCodeRef: { value: 'TAX' } } }],
    ...extra,
  });

  it('says so in Preferences.TaxPrefs (PartnerTaxEnabled present and true)', async () => {
    const prefs = (await emulator.api(company, 'GET', 'preferences')).body.Preferences;
    expect(prefs.TaxPrefs).toMatchObject({ UsingSalesTax: true, PartnerTaxEnabled: true });
    expect(prefs.Id).toBe('1');
  });

  it('computes the tax itself when no amount is sent: 7.25 % of the taxable lines, in the total and the agency liability', async () => {
    const created = await emulator.created(company, 'Invoice', invoice(100));
    expect(created.TxnTaxDetail).toMatchObject({ TotalTax: 7.25, TaxLine: [{ Amount: 7.25, DetailType: 'TaxLineDetail', TaxLineDetail: { PercentBased: true, TaxPercent: 7.25, NetAmountTaxable: 100 } }] });
    expect(created.TotalAmt).toBe(107.25);
    expect(created.Line.at(-1)).toMatchObject({ DetailType: 'SubTotalLineDetail', Amount: 100 });
    expect(created.Line[0].SalesItemLineDetail.TaxCodeRef).toEqual({ value: 'TAX' });
  });

  it('honours the documented override (TxnTaxCodeRef with TotalTax) and recomputes a TotalTax sent alone', async () => {
    const codes = (await emulator.query(company, 'select * from TaxCode')).body.QueryResponse;
    const california = codes.TaxCode.find((code: any) => code.Name === 'California');
    const overridden = await emulator.created(company, 'Invoice', invoice(40, { TxnTaxDetail: { TxnTaxCodeRef: { value: california.Id }, TotalTax: 3.01 } }));
    expect(overridden).toMatchObject({ TotalAmt: 43.01, TxnTaxDetail: { TotalTax: 3.01, TxnTaxCodeRef: { value: california.Id } } });
    const alone = await emulator.created(company, 'Invoice', invoice(40, { TxnTaxDetail: { TotalTax: 3.01 } }));
    expect(alone.TxnTaxDetail.TotalTax).toBe(2.9);
    const before = (await books(emulator, company)).accounts['California Department of Tax and Fee Administration Payable'];
    expect(before).toBe(725 + 301 + 290);
  });

  it('refuses what QBO refuses: a line code other than TAX or NON (6100), tax with no taxable line (6000)', async () => {
    const wrongCode = invoice(10);
    (wrongCode.Line[0] as any).SalesItemLineDetail.TaxCodeRef = { value: 'GST' };
    expect(faultCode(await emulator.create(company, 'Invoice', wrongCode))).toBe('6100');
    const nonTaxable = invoice(10, { TxnTaxDetail: { TxnTaxCodeRef: { value: 'TAX' }, TotalTax: 1 } });
    (nonTaxable.Line[0] as any).SalesItemLineDetail.TaxCodeRef = { value: 'NON' };
    expect(faultCode(await emulator.create(company, 'Invoice', nonTaxable))).toBe('6000');
  });
});
