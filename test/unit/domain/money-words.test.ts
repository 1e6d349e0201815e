import fc from 'fast-check';
import { recordWords } from '../../../src/domain/host/record-words';
import { changesText, fieldChanges } from '../../../src/domain/sync/field-changes';
import { moneyWords } from '../../../src/domain/shared/money-words';
import { dollars } from '../../../src/domain/sync/rejection';
import { aPayment } from '../../support/domain/host-records.builder';

describe('money in the QuickBooks company\'s currency (issue 18)', () => {
  it('writes the sign en-US writes for the currency, as the page does, and US dollars when none is known', () => {
    expect(moneyWords(123_450, 'CAD')).toBe('CA$1,234.50');
    expect(moneyWords(123_450, 'USD')).toBe('$1,234.50');
    expect(moneyWords(-5, 'GBP')).toBe('-£0.05');
    expect(moneyWords(123_450)).toBe('$1,234.50');
    expect(dollars(123_450, 'CAD')).toBe('CA$1234.50');
    expect(dollars(123_450)).toBe('$1234.50');
    expect(moneyWords(100, 'XYZ')).toBe('XYZ\u00a01.00');
  });

  it('gives the same digits as Intl for any amount a sum of cents can be, without floating point', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000_00, max: 1_000_000_000_00 }), fc.constantFrom('USD', 'CAD', 'EUR', 'AUD'), (cents, currency) => {
        const intl = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2 }).format(cents / 100);
        expect(moneyWords(cents, currency)).toBe(intl);
      }),
    );
  });

  it('names a payment in the activity log and a price change in the preview CSV in that currency', () => {
    expect(recordWords('payment', aPayment({ amountCents: 29_998 }), 'CAD')).toBe('payment of CA$299.98 received 2026-06-03');
    expect(changesText(fieldChanges({ unitPriceCents: 1_000 }, { unitPriceCents: 1_250 }), 'CAD')).toBe('Price: CA$10.00 → CA$12.50');
  });
});
