import { books } from './books-fixture';
import { EmulatorClient, faultCode, type Company } from './emulator-client';

describe('emulator sales tax: a company with manual tax codes and rates', () => {
  const emulator = EmulatorClient.use();
  let company: Company;
  let customer: any;
  let item: any;
  let tucson: any;
  beforeAll(async () => {
    company = (await emulator.control('POST', '/realms', { companyName: 'Manual Tax Pools', salesTax: 'manual' })).body;
    const services = await emulator.account(company, 'Services');
    customer = await emulator.created(company, 'Customer', { DisplayName: 'Tucson Customer' });
    item = await emulator.created(company, 'Item', { Name: 'Acid', Type: 'NonInventory', IncomeAccountRef: { value: services.Id } });
    tucson = (await emulator.query(company, "select * from TaxCode where Name = 'Tucson'")).body.QueryResponse.TaxCode[0];
  });
  const invoice = (amount: number, extra: Record<string, unknown> = {}) => ({
    CustomerRef: { value: customer.Id },
    Line: [
      { DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, TaxCodeRef: { value: 'TAX' } } },
      { DetailType: 'SalesItemLineDetail', Amount: 50, SalesItemLineDetail: { ItemRef: { value: item.Id }, TaxCodeRef: { value: 'NON' } } },
    ],
    ...extra,
  });

  it('lists its tax codes, rates and agencies as Intuit\'s samples show them, TAX and NON included', async () => {
    const codes = (await emulator.query(company, 'select * from TaxCode')).body.QueryResponse;
    expect(codes.TaxCode.map((code: any) => code.Name)).toEqual(['TAX', 'NON', 'California', 'Tucson']);
    expect(codes.totalCount).toBe(4);
    expect(tucson.SalesTaxRateList.TaxRateDetail.map((detail: any) => detail.TaxRateRef.name)).toEqual(['AZ State tax', 'Tucson City']);
    const rates = (await emulator.query(company, 'select * from TaxRate')).body.QueryResponse.TaxRate;
    expect(rates.map((rate: any) => [rate.Name, rate.RateValue])).toEqual([['AZ State tax', 7.1], ['Tucson City', 2], ['California', 8]]);
    expect((await emulator.api(company, 'GET', 'taxagency/1')).body.TaxAgency).toMatchObject({ DisplayName: 'Arizona Dept. of Revenue', TaxTrackedOnSales: true });
    const prefs = (await emulator.api(company, 'GET', 'preferences')).body.Preferences.TaxPrefs;
    expect(prefs).toEqual({ UsingSalesTax: true, TaxGroupCodeRef: { value: expect.any(String) } });
  });

  it('a taxable line needs a tax code; with one, each rate taxes the taxable lines and the tax is owed to its agency', async () => {
    expect(faultCode(await emulator.create(company, 'Invoice', invoice(100)))).toBe('6000');
    const created = await emulator.created(company, 'Invoice', invoice(100, { TxnTaxDetail: { TxnTaxCodeRef: { value: tucson.Id } } }));
    expect(created.TxnTaxDetail.TaxLine.map((line: any) => [line.TaxLineDetail.TaxRateRef.name, line.Amount, line.TaxLineDetail.NetAmountTaxable])).toEqual([['AZ State tax', 7.1, 100], ['Tucson City', 2, 100]]);
    expect(created).toMatchObject({ TotalAmt: 159.1, Balance: 159.1, TxnTaxDetail: { TotalTax: 9.1 } });
    expect((await books(emulator, company)).accounts['Arizona Dept. of Revenue Payable']).toBe(910);
  });

  it('carries the host\'s amounts on its tax lines, and refuses a TotalTax that does not add up', async () => {
    const lines = (azState: number, city: number) => [
      { Amount: azState, DetailType: 'TaxLineDetail', TaxLineDetail: { TaxRateRef: { value: tucson.SalesTaxRateList.TaxRateDetail[0].TaxRateRef.value } } },
      { Amount: city, DetailType: 'TaxLineDetail', TaxLineDetail: { TaxRateRef: { value: tucson.SalesTaxRateList.TaxRateDetail[1].TaxRateRef.value } } },
    ];
    const host = await emulator.created(company, 'Invoice', invoice(100, { TxnTaxDetail: { TxnTaxCodeRef: { value: tucson.Id }, TotalTax: 9.11, TaxLine: lines(7.11, 2) } }));
    expect(host).toMatchObject({ TotalAmt: 159.11, TxnTaxDetail: { TotalTax: 9.11 } });
    const mismatch = await emulator.create(company, 'Invoice', invoice(100, { TxnTaxDetail: { TxnTaxCodeRef: { value: tucson.Id }, TotalTax: 9.5, TaxLine: lines(7.11, 2) } }));
    expect(faultCode(mismatch)).toBe('6000');
    expect(faultCode(await emulator.create(company, 'Invoice', invoice(100, { TxnTaxDetail: { TxnTaxCodeRef: { value: '999' } } })))).toBe('2500');
  });

  it('a credit memo with tax gives the tax back to the agency', async () => {
    const before = (await books(emulator, company)).accounts['Arizona Dept. of Revenue Payable'] ?? 0;
    const memo = await emulator.created(company, 'CreditMemo', invoice(10, { TxnTaxDetail: { TxnTaxCodeRef: { value: tucson.Id } } }));
    expect(memo.TxnTaxDetail.TotalTax).toBe(0.91);
    expect((await books(emulator, company)).accounts['Arizona Dept. of Revenue Payable']).toBe(before - 91);
  });
});

describe('emulator sales tax: a company that does not charge it', () => {
  const emulator = EmulatorClient.use();

  it('answers untaxed sales with TotalTax 0 and refuses a taxable line (6000)', async () => {
    const company = await emulator.company();
    const services = await emulator.account(company, 'Services');
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'No Tax' });
    const item = await emulator.created(company, 'Item', { Name: 'Visit', Type: 'Service', IncomeAccountRef: { value: services.Id } });
    const line = (code?: string) => [{ DetailType: 'SalesItemLineDetail', Amount: 20, SalesItemLineDetail: { ItemRef: { value: item.Id }, ...(code ? { TaxCodeRef: { value: code } } : {}) } }];
    const untaxed = await emulator.created(company, 'Invoice', { CustomerRef: { value: customer.Id }, Line: line() });
    expect(untaxed.TxnTaxDetail).toEqual({ TotalTax: 0 });
    expect(untaxed.Line[0].SalesItemLineDetail.TaxCodeRef).toEqual({ value: 'NON' });
    expect(faultCode(await emulator.create(company, 'Invoice', { CustomerRef: { value: customer.Id }, Line: line('TAX') }))).toBe('6000');
    expect((await emulator.api(company, 'GET', 'preferences')).body.Preferences.TaxPrefs).toEqual({ UsingSalesTax: false });
    expect((await emulator.control('POST', '/realms', { salesTax: 'sometimes' })).status).toBe(400);
  });

  it('lets a person turn sales tax on later (Taxes → Set up sales tax): codes appear, and a taxed invoice is then taken', async () => {
    const company = await emulator.company();
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'Later Tax' });
    const item = await emulator.created(company, 'Item', { Name: 'Visit', Type: 'Service', IncomeAccountRef: { value: (await emulator.account(company, 'Services')).Id } });
    const taxed = (code: string) => ({ CustomerRef: { value: customer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 20, SalesItemLineDetail: { ItemRef: { value: item.Id }, TaxCodeRef: { value: 'TAX' } } }], TxnTaxDetail: { TxnTaxCodeRef: { value: code }, TotalTax: 1.5 } });
    expect(faultCode(await emulator.create(company, 'Invoice', taxed('TAX')))).toBe('6000');
    const turnedOn = await emulator.control('POST', `/realms/${company.realmId}/sales-tax`, { mode: 'manual' });
    expect(turnedOn.status).toBe(200);
    const prefs = (await emulator.api(company, 'GET', 'preferences')).body.Preferences.TaxPrefs;
    expect(prefs).toMatchObject({ UsingSalesTax: true, TaxGroupCodeRef: { value: expect.any(String) } });
    const invoice = await emulator.created(company, 'Invoice', taxed(prefs.TaxGroupCodeRef.value));
    expect(invoice).toMatchObject({ TotalAmt: 21.5, TxnTaxDetail: { TotalTax: 1.5 } });
    expect((await emulator.control('POST', `/realms/${company.realmId}/sales-tax`, { mode: 'automated' })).status).toBe(409);
    expect((await emulator.control('POST', `/realms/${company.realmId}/sales-tax`, { mode: 'off' })).status).toBe(400);
  });
});
