import fc from 'fast-check';
import { centsInWords, lastKnownWords, recordWords } from '../../../src/domain/host/record-words';

describe('records named as the host shows them, never by id', () => {
  it('names each kind by its name, number, or amount and date', () => {
    const uuid = '3f2a9c4e-1d2b-4c3d-8e9f-0a1b2c3d4e5f';
    expect(recordWords('customer', { id: uuid, firstName: 'Kevin', lastName: 'Park', companyName: null, displayAsCompany: false, email: null, phone: null, street: null, city: null, state: null, zip: null, isActive: true })).toBe('customer "Kevin Park"');
    expect(recordWords('customer', { id: uuid, firstName: '', lastName: '', companyName: 'Reef Co', displayAsCompany: true, email: null, phone: null, street: null, city: null, state: null, zip: null, isActive: true })).toBe('customer "Reef Co"');
    expect(recordWords('item', { id: uuid, kind: 'dosage', name: ' Chlorine Tabs ', description: null, unitPriceCents: 6_450, sku: null, isActive: true })).toBe('item "Chlorine Tabs"');
    const invoice = { id: uuid, customerId: uuid, number: 'B-1001', issuedOn: '2026-03-01', dueOn: null, status: 'sent' as const, totalCents: 33_675, taxCents: 0, taxRateName: null, lines: [] };
    expect(recordWords('invoice', invoice)).toBe('invoice B-1001');
    expect(recordWords('invoice', { ...invoice, number: ' ' })).toBe('the invoice of 2026-03-01 for $336.75');
    const payment = { id: uuid, customerId: uuid, invoiceId: uuid, amountCents: 123_456_78, method: 'card', receivedOn: '2026-03-02', reference: null, deleted: false };
    expect(recordWords('payment', payment)).toBe('payment of $123,456.78 received 2026-03-02');
    expect(recordWords('payment', { ...payment, invoiceId: null, amountCents: 4_200 })).toBe('account credit of $42.00 received 2026-03-02');
    expect(recordWords('refund', { id: uuid, paymentId: uuid, amountCents: 1_075, refundedOn: '2026-03-05', reason: null })).toBe('refund of $10.75 on 2026-03-05');
    expect(recordWords('payout', { id: uuid, paidOn: '2026-04-03', grossCents: 19_875, feeCents: 583, netCents: 19_292, reference: null, paymentIds: [], deleted: false })).toBe('payout of $192.92 on 2026-04-03');
  });

  it('names a record it cannot read now by what it last sent to QuickBooks', () => {
    expect(lastKnownWords('customer', { displayName: 'Kevin Park (2)' }, 'missing', 'x')).toBe('customer "Kevin Park (2)"');
    expect(lastKnownWords('invoice', { docNumber: 'B-7' }, 'missing', 'x')).toBe('invoice B-7');
    expect(lastKnownWords('item', null, 'missing', '3f2a')).toBe('an item no longer in the app');
    // Never sent and unreadable: the row id is all there is, and what the host's engineer looks the row up by.
    expect(lastKnownWords('payment', null, 'unreadable', '3f2a')).toBe('the payment of row 3f2a');
  });

  it('writes any amount of cents exactly as dollars', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
      const words = centsInWords(cents);
      expect(words).toMatch(/^-?\$\d{1,3}(,\d{3})*\.\d{2}$/);
      expect(Number(words.replace(/[$,]/g, '')) * 100).toBeCloseTo(cents, 0);
      expect(BigInt(words.replace(/[$,.]/g, ''))).toBe(BigInt(cents));
    }));
  });
});
