import fc from 'fast-check';
import { amountToCents, centsToAmount } from '../../../src/adapters/qbo/qbo-money';

describe('QBO money', () => {
  it('writes cents as the exact decimal amount', () => {
    expect(JSON.stringify({ Amount: centsToAmount(1999) })).toBe('{"Amount":19.99}');
    expect(JSON.stringify([centsToAmount(5), centsToAmount(-5), centsToAmount(0), centsToAmount(100)])).toBe('[0.05,-0.05,0,1]');
  });

  it('reads decimal amounts to cents, rounding half away from zero by decimal digits', () => {
    expect(amountToCents(1.005)).toBe(101);
    expect(amountToCents(-1.005)).toBe(-101);
    expect(amountToCents('19.99')).toBe(1999);
    expect(amountToCents(1.004999)).toBe(100);
    expect(amountToCents(420)).toBe(42000);
    expect(amountToCents(1e-7)).toBe(0);
    expect(amountToCents(1.5e3)).toBe(150000);
    expect(amountToCents('.5')).toBe(50);
  });

  it('refuses what is not an amount with a clear error', () => {
    expect(() => amountToCents('12,50')).toThrow("'12,50' is not an amount.");
    expect(() => amountToCents('')).toThrow('is not an amount');
    expect(() => centsToAmount(1.5)).toThrow('whole number');
  });

  it('round-trips every cent amount through its JSON text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 13), max: 10 ** 13 }), (cents) => {
        const wire = JSON.parse(JSON.stringify({ Amount: centsToAmount(cents) })) as { Amount: number };
        expect(amountToCents(wire.Amount)).toBe(cents);
      }),
    );
  });

  it('agrees with exact decimal rounding on three-decimal amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 9), max: 10 ** 9 }), (mills) => {
        const text = `${mills < 0 ? '-' : ''}${Math.floor(Math.abs(mills) / 1000)}.${String(Math.abs(mills) % 1000).padStart(3, '0')}`;
        const expected = Math.sign(mills) * Math.floor((Math.abs(mills) + 5) / 10);
        expect(amountToCents(Number(text))).toBe(expected === 0 ? 0 : expected);
      }),
    );
  });
});
