import { books, booksCompany, invoiceOf, paymentOf } from './books-fixture';
import { EmulatorClient } from './emulator-client';

describe('emulator books: invoices, payments and overpayments move A/R, income and Undeposited Funds', () => {
  const emulator = EmulatorClient.use();

  it('an invoice raises the customer balance and income; a partial payment lowers both balances and fills Undeposited Funds', async () => {
    const { company, customer, item, accounts } = await booksCompany(emulator);
    const invoice = await emulator.created(company, 'Invoice', invoiceOf(customer, item, 350));
    expect((await emulator.api(company, 'GET', `customer/${customer.Id}`)).body.Customer).toMatchObject({ Balance: 350, BalanceWithJobs: 350 });
    await emulator.created(company, 'Payment', paymentOf(customer, 100, [[invoice.Id, 100]]));
    expect((await emulator.api(company, 'GET', `customer/${customer.Id}`)).body.Customer.Balance).toBe(250);
    expect((await emulator.api(company, 'GET', `invoice/${invoice.Id}`)).body.Invoice.Balance).toBe(250);
    const read = async (name: string) => (await emulator.api(company, 'GET', `account/${accounts[name].Id}`)).body.Account;
    expect(await read('Undeposited Funds')).toMatchObject({ CurrentBalance: 100, CurrentBalanceWithSubAccounts: 100 });
    expect((await read('Accounts Receivable (A/R)')).CurrentBalance).toBe(250);
    // Intuit: CurrentBalance is "Valid for Balance Sheet accounts"; income shows in the books route instead.
    expect((await read('Services')).CurrentBalance).toBe(0);
    const summary = await books(emulator, company);
    expect(summary.customers['Pat Pool']).toMatchObject({ openReceivableCents: 25000, openCreditCents: 0, balanceCents: 25000 });
    expect(summary.accounts).toMatchObject({ Services: 35000, 'Undeposited Funds': 10000, 'Accounts Receivable (A/R)': 25000 });
  });

  it('an overpayment is one payment: the invoice balance applied, the rest unapplied as the customer credit', async () => {
    const { company, customer, item } = await booksCompany(emulator, 'Over Payer');
    const invoice = await emulator.created(company, 'Invoice', invoiceOf(customer, item, 350));
    const payment = await emulator.created(company, 'Payment', paymentOf(customer, 400, [[invoice.Id, 350]]));
    expect(payment).toMatchObject({ TotalAmt: 400, UnappliedAmt: 50 });
    expect((await emulator.api(company, 'GET', `invoice/${invoice.Id}`)).body.Invoice.Balance).toBe(0);
    expect((await emulator.api(company, 'GET', `customer/${customer.Id}`)).body.Customer.Balance).toBe(-50);
    expect((await books(emulator, company)).customers['Over Payer']).toEqual(expect.objectContaining({ openReceivableCents: 0, openCreditCents: 5000, balanceCents: -5000 }));
  });

  it('deleting a payment makes the invoice due again and takes the money back out of Undeposited Funds', async () => {
    const { company, customer, item } = await booksCompany(emulator, 'Undo Payer');
    const invoice = await emulator.created(company, 'Invoice', invoiceOf(customer, item, 80));
    const payment = await emulator.created(company, 'Payment', paymentOf(customer, 80, [[invoice.Id, 80]]));
    await emulator.api(company, 'POST', 'payment?operation=delete', { Id: payment.Id, SyncToken: payment.SyncToken });
    const summary = await books(emulator, company);
    expect(summary.customers['Undo Payer']).toMatchObject({ openReceivableCents: 8000, balanceCents: 8000 });
    expect(summary.accounts['Undeposited Funds']).toBe(0);
    expect(summary.accounts.Services).toBe(8000);
  });

  it('a voided invoice leaves nothing in A/R or income; a customer query can filter on Balance', async () => {
    const { company, customer, item } = await booksCompany(emulator, 'Void Customer');
    const invoice = await emulator.created(company, 'Invoice', invoiceOf(customer, item, 30));
    expect((await emulator.query(company, "select * from Customer where Balance > '0' and DisplayName = 'Void Customer'")).body.QueryResponse.Customer).toHaveLength(1);
    await emulator.api(company, 'POST', 'invoice?operation=void', { Id: invoice.Id, SyncToken: invoice.SyncToken });
    const summary = await books(emulator, company);
    expect(summary.customers['Void Customer'].balanceCents).toBe(0);
    expect(summary.accounts.Services).toBe(0);
  });

  it('an invoice answers without HomeBalance (QBO sends it only with multicurrency on)', async () => {
    const { company, customer, item } = await booksCompany(emulator, 'Home Currency');
    const invoice = await emulator.created(company, 'Invoice', invoiceOf(customer, item, 12.5));
    expect(invoice).not.toHaveProperty('HomeBalance');
    expect(invoice.Line[0].SalesItemLineDetail.ItemAccountRef).toMatchObject({ name: 'Services' });
  });
});
