import { books, booksCompany, paymentOf } from './books-fixture';
import { EmulatorClient, faultCode } from './emulator-client';

// QBO's documented way to refund a customer's credit: an Expense (or Check) paid to the customer from the bank with
// Accounts Receivable as its category, then linked to the credit in Receive payment (quickbooks.intuit.com help,
// "Issue and record a customer refund in QuickBooks Online"). Over the API the link is a line of the credit's payment.
describe('emulator books: refunding a customer credit', () => {
  const emulator = EmulatorClient.use();

  const refundExpense = (customer: any, accounts: Record<string, any>, amount: number) => ({
    PaymentType: 'Cash',
    AccountRef: { value: accounts.Checking.Id },
    EntityRef: { value: customer.Id, type: 'Customer' },
    Line: [{ DetailType: 'AccountBasedExpenseLineDetail', Amount: amount, AccountBasedExpenseLineDetail: { AccountRef: { value: accounts['Accounts Receivable (A/R)'].Id } } }],
  });

  it('$20 of a $50 credit refunded: the credit drops to $30, the bank pays $20, income does not move', async () => {
    const { company, customer, accounts } = await booksCompany(emulator, 'Credit Holder');
    const credit = await emulator.created(company, 'Payment', paymentOf(customer, 50, [], { DepositToAccountRef: { value: accounts.Checking.Id } }));
    const expense = await emulator.created(company, 'Purchase', refundExpense(customer, accounts, 20));
    expect(expense).toMatchObject({ TotalAmt: 20, PaymentType: 'Cash', EntityRef: { value: customer.Id, name: 'Credit Holder', type: 'Customer' } });
    expect((await emulator.api(company, 'GET', `customer/${customer.Id}`)).body.Customer.Balance).toBe(-30);
    const linked = await emulator.api(company, 'POST', 'payment', { Id: credit.Id, SyncToken: credit.SyncToken, sparse: true, Line: [{ Amount: 20, LinkedTxn: [{ TxnId: expense.Id, TxnType: 'Expense' }] }] });
    expect(linked.body.Payment).toMatchObject({ TotalAmt: 50, UnappliedAmt: 30 });
    expect((await emulator.api(company, 'GET', `purchase/${expense.Id}`)).body.Purchase.LinkedTxn).toEqual([{ TxnId: credit.Id, TxnType: 'Payment' }]);
    const summary = await books(emulator, company);
    expect(summary.customers['Credit Holder']).toMatchObject({ openReceivableCents: 0, openCreditCents: 3000, balanceCents: -3000 });
    expect(summary.accounts).toMatchObject({ Checking: 3000, Services: 0, 'Refunds Given': 0 });
  });

  it('refuses what QBO refuses: an A/R line without a customer payee, a cheque from a non-bank account, applying more than the expense', async () => {
    const { company, customer, accounts } = await booksCompany(emulator, 'Strict Refund');
    const noPayee = { ...refundExpense(customer, accounts, 5), EntityRef: undefined };
    expect(faultCode(await emulator.create(company, 'Purchase', noPayee))).toBe('6000');
    const fromFunds = { ...refundExpense(customer, accounts, 5), PaymentType: 'Check', AccountRef: { value: accounts['Undeposited Funds'].Id } };
    expect(faultCode(await emulator.create(company, 'Purchase', fromFunds))).toBe('6000');
    const expense = await emulator.created(company, 'Purchase', refundExpense(customer, accounts, 5));
    const tooMuch = await emulator.create(company, 'Payment', paymentOf(customer, 10, [[expense.Id, 6, 'Expense']]));
    expect(faultCode(tooMuch)).toBe('6000');
    const wrongType = await emulator.create(company, 'Payment', paymentOf(customer, 10, [[expense.Id, 5, 'Check']]));
    expect(faultCode(wrongType)).toBe('2500');
  });

  it('an expense linked to a payment cannot be deleted until the link is removed', async () => {
    const { company, customer, accounts } = await booksCompany(emulator, 'Linked Refund');
    const expense = await emulator.created(company, 'Purchase', refundExpense(customer, accounts, 5));
    const credit = await emulator.created(company, 'Payment', paymentOf(customer, 5, [[expense.Id, 5, 'Expense']]));
    expect(credit.UnappliedAmt).toBe(0);
    expect(faultCode(await emulator.api(company, 'POST', 'purchase?operation=delete', { Id: expense.Id, SyncToken: '1' }))).toBe('6000');
  });
});
