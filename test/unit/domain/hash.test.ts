import fc from 'fast-check';
import { hash128 } from '../../../src/domain/shared/hash';

describe('hash128', () => {
  it('is 32 hex digits, the same for the same text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(hash128(text)).toMatch(/^[0-9a-f]{32}$/);
      expect(hash128(text)).toBe(hash128(`${text}`));
    }));
  });

  it('tells apart texts that differ anywhere, including by a trailing NUL or a single unit', () => {
    expect(hash128('a')).not.toBe(hash128('a\u0000'));
    expect(hash128('')).not.toBe(hash128('\u0000'));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), (a, b) => {
      fc.pre(a !== b);
      expect(hash128(a)).not.toBe(hash128(b));
    }), { numRuns: 5000 });
  });

  it('changes every hex digit position across one-letter edits (no dead lanes)', () => {
    const hashes = ['Maria Lopez', 'Maria Lopes', 'maria Lopez', 'Maria Lopez '].map(hash128);
    for (let position = 0; position < 32; position += 8) {
      expect(new Set(hashes.map((h) => h.slice(position, position + 8))).size).toBe(hashes.length);
    }
  });
});
