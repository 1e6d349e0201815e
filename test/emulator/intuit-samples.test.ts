import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmulatorClient, type Company } from './emulator-client';
import { shapeDifferences } from './sample-shape';

const sample = (name: string): any => JSON.parse(readFileSync(join(__dirname, '../fixtures/qbo/intuit-samples', `${name}.json`), 'utf8'));

// Keys of a sample that describe Intuit's sample company, not QBO's answer shape.
const SAMPLE_SPECIFIC = new Set([
  'Lat', // address geocodes: Intuit stopped returning Lat/Long on addresses in 2025 (blogs.intuit.com 2025/08/13)
  'Long',
  'ProjectRef', // the sample transaction belongs to a project
  'CustomField', // the sample company defines a "Crew #" custom field
]);

describe('emulator answers compared field by field with Intuit\'s documented samples', () => {
  const emulator = EmulatorClient.use();
  let company: Company;
  let accounts: Record<string, any>;
  let customer: any;
  let item: any;
  beforeAll(async () => {
    company = (await emulator.control('POST', '/realms', { companyName: 'Samples Co', salesTax: 'manual' })).body;
    accounts = {};
    for (const account of (await emulator.state(company)).Account ?? []) accounts[account.Name] = account;
    customer = await emulator.created(company, 'Customer', {
      DisplayName: 'Amy\'s Bird Sanctuary', GivenName: 'Amy', FamilyName: 'Lauterbach', CompanyName: 'Amy\'s Bird Sanctuary', Notes: 'Here are other details.',
      Title: 'Mr', MiddleName: 'B', Suffix: 'Jr', PrimaryEmailAddr: { Address: 'Birds@Intuit.com' }, PrimaryPhone: { FreeFormNumber: '(650) 555-3311' },
      BillAddr: { Line1: '4581 Finch St.', City: 'Bayshore', CountrySubDivisionCode: 'CA', PostalCode: '94326', Country: 'USA' },
    });
    item = await emulator.created(company, 'Item', { Name: 'Pest Control', Type: 'Service', UnitPrice: 100, IncomeAccountRef: { value: accounts.Services.Id } });
  });
  const line = (amount: number) => ({ Description: 'Pest Control Services', DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount, TaxCodeRef: { value: 'NON' } } });
  const answer = async (entity: string, body: unknown): Promise<any> => {
    const created = await emulator.create(company, entity, body);
    if (created.status !== 200) throw new Error(`${entity}: ${JSON.stringify(created.body)}`);
    return created.body;
  };
  const read = async (path: string): Promise<any> => (await emulator.api(company, 'GET', path)).body;
  const expectShape = (name: string, got: any): void => expect(shapeDifferences(sample(name), got, SAMPLE_SPECIFIC)).toEqual([]);

  it('Customer', async () => expectShape('customer', await read(`customer/${customer.Id}`)));

  it('Vendor', async () => {
    expectShape('vendor', await answer('Vendor', {
      DisplayName: 'Books by Bessie', GivenName: 'Bessie', FamilyName: 'Williams', CompanyName: 'Books by Bessie', AcctNum: '1345',
      PrimaryEmailAddr: { Address: 'Books@Intuit.com' }, PrimaryPhone: { FreeFormNumber: '(650) 555-7745' }, WebAddr: { URI: 'http://www.booksbybessie.co' },
      BillAddr: { Line1: '15 Main St.', City: 'Palo Alto', CountrySubDivisionCode: 'CA', PostalCode: '94303' },
    }));
  });

  it('Employee', async () => {
    expectShape('employee', await answer('Employee', {
      GivenName: 'Bill', FamilyName: 'Miller', SSN: 'XXX-XX-XXXX', PrimaryPhone: { FreeFormNumber: '234-525-1234' },
      PrimaryAddr: { Line1: '45 N. Elm Street', City: 'Middlefield', CountrySubDivisionCode: 'CA', PostalCode: '93242' },
    }));
  });

  it('Item (a category)', async () => expectShape('item-category', await answer('Item', { Name: 'Trees', Type: 'Category' })));

  it('Account', async () => expectShape('account', await answer('Account', { Name: 'MyJobs', AccountType: 'Accounts Receivable', AccountSubType: 'AccountsReceivable' })));

  it('Invoice', async () => expectShape('invoice', await answer('Invoice', { CustomerRef: { value: customer.Id }, Line: [line(100)] })));

  it('CreditMemo', async () => {
    expectShape('creditmemo', await answer('CreditMemo', {
      CustomerRef: { value: customer.Id }, Line: [line(100)], BillEmail: { Address: 'Birds@Intuit.com' }, CustomerMemo: { value: 'Updated customer memo.' },
      BillAddr: { Line1: 'Amy Lauterbach', Line2: 'Amy\'s Bird Sanctuary', Line3: '4581 Finch St.', Line4: 'Bayshore, CA  94326' },
    }));
  });

  it('Payment (applied to an invoice)', async () => {
    const invoice = (await answer('Invoice', { CustomerRef: { value: customer.Id }, Line: [line(126)] })).Invoice;
    expectShape('payment', await answer('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 65, Line: [{ Amount: 55, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] }));
  });

  it('RefundReceipt', async () => {
    expectShape('refundreceipt', await answer('RefundReceipt', {
      CustomerRef: { value: customer.Id }, DepositToAccountRef: { value: accounts.Checking.Id }, PaymentRefNum: 'To Print',
      PaymentMethodRef: { value: '2', name: 'Check' }, BillAddr: { Line1: 'Kookies by Kathy', Line2: 'Kathy Kuplis', Line3: '65 Ocean Dr.', Line4: 'Half Moon Bay, CA  94213' }, CustomerMemo: { value: 'Thank you for your business and have a great day!' }, Line: [{ ...line(420), SalesItemLineDetail: { ...line(420).SalesItemLineDetail, TaxCodeRef: { value: 'TAX' } } }],
      TxnTaxDetail: { TxnTaxCodeRef: { value: '1' }, TotalTax: 0 },
    }));
  });

  it('Deposit', async () => {
    const payment = (await answer('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 1675 })).Payment;
    expectShape('deposit', await answer('Deposit', { DepositToAccountRef: { value: accounts.Checking.Id }, Line: [{ Amount: 1675, LinkedTxn: [{ TxnId: payment.Id, TxnType: 'Payment', TxnLineId: '0' }] }] }));
  });

  it('TaxCode, TaxRate, TaxAgency', async () => {
    expectShape('taxcode', await read('taxcode/1'));
    expectShape('taxrate', await read('taxrate/2'));
    expectShape('taxagency', await read('taxagency/1'));
  });

  it('Preferences and CompanyInfo', async () => {
    const preferences = await read('preferences');
    // The sample company tracks classes and locations and names custom fields; Intuit lists those only where used.
    expect(shapeDifferences(sample('preferences'), preferences, new Set([...SAMPLE_SPECIFIC, 'BookCloseDate', 'DefaultDiscountAccount', 'POCustomField']))).toEqual([]);
    expectShape('companyinfo', await read(`companyinfo/${company.realmId}`));
  });
});
