import { booksCompany, invoiceOf, paymentOf } from './books-fixture';
import { EmulatorClient } from './emulator-client';

describe('emulator page: each company\'s books as a bookkeeper looks for them', () => {
  const emulator = EmulatorClient.use();

  it('shows customer balances, open invoices, unapplied payments, deposits and account balances', async () => {
    const { company, customer, item, accounts } = await booksCompany(emulator, 'Page Customer');
    const invoice = await emulator.created(company, 'Invoice', invoiceOf(customer, item, 1250));
    await emulator.created(company, 'Payment', paymentOf(customer, 300, [[invoice.Id, 300]]));
    const credit = await emulator.created(company, 'Payment', paymentOf(customer, 40));
    await emulator.created(company, 'Deposit', { DepositToAccountRef: { value: accounts.Checking.Id }, Line: [{ Amount: 40, LinkedTxn: [{ TxnId: credit.Id, TxnType: 'Payment', TxnLineId: '0' }] }] });
    const html = await (await fetch(`${emulator.url}/__emulator/`)).text();
    const section = (title: string): string => html.slice(html.indexOf(`<h3>${title}`), html.indexOf('</table>', html.indexOf(`<h3>${title}`)));
    expect(section('Customer balances')).toMatch(/Page Customer.*950\.00.*40\.00.*910\.00/s);
    expect(section('Open invoices')).toMatch(/1001.*Page Customer.*1,250\.00.*950\.00/s);
    expect(section('Unapplied payments')).toMatch(/Page Customer.*40\.00/s);
    expect(section('Bank deposits')).toMatch(/Checking.*40\.00/s);
    expect(section('Account balances')).toMatch(/Undeposited Funds.*300\.00/s);
    expect(section('Account balances')).toMatch(/Services.*1,250\.00/s);
  });
});
