import fc from 'fast-check';
import { compositeKey } from '../../../src/domain/shared/composite-key';
import { isRealmId, maxRealmIdLength } from '../../../src/domain/qbo/realm-id';

describe('compositeKey', () => {
  it('gives two lists of parts the same key only when they are the same list', () => {
    const parts = fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 4 });
    fc.assert(fc.property(parts, parts, (a, b) => {
      expect(compositeKey(a) === compositeKey(b)).toBe(JSON.stringify(a) === JSON.stringify(b));
    }), { numRuns: 5000 });
  });

  it('tells apart the joins a separator made ambiguous', () => {
    expect(compositeKey(['a:b', 'c'])).not.toBe(compositeKey(['a', 'b:c']));
    expect(compositeKey(['7', 'customer', '1:2'])).not.toBe(compositeKey(['7:customer', '1', '2']));
    expect(compositeKey(['', 'x'])).not.toBe(compositeKey(['x', '']));
  });
});

describe('isRealmId', () => {
  it('accepts digits only, at most 32 of them', () => {
    expect(isRealmId('9130347596651176')).toBe(true);
    expect(isRealmId('1'.repeat(maxRealmIdLength))).toBe(true);
    for (const bad of ['', '1'.repeat(maxRealmIdLength + 1), "1' OR '1'='1", '12a', ' 12', '١٢', '-1', '1.5', null, 12, undefined]) {
      expect(isRealmId(bad)).toBe(false);
    }
  });
});
