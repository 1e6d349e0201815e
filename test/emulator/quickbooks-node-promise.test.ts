import Quickbooks from 'quickbooks-node-promise';
import { books } from './books-fixture';
import { EmulatorClient, type Company } from './emulator-client';

// A second client, independent of node-quickbooks and of the plugin's gateway, drives every entity the plugin uses.
// Its endpoints are static fields (process-wide), which Jest keeps per test file.
describe('quickbooks-node-promise (npm) against the emulator', () => {
  const emulator = EmulatorClient.use();
  let company: Company;
  let qbo: Quickbooks;
  beforeAll(async () => {
    company = (await emulator.control('POST', '/realms', { companyName: 'Second Client Pools', salesTax: 'manual' })).body;
    Quickbooks.V3_ENDPOINT_BASE_URL = `${emulator.url}/v3/company/`;
    Quickbooks.TOKEN_URL = `${emulator.url}/oauth2/v1/tokens/bearer`;
    qbo = new Quickbooks({ appKey: 'app', appSecret: 'secret', accessToken: company.accessToken, refreshToken: company.refreshToken, autoRefresh: false, minorversion: 75 }, company.realmId);
  });

  it('customers and items: create, read, update, query, make inactive', async () => {
    const created: any = (await qbo.createCustomer({ DisplayName: 'Second Client Customer', CompanyName: 'Second Client LLC' } as any)).Customer;
    expect(created).toMatchObject({ PrintOnCheckName: 'Second Client LLC', Balance: 0 });
    const read: any = (await qbo.getCustomer(created.Id)).Customer;
    const renamed: any = (await qbo.updateCustomer({ ...read, DisplayName: 'Second Client Customer Renamed' } as any)).Customer;
    expect(renamed.SyncToken).toBe('1');
    const found = await qbo.findCustomers([{ field: 'DisplayName', value: 'Second Client Customer Renamed', operator: '=' }]);
    expect(found.QueryResponse.Customer?.[0]?.Id).toBe(created.Id);
    const accounts = (await qbo.findAccounts([{ field: 'AccountType', value: 'Income', operator: '=' }])).QueryResponse.Account ?? [];
    const item: any = (await qbo.createItem({ Name: 'Chlorine tabs', Type: 'NonInventory', Taxable: true, UnitPrice: 12.5, IncomeAccountRef: { value: accounts[0]!.Id } } as any)).Item;
    expect((await qbo.getItem(item.Id)).Item).toMatchObject({ Taxable: true, UnitPrice: 12.5 });
    const inactive: any = (await qbo.updateItem({ Id: item.Id, SyncToken: item.SyncToken, sparse: true, Active: false } as any)).Item;
    expect(inactive.Active).toBe(false);
  });

  it('money: a taxed invoice, an overpayment, a deposit with a fee, a credit refund, a voided and a deleted transaction', async () => {
    const customer: any = (await qbo.createCustomer({ DisplayName: 'Money Customer' } as any)).Customer;
    const accounts = Object.fromEntries(((await qbo.findAccounts()).QueryResponse.Account ?? []).map((account: any) => [account.Name, account]));
    const item: any = (await qbo.createItem({ Name: 'Pool service', Type: 'Service', IncomeAccountRef: { value: accounts.Services.Id } } as any)).Item;
    const code: any = (await qbo.findTaxCodes([{ field: 'Name', value: 'California', operator: '=' }])).QueryResponse.TaxCode![0]!;
    expect((await qbo.getTaxCode(code.Id)).TaxCode.Name).toBe('California');
    expect((await qbo.getPreferences()).Preferences.TaxPrefs).toMatchObject({ UsingSalesTax: true });
    const line = (amount: number, taxed: boolean) => ({ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, TaxCodeRef: { value: taxed ? 'TAX' : 'NON' } } });
    const invoice: any = (await qbo.createInvoice({ CustomerRef: { value: customer.Id }, Line: [line(100, true)], TxnTaxDetail: { TxnTaxCodeRef: { value: code.Id } } } as any)).Invoice;
    expect(invoice).toMatchObject({ TotalAmt: 108, Balance: 108 });
    const payment: any = (await qbo.createPayment({ CustomerRef: { value: customer.Id }, TotalAmt: 120, Line: [{ Amount: 108, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] } as any)).Payment;
    expect(payment.UnappliedAmt).toBe(12);
    const deposit: any = (await qbo.createDeposit({ DepositToAccountRef: { value: accounts.Checking.Id }, Line: [
      { Amount: 120, LinkedTxn: [{ TxnId: payment.Id, TxnType: 'Payment', TxnLineId: '0' }] },
      { Amount: -3.5, DetailType: 'DepositLineDetail', DepositLineDetail: { AccountRef: { value: accounts['Bank Charges & Fees'].Id } } },
    ] } as any)).Deposit;
    expect((await qbo.getDeposit(deposit.Id)).Deposit.TotalAmt).toBe(116.5);
    const refund: any = (await qbo.createPurchase({ PaymentType: 'Check', AccountRef: { value: accounts.Checking.Id }, EntityRef: { value: customer.Id, type: 'Customer' },
      Line: [{ DetailType: 'AccountBasedExpenseLineDetail', Amount: 12, AccountBasedExpenseLineDetail: { AccountRef: { value: accounts['Accounts Receivable (A/R)'].Id } } }] } as any)).Purchase;
    expect((await qbo.getPurchase(refund.Id)).Purchase.TotalAmt).toBe(12);
    const memo: any = (await qbo.createCreditMemo({ CustomerRef: { value: customer.Id }, Line: [line(5, false)] } as any)).CreditMemo;
    expect((await qbo.findCreditMemos()).QueryResponse.CreditMemo?.map((found: any) => found.Id)).toContain(memo.Id);
    // By id the library posts the read answer's envelope ({ CreditMemo: ... }), a body QBO does not document: give it the entity.
    expect((await qbo.deleteCreditMemo({ Id: memo.Id, SyncToken: memo.SyncToken } as any)).CreditMemo.status).toBe('Deleted');
    const receipt: any = (await qbo.createRefundReceipt({ CustomerRef: { value: customer.Id }, DepositToAccountRef: { value: accounts.Checking.Id }, Line: [line(10, false)] } as any)).RefundReceipt;
    expect((await qbo.getRefundReceipt(receipt.Id)).RefundReceipt.TotalAmt).toBe(10);
    const second: any = (await qbo.createInvoice({ CustomerRef: { value: customer.Id }, Line: [line(30, false)] } as any)).Invoice;
    expect((await qbo.voidInvoice({ Id: second.Id, SyncToken: second.SyncToken } as any)).Invoice).toMatchObject({ TotalAmt: 0, Balance: 0 });
    const summary = await books(emulator, company);
    expect(summary.customers['Money Customer']).toMatchObject({ openReceivableCents: 1200, openCreditCents: 1200, balanceCents: 0 });
    expect(summary.accounts).toMatchObject({ Checking: 11650 - 1200 - 1000, 'Bank Charges & Fees': 350, 'Board of Equalization Payable': 800 });
    expect((await qbo.getCompanyInfo(company.realmId)).CompanyInfo.CompanyName).toBe('Second Client Pools');
  });
});
