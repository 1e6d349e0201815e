import { EmulatorClient, faultCode, type Company } from './emulator-client';

describe('emulator: invoices, payments, refunds, credit memos', () => {
  const emulator = EmulatorClient.use();
  let company: Company;
  let customer: any;
  let item: any;
  beforeEach(async () => {
    company = await emulator.company();
    const services = await emulator.account(company, 'Services');
    customer = await emulator.created(company, 'Customer', { DisplayName: 'Pat Pool' });
    item = await emulator.created(company, 'Item', { Name: 'Weekly service', Type: 'Service', UnitPrice: 33.33, IncomeAccountRef: { value: services.Id } });
  });

  const invoiceBody = (amounts: number[], extra: Record<string, unknown> = {}) => ({
    CustomerRef: { value: customer.Id },
    Line: amounts.map((amount) => ({ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount } })),
    ...extra,
  });

  it('an invoice totals its lines in exact cents, is numbered, and shows a subtotal line and its balance', async () => {
    const invoice = await emulator.created(company, 'Invoice', invoiceBody([0.1, 0.2, 33.33], { PrivateNote: 'qbo-sync:t1:invoice:7' }));
    expect(invoice.TotalAmt).toBe(33.63);
    expect(invoice.Balance).toBe(33.63);
    expect(invoice.DocNumber).toBe('1001');
    expect(invoice.Line.at(-1)).toEqual({ Amount: 33.63, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
    expect(invoice.Line[0].SalesItemLineDetail.ItemRef).toEqual({ value: item.Id, name: 'Weekly service' });
    expect(invoice.CustomerRef).toEqual({ value: customer.Id, name: 'Pat Pool' });
    expect(invoice.TxnDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('invoice validation: Line and CustomerRef required (2020), unknown item (2500), Amount ≠ Qty × UnitPrice (6070)', async () => {
    expect(faultCode(await emulator.create(company, 'Invoice', { CustomerRef: { value: customer.Id } }))).toBe('2020');
    expect(faultCode(await emulator.create(company, 'Invoice', { Line: invoiceBody([5]).Line }))).toBe('2020');
    const unknownItem = await emulator.create(company, 'Invoice', { CustomerRef: { value: customer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: { ItemRef: { value: '4242' } } }] });
    expect(unknownItem.body.Fault.Error[0]).toMatchObject({ code: '2500', element: 'Line.SalesItemLineDetail.ItemRef' });
    const wrongAmount = await emulator.create(company, 'Invoice', { CustomerRef: { value: customer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 50, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 2, UnitPrice: 20 } }] });
    expect(faultCode(wrongAmount)).toBe('6070');
    expect(faultCode(await emulator.create(company, 'Invoice', invoiceBody([5], { CustomerRef: { value: '777' } })))).toBe('2500');
  });

  it('refuses a duplicate DocNumber (6140) unless include=allowduplicatedocnum', async () => {
    await emulator.created(company, 'Invoice', invoiceBody([5], { DocNumber: 'INV-9' }));
    expect(faultCode(await emulator.create(company, 'Invoice', invoiceBody([6], { DocNumber: 'inv-9' })))).toBe('6140');
    const allowed = await emulator.api(company, 'POST', 'invoice?include=allowduplicatedocnum', invoiceBody([6], { DocNumber: 'INV-9' }));
    expect(allowed.status).toBe(200);
    expect(faultCode(await emulator.create(company, 'Invoice', invoiceBody([5], { DocNumber: 'D'.repeat(22) })))).toBe('2050');
  });

  it('a payment applied to an invoice lowers its balance and raises its SyncToken; deleting the payment makes it due again', async () => {
    const invoice = await emulator.created(company, 'Invoice', invoiceBody([100]));
    const payment = await emulator.created(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 65, Line: [{ Amount: 55, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
    expect(payment.UnappliedAmt).toBe(10);
    expect(payment.DepositToAccountRef.name).toBe('Undeposited Funds');
    const paid = (await emulator.api(company, 'GET', `invoice/${invoice.Id}`)).body.Invoice;
    expect(paid).toMatchObject({ Balance: 45, SyncToken: '1', LinkedTxn: [{ TxnId: payment.Id, TxnType: 'Payment' }] });
    const stale = await emulator.api(company, 'POST', 'payment?operation=delete', { Id: payment.Id, SyncToken: '7' });
    expect(faultCode(stale)).toBe('5010');
    const deleted = await emulator.api(company, 'POST', 'payment?operation=delete', { Id: payment.Id, SyncToken: payment.SyncToken });
    expect(deleted.status).toBe(200);
    expect(deleted.body.Payment).toEqual({ status: 'Deleted', domain: 'QBO', Id: payment.Id });
    expect((await emulator.api(company, 'GET', `invoice/${invoice.Id}`)).body.Invoice).toMatchObject({ Balance: 100, SyncToken: '2', LinkedTxn: [] });
    expect((await emulator.api(company, 'GET', `payment/${payment.Id}`)).status).toBe(400);
    const state = await emulator.state(company);
    expect(state.Payment).toEqual([expect.objectContaining({ Id: payment.Id, status: 'Deleted' })]);
  });

  it('refuses paying more than the invoice balance (6000), another customer\'s invoice (6000), and applying more than the total (6000)', async () => {
    const invoice = await emulator.created(company, 'Invoice', invoiceBody([40]));
    const over = await emulator.create(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 50, Line: [{ Amount: 40.01, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
    expect(faultCode(over)).toBe('6000');
    const other = await emulator.created(company, 'Customer', { DisplayName: 'Someone Else' });
    const foreign = await emulator.create(company, 'Payment', { CustomerRef: { value: other.Id }, TotalAmt: 10, Line: [{ Amount: 10, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
    expect(faultCode(foreign)).toBe('6000');
    const beyondTotal = await emulator.create(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 10, Line: [{ Amount: 20, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
    expect(faultCode(beyondTotal)).toBe('6000');
    await emulator.created(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 40, Line: [{ Amount: 40, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
    const second = await emulator.create(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 1, Line: [{ Amount: 1, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
    expect(faultCode(second)).toBe('6000');
  });

  it('a payment without lines is an unapplied credit; TotalAmt is required; only Bank and Other Current Asset accounts take deposits', async () => {
    const checking = await emulator.account(company, 'Checking');
    const credit = await emulator.created(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 25.5, DepositToAccountRef: { value: checking.Id } });
    expect(credit).toMatchObject({ Line: [], UnappliedAmt: 25.5, TotalAmt: 25.5, DepositToAccountRef: { value: checking.Id, name: 'Checking' } });
    expect(faultCode(await emulator.create(company, 'Payment', { CustomerRef: { value: customer.Id } }))).toBe('2020');
    const services = await emulator.account(company, 'Services');
    expect(faultCode(await emulator.create(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 5, DepositToAccountRef: { value: services.Id } }))).toBe('6000');
  });

  it('voiding a payment zeroes it, marks it Voided and frees the invoice; void works via include=void and operation=void', async () => {
    const invoice = await emulator.created(company, 'Invoice', invoiceBody([30]));
    const payment = await emulator.created(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 30, PrivateNote: 'marker-1', Line: [{ Amount: 30, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
    const voided = await emulator.api(company, 'POST', 'payment?operation=update&include=void', { Id: payment.Id, SyncToken: payment.SyncToken, sparse: true });
    expect(voided.status).toBe(200);
    expect(voided.body.Payment).toMatchObject({ TotalAmt: 0, UnappliedAmt: 0, Line: [], PrivateNote: 'Voided - marker-1', SyncToken: '1' });
    expect((await emulator.api(company, 'GET', `invoice/${invoice.Id}`)).body.Invoice.Balance).toBe(30);
    const voidedInvoice = await emulator.api(company, 'POST', 'invoice?operation=void', { Id: invoice.Id, SyncToken: '2' });
    expect(voidedInvoice.body.Invoice).toMatchObject({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' });
  });

  it('an invoice with payments applied cannot be deleted or voided (6000); without, it can be deleted', async () => {
    const invoice = await emulator.created(company, 'Invoice', invoiceBody([30]));
    await emulator.created(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 10, Line: [{ Amount: 10, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
    expect(faultCode(await emulator.api(company, 'POST', 'invoice?operation=delete', { Id: invoice.Id, SyncToken: '1' }))).toBe('6000');
    const lonely = await emulator.created(company, 'Invoice', invoiceBody([5]));
    const deleted = await emulator.api(company, 'POST', 'invoice?operation=delete', { Id: lonely.Id, SyncToken: '0' });
    expect(deleted.body.Invoice.status).toBe('Deleted');
  });

  it('a sparse payment update re-applies its lines all or none', async () => {
    const invoice = await emulator.created(company, 'Invoice', invoiceBody([50]));
    const payment = await emulator.created(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 50, Line: [{ Amount: 20, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
    const raised = await emulator.api(company, 'POST', 'payment', { Id: payment.Id, SyncToken: '0', sparse: true, Line: [{ Amount: 50, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
    expect(raised.body.Payment.UnappliedAmt).toBe(0);
    expect((await emulator.api(company, 'GET', `invoice/${invoice.Id}`)).body.Invoice.Balance).toBe(0);
    const noteOnly = await emulator.api(company, 'POST', 'payment', { Id: payment.Id, SyncToken: '1', sparse: true, PrivateNote: 'checked' });
    expect(noteOnly.body.Payment.Line).toHaveLength(1);
  });

  it('a refund receipt needs an item line and a deposit account, and totals its lines', async () => {
    const checking = await emulator.account(company, 'Checking');
    const refund = await emulator.created(company, 'RefundReceipt', {
      CustomerRef: { value: customer.Id },
      DepositToAccountRef: { value: checking.Id },
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: 42, SalesItemLineDetail: { ItemRef: { value: item.Id } } }],
    });
    expect(refund).toMatchObject({ TotalAmt: 42, Balance: 0, PrintStatus: 'NeedToPrint', PaymentRefNum: 'To Print', DepositToAccountRef: { value: checking.Id } });
    expect(faultCode(await emulator.create(company, 'RefundReceipt', { CustomerRef: { value: customer.Id }, Line: refund.Line.slice(0, 1) }))).toBe('2020');
    expect(faultCode(await emulator.create(company, 'RefundReceipt', { DepositToAccountRef: { value: checking.Id }, Line: [{ DetailType: 'DescriptionOnly', Description: 'x' }] }))).toBe('2020');
    const removed = await emulator.api(company, 'POST', 'refundreceipt?operation=delete', { Id: refund.Id, SyncToken: refund.SyncToken });
    expect(removed.body.RefundReceipt.status).toBe('Deleted');
  });

  it('a credit memo carries remaining credit that a payment can use against an invoice', async () => {
    const invoice = await emulator.created(company, 'Invoice', invoiceBody([80]));
    const memo = await emulator.created(company, 'CreditMemo', invoiceBody([30]));
    expect(memo.RemainingCredit).toBe(30);
    const payment = await emulator.created(company, 'Payment', {
      CustomerRef: { value: customer.Id },
      TotalAmt: 50,
      Line: [
        { Amount: 80, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] },
        { Amount: 30, LinkedTxn: [{ TxnId: memo.Id, TxnType: 'CreditMemo' }] },
      ],
    });
    expect(payment.UnappliedAmt).toBe(0);
    expect((await emulator.api(company, 'GET', `creditmemo/${memo.Id}`)).body.CreditMemo.RemainingCredit).toBe(0);
    expect((await emulator.api(company, 'GET', `invoice/${invoice.Id}`)).body.Invoice.Balance).toBe(0);
  });
});
