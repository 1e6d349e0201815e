import { books, booksCompany, paymentOf } from './books-fixture';
import { EmulatorClient, faultCode } from './emulator-client';

describe('emulator: a processor payout as a bank deposit', () => {
  const emulator = EmulatorClient.use();

  const depositOf = (accounts: Record<string, any>, payments: any[], feeCents: number) => ({
    DepositToAccountRef: { value: accounts.Checking.Id },
    Line: [
      ...payments.map((payment) => ({ Amount: payment.TotalAmt, LinkedTxn: [{ TxnId: payment.Id, TxnType: 'Payment', TxnLineId: '0' }] })),
      { Amount: -feeCents / 100, DetailType: 'DepositLineDetail', DepositLineDetail: { AccountRef: { value: accounts['Bank Charges & Fees'].Id } } },
    ],
  });

  it('three payments less a fee: the deposit is the net, they leave Undeposited Funds, the bank and the fee account move', async () => {
    const { company, customer, accounts } = await booksCompany(emulator, 'Card Payer');
    const payments = [];
    for (const amount of [100, 55.5, 20]) payments.push(await emulator.created(company, 'Payment', paymentOf(customer, amount)));
    expect((await books(emulator, company)).accounts['Undeposited Funds']).toBe(17550);
    const deposit = await emulator.created(company, 'Deposit', depositOf(accounts, payments, 512));
    expect(deposit).toMatchObject({ TotalAmt: 170.38, DepositToAccountRef: { value: accounts.Checking.Id, name: 'Checking' } });
    expect(deposit.Line[0].LinkedTxn).toEqual([{ TxnId: payments[0].Id, TxnType: 'Payment', TxnLineId: '0' }]);
    expect((await books(emulator, company)).accounts).toMatchObject({ 'Undeposited Funds': 0, Checking: 17038, 'Bank Charges & Fees': 512 });
    expect((await emulator.api(company, 'GET', `payment/${payments[1].Id}`)).body.Payment.LinkedTxn).toEqual([{ TxnId: deposit.Id, TxnType: 'Deposit' }]);
    expect((await emulator.api(company, 'GET', `account/${accounts.Checking.Id}`)).body.Account.CurrentBalance).toBe(170.38);
  });

  it('a deposited payment cannot be changed or deleted (6540) until the deposit lets it go', async () => {
    const { company, customer, accounts } = await booksCompany(emulator, 'Deposited Payer');
    const payment = await emulator.created(company, 'Payment', paymentOf(customer, 30));
    const deposit = await emulator.created(company, 'Deposit', { DepositToAccountRef: { value: accounts.Checking.Id }, Line: [{ Amount: 30, LinkedTxn: [{ TxnId: payment.Id, TxnType: 'Payment', TxnLineId: '0' }] }] });
    const removal = await emulator.api(company, 'POST', 'payment?operation=delete', { Id: payment.Id, SyncToken: payment.SyncToken });
    expect(faultCode(removal)).toBe('6540');
    expect(faultCode(await emulator.api(company, 'POST', 'payment', { Id: payment.Id, SyncToken: payment.SyncToken, sparse: true, TotalAmt: 31 }))).toBe('6540');
    await emulator.api(company, 'POST', 'deposit?operation=delete', { Id: deposit.Id, SyncToken: deposit.SyncToken });
    expect((await books(emulator, company)).accounts).toMatchObject({ 'Undeposited Funds': 3000, Checking: 0 });
    expect((await emulator.api(company, 'POST', 'payment?operation=delete', { Id: payment.Id, SyncToken: payment.SyncToken })).status).toBe(200);
  });

  it('refuses what QBO refuses: a payment not in Undeposited Funds, one deposited twice, a part of one, no TxnLineId', async () => {
    const { company, customer, accounts } = await booksCompany(emulator, 'Strict Deposit');
    const direct = await emulator.created(company, 'Payment', paymentOf(customer, 10, [], { DepositToAccountRef: { value: accounts.Checking.Id } }));
    const waiting = await emulator.created(company, 'Payment', paymentOf(customer, 10));
    const line = (payment: any, amount = payment.TotalAmt, link: Record<string, unknown> = { TxnLineId: '0' }) => ({ Amount: amount, LinkedTxn: [{ TxnId: payment.Id, TxnType: 'Payment', ...link }] });
    const deposit = (lines: unknown[]) => ({ DepositToAccountRef: { value: accounts.Checking.Id }, Line: lines });
    expect(faultCode(await emulator.create(company, 'Deposit', deposit([line(direct)])))).toBe('6000');
    expect(faultCode(await emulator.create(company, 'Deposit', deposit([line(waiting, 5)])))).toBe('6000');
    expect(faultCode(await emulator.create(company, 'Deposit', deposit([line(waiting, 10, {})])))).toBe('2020');
    await emulator.created(company, 'Deposit', deposit([line(waiting)]));
    expect(faultCode(await emulator.create(company, 'Deposit', deposit([line(waiting)])))).toBe('6000');
    expect(faultCode(await emulator.create(company, 'Deposit', { ...deposit([line(waiting)]), DepositToAccountRef: { value: accounts['Undeposited Funds'].Id } }))).toBe('6000');
  });
});
