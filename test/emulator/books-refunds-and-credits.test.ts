import { books, booksCompany, invoiceOf, paymentOf } from './books-fixture';
import { EmulatorClient } from './emulator-client';

describe('emulator books: refund receipts and credit memos reverse a sale', () => {
  const emulator = EmulatorClient.use();

  it('a refund receipt of a paid sale takes income back and pays the money out of the account it names', async () => {
    const { company, customer, item, accounts } = await booksCompany(emulator, 'Refunded Sale');
    const invoice = await emulator.created(company, 'Invoice', invoiceOf(customer, item, 60));
    await emulator.created(company, 'Payment', paymentOf(customer, 60, [[invoice.Id, 60]], { DepositToAccountRef: { value: accounts.Checking.Id } }));
    await emulator.created(company, 'RefundReceipt', { ...invoiceOf(customer, item, 25), DepositToAccountRef: { value: accounts.Checking.Id } });
    const summary = await books(emulator, company);
    expect(summary.accounts).toMatchObject({ Services: 3500, Checking: 3500, 'Accounts Receivable (A/R)': 0 });
    expect(summary.customers['Refunded Sale'].balanceCents).toBe(0);
  });

  it('a credit memo is open credit until a payment uses it against an invoice', async () => {
    const { company, customer, item } = await booksCompany(emulator, 'Memo Customer');
    const invoice = await emulator.created(company, 'Invoice', invoiceOf(customer, item, 80));
    const memo = await emulator.created(company, 'CreditMemo', invoiceOf(customer, item, 30));
    expect((await books(emulator, company)).customers['Memo Customer']).toMatchObject({ openReceivableCents: 8000, openCreditCents: 3000, balanceCents: 5000 });
    await emulator.created(company, 'Payment', paymentOf(customer, 50, [[invoice.Id, 80], [memo.Id, 30, 'CreditMemo']]));
    const summary = await books(emulator, company);
    expect(summary.customers['Memo Customer']).toMatchObject({ openReceivableCents: 0, openCreditCents: 0, balanceCents: 0 });
    expect(summary.accounts).toMatchObject({ Services: 5000, 'Undeposited Funds': 5000 });
  });
});
