import fc from 'fast-check';
import { canonicalJsonHash } from '../../../src/domain/shared/canonical-hash';
import { canonicalJson } from '../../../src/domain/shared/canonical-json';
import { Hash128, hash128 } from '../../../src/domain/shared/hash';
import { fingerprintOf } from '../../../src/domain/sync/fingerprint';

/** Strings of any UTF-16 units: quotes, backslashes, control characters, lone surrogates and emoji. */
const anyText = fc.string({ unit: fc.oneof(fc.constantFrom('"', '\\', '\u0000', '\u001f', '\n', '\ud800', '\udfff', '😀', 'é', ','), fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit))) });

/** Values a record's fields can hold, with undefined fields left in as a mapping would leave them. */
const fieldValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    anyText,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.double(),
    fc.integer(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(anyText, fc.nat().map(String)), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('canonicalJsonHash (ADR 0093)', () => {
  it('is the hash of the canonical JSON, for any value a record holds', () => {
    fc.assert(fc.property(fieldValue, (value) => {
      expect(canonicalJsonHash(value)).toBe(hash128(canonicalJson(value)));
    }), { numRuns: 3_000 });
  });

  it('gives every fingerprint stored before it the same value', () => {
    const customer = { displayName: 'Zoë "Z" O\'Brien', givenName: 'Zoë', familyName: "O'Brien", email: null, billAddr: { line1: '1 Palm Way\n#2', city: 'Tampa' }, active: true, balance: 12.5 };
    expect(fingerprintOf(customer)).toBe(hash128(canonicalJson(customer)));
    // A fingerprint as the release before this one stored it (its text hashed whole).
    expect(fingerprintOf({ b: 1, a: 'x' })).toBe(hash128('{"a":"x","b":1}'));
  });
});

describe('Hash128 fed a piece at a time', () => {
  it('gives the digest of the whole text, however it is cut', () => {
    fc.assert(fc.property(fc.array(anyText, { maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 3 }), (pieces, units) => {
      const hash = new Hash128();
      for (const piece of pieces) hash.feed(piece);
      for (const unit of units) hash.feedUnit(unit);
      expect(hash.digest()).toBe(hash128(pieces.join('') + String.fromCharCode(...units)));
    }));
  });
});
