import { changesJson, draftJson, recordFrom } from '../../../src/adapters/qbo/qbo-record.mapper';

describe('domain → QBO JSON', () => {
  it('writes an overpayment as one line of the applied share, and a credit with a line per refund expense', () => {
    const payment = { customerId: '58', totalCents: 40000, txnDate: '2026-06-03', depositAccountId: '35', paymentRefNum: null, privateNote: 'p' };
    expect(draftJson({ entity: 'Payment', fields: { ...payment, invoiceId: '130', appliedCents: 35000 } })).toMatchObject({
      TotalAmt: 400, Line: [{ Amount: 350, LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] }],
    });
    expect(draftJson({ entity: 'Payment', fields: { ...payment, invoiceId: '130', appliedCents: 0 } })).toMatchObject({ TotalAmt: 400, Line: [] });
    expect(changesJson({ entity: 'Payment', fields: { invoiceId: null, totalCents: 5000, refundLinks: [{ purchaseId: '77', amountCents: 2000 }] } })).toEqual({
      TotalAmt: 50, Line: [{ Amount: 20, LinkedTxn: [{ TxnId: '77', TxnType: 'Expense' }] }],
    });
    const read = recordFrom('Payment', { Id: '9', SyncToken: '1', CustomerRef: { value: '58' }, TotalAmt: 50, UnappliedAmt: 30, Line: [{ Amount: 20, LinkedTxn: [{ TxnId: '77', TxnType: 'Expense' }] }] });
    expect(read).toMatchObject({ fields: { invoiceId: null, refundLinks: [{ purchaseId: '77', amountCents: 2000 }] }, unappliedCents: 3000 });
  });

  it('writes a credit refund as a Cash expense to the customer from the deposit account, its line on A/R', () => {
    const fields = { customerId: '58', txnDate: '2026-06-10', paidFromAccountId: '35', receivableAccountId: '84', amountCents: 2000, privateNote: 'qbo-sync:t:refund:r-1' };
    expect(draftJson({ entity: 'Purchase', fields })).toEqual({
      PaymentType: 'Cash', AccountRef: { value: '35' }, EntityRef: { value: '58', type: 'Customer' }, TxnDate: '2026-06-10', PrivateNote: 'qbo-sync:t:refund:r-1',
      Line: [{ DetailType: 'AccountBasedExpenseLineDetail', Amount: 20, AccountBasedExpenseLineDetail: { AccountRef: { value: '84' } } }],
    });
    expect(() => changesJson({ entity: 'Purchase', fields: { amountCents: 2500 } })).toThrow(/both the amount and the Accounts Receivable account/);
    expect(recordFrom('Purchase', { Id: '77', SyncToken: '0', ...draftJson({ entity: 'Purchase', fields }), TotalAmt: 20 })).toMatchObject({ entity: 'Purchase', fields });
  });

  it('writes a customer create with refs, address, email and phone, omitting empty fields', () => {
    expect(
      draftJson({
        entity: 'Customer',
        fields: {
          displayName: 'Maria Lopez',
          givenName: 'Maria',
          familyName: 'Lopez',
          companyName: null,
          email: 'maria@example.com',
          phone: null,
          billAddr: { line1: '1 Pool Way', city: 'Austin', region: 'TX', postalCode: null },
          active: true,
        },
      }),
    ).toEqual({
      DisplayName: 'Maria Lopez',
      GivenName: 'Maria',
      FamilyName: 'Lopez',
      PrimaryEmailAddr: { Address: 'maria@example.com' },
      BillAddr: { Line1: '1 Pool Way', City: 'Austin', CountrySubDivisionCode: 'TX' },
      Active: true,
    });
  });

  it('clears a customer field in a sparse update with an empty value and leaves absent fields out', () => {
    expect(changesJson({ entity: 'Customer', fields: { email: null, active: false } })).toEqual({
      PrimaryEmailAddr: { Address: '' },
      Active: false,
    });
  });

  it('sets the income account only when an item is created', () => {
    const fields = { name: 'Chlorine', type: 'NonInventory', description: null, unitPriceCents: 1999, sku: 'CL-1', active: true, incomeAccountId: '79' } as const;
    expect(draftJson({ entity: 'Item', fields })).toEqual({
      Name: 'Chlorine',
      Type: 'NonInventory',
      UnitPrice: 19.99,
      Sku: 'CL-1',
      Active: true,
      IncomeAccountRef: { value: '79' },
    });
    expect(changesJson({ entity: 'Item', fields: { unitPriceCents: 2500 } })).toEqual({ UnitPrice: 25 });
  });

  it('writes invoice lines with item refs and description-only lines', () => {
    const body = draftJson({
      entity: 'Invoice',
      fields: {
        customerId: '5',
        docNumber: null,
        txnDate: '2026-03-01',
        dueDate: null,
        privateNote: 'qbo-sync:t1:invoice:9',
        lines: [
          { itemId: '7', description: 'Chlorine', quantity: 3, unitPriceCents: 335, amountCents: 1005 },
          { itemId: null, description: 'Gate code 1234', quantity: 0, unitPriceCents: 0, amountCents: 0 },
        ],
      },
    });
    expect(body).toEqual({
      CustomerRef: { value: '5' },
      TxnDate: '2026-03-01',
      PrivateNote: 'qbo-sync:t1:invoice:9',
      Line: [
        { DetailType: 'SalesItemLineDetail', Amount: 10.05, Description: 'Chlorine', SalesItemLineDetail: { ItemRef: { value: '7' }, Qty: 3, UnitPrice: 3.35, TaxCodeRef: { value: 'NON' } } },
        { DetailType: 'DescriptionOnly', Description: 'Gate code 1234', DescriptionLineDetail: {} },
      ],
    });
  });

  it('sends the host\'s sales tax as the override (TxnTaxCodeRef with TotalTax), taxable lines as TAX, and TotalTax 0 once it is gone', () => {
    const fields = {
      customerId: '5', docNumber: '1001', txnDate: '2026-03-01', dueDate: null, privateNote: 'm',
      lines: [
        { itemId: '7', description: 'Chlorine', quantity: 1, unitPriceCents: 10000, amountCents: 10000, taxable: true },
        { itemId: '8', description: 'Labour', quantity: 1, unitPriceCents: 5000, amountCents: 5000 },
      ],
      taxCents: 911,
      taxCodeId: '3',
    };
    const body = draftJson({ entity: 'Invoice', fields }) as any;
    expect(body.Line.map((line: any) => line.SalesItemLineDetail.TaxCodeRef.value)).toEqual(['TAX', 'NON']);
    expect(body.TxnTaxDetail).toEqual({ TxnTaxCodeRef: { value: '3' }, TotalTax: 9.11 });
    expect((changesJson({ entity: 'Invoice', fields: { taxCents: 0 } }) as any).TxnTaxDetail).toEqual({ TotalTax: 0 });
    expect(() => draftJson({ entity: 'Invoice', fields: { ...fields, taxCodeId: undefined } })).toThrow('tax code');
    const read = recordFrom('Invoice', { Id: '9', SyncToken: '0', CustomerRef: { value: '5' }, TotalAmt: 159.11, Balance: 0, ...body, TxnTaxDetail: { TxnTaxCodeRef: { value: '3' }, TotalTax: 9.11 } });
    expect(read.fields).toMatchObject({ taxCents: 911, taxCodeId: '3' });
    expect(read.fields.lines.map((line) => line.taxable)).toEqual([true, undefined]);
  });

  it('writes a payout as a deposit: a linked line per payment, the fee a negative line to its account; reads it back', () => {
    const body = draftJson({
      entity: 'Deposit',
      fields: { txnDate: '2026-03-05', payments: [{ paymentId: '40', amountCents: 10000 }, { paymentId: '41', amountCents: 5550 }], feeCents: 512, privateNote: 'qbo-sync:t1:payout:3', depositAccountId: '35', feeAccountId: '91', hostPaymentIds: ['p1', 'p2'] },
    }) as any;
    expect(body).toEqual({
      DepositToAccountRef: { value: '35' },
      TxnDate: '2026-03-05',
      PrivateNote: 'qbo-sync:t1:payout:3',
      Line: [
        { Amount: 100, LinkedTxn: [{ TxnId: '40', TxnType: 'Payment', TxnLineId: '0' }] },
        { Amount: 55.5, LinkedTxn: [{ TxnId: '41', TxnType: 'Payment', TxnLineId: '0' }] },
        { Amount: -5.12, DetailType: 'DepositLineDetail', DepositLineDetail: { AccountRef: { value: '91' } } },
      ],
    });
    expect(() => changesJson({ entity: 'Deposit', fields: { feeCents: 100 } })).toThrow('together');
    const read = recordFrom('Deposit', { Id: '50', SyncToken: '1', TotalAmt: 150.38, ...body });
    expect(read).toMatchObject({ totalCents: 15038, fields: { payments: [{ paymentId: '40', amountCents: 10000 }, { paymentId: '41', amountCents: 5550 }], feeCents: 512, feeAccountId: '91', depositAccountId: '35' } });
  });

  it('links an applied payment to its invoice and sends an account credit without lines', () => {
    const base = { customerId: '5', totalCents: 5500, txnDate: '2026-03-02', depositAccountId: '35', paymentRefNum: null, privateNote: 'm' };
    expect(draftJson({ entity: 'Payment', fields: { ...base, invoiceId: '70' } })).toMatchObject({
      TotalAmt: 55,
      DepositToAccountRef: { value: '35' },
      Line: [{ Amount: 55, LinkedTxn: [{ TxnId: '70', TxnType: 'Invoice' }] }],
    });
    expect(draftJson({ entity: 'Payment', fields: { ...base, invoiceId: null } })).toMatchObject({ Line: [] });
  });

  it('puts a refund on the refund item, paid from the deposit account', () => {
    expect(
      draftJson({
        entity: 'RefundReceipt',
        fields: { customerId: '20', txnDate: '2026-03-03', depositAccountId: '35', refundItemId: '38', amountCents: 42000, privateNote: 'm' },
      }),
    ).toEqual({
      CustomerRef: { value: '20' },
      TxnDate: '2026-03-03',
      DepositToAccountRef: { value: '35' },
      PrivateNote: 'm',
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: 420, SalesItemLineDetail: { ItemRef: { value: '38' }, Qty: 1, UnitPrice: 420 } }],
    });
  });
});
