import fc from 'fast-check';
import { foldAnyText, foldText, normalizeName } from '../../../src/domain/names/normalize-name';

describe('normalizeName', () => {
  it.each([
    ['Mr. & Mrs. José  Smith', 'jose smith'],
    ['  MARIA   LOPEZ ', 'maria lopez'],
    ["O'Brien Pools, LLC", 'obrien pools llc'],
    ['Smith & Sons Pool Care', 'smith and sons pool care'],
    ['Dr. Ana Müller', 'ana muller'],
    ['John and Mrs Jane Smith', 'john and jane smith'],
    ['Green-to-clean', 'green to clean'],
    ['Ｃｈｌｏｒｉｎｅ tablets 3in', 'chlorine tablets 3in'],
    ['Straße Pools', 'strasse pools'],
    ['Dr', 'dr'],
  ])('%j compares as %j', (name, normalized) => {
    expect(normalizeName(name)).toBe(normalized);
  });

  it('keeps decimal quantities apart: "1.5 lb shock" is not "15 lb shock"', () => {
    expect(normalizeName('1.5 lb shock')).not.toBe(normalizeName('15 lb shock'));
  });

  it('is idempotent on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
      expect(normalizeName(normalizeName(name))).toBe(normalizeName(name));
    }), { numRuns: 2000 });
  });

  it('is idempotent on names made of honorifics, "and", "&" and punctuation', () => {
    const word = fc.constantFrom('Mr', 'mrs.', 'Dr', 'and', '&', 'AND', 'Smith', 'ms', 'José', "O'Neil", '-', ',', 'Miss', ' ', '.');
    fc.assert(fc.property(fc.array(word, { maxLength: 8 }), (words) => {
      const name = words.join(' ');
      expect(normalizeName(normalizeName(name))).toBe(normalizeName(name));
    }), { numRuns: 2000 });
  });

  it('folds plain ASCII words by its shortcut exactly as the long way does', () => {
    const plain = fc.stringMatching(/^[A-Za-z0-9 ]{0,30}$/);
    const any = fc.oneof(plain, fc.string({ unit: 'binary', maxLength: 30 }), fc.array(fc.constantFrom('Jo', 'SMITH', '3in', ' ', '  ', '&', "'", '.', 'é', 'ß'), { maxLength: 8 }).map((parts) => parts.join('')));
    fc.assert(fc.property(any, (text) => {
      expect(foldText(text)).toBe(foldAnyText(text));
    }), { numRuns: 3000 });
  });
});
