import fc from 'fast-check';
import { canonicalJson } from '../../../src/domain/shared/canonical-json';

describe('canonicalJson', () => {
  it('is JSON whose keys are sorted, whatever order they were written in', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: undefined }], e: undefined })).toBe('{"a":[true,null,{"d":"x"}],"b":1}');
  });

  it('sorts integer-like keys as text too (found by a property run)', () => {
    expect(canonicalJson({ '': { '': [{ '0': false, '': [] }] } })).toBe('{"":{"":[{"":[],"0":false}]}}');
    expect(canonicalJson({ b: 1, 10: 2, 9: 3 })).toBe('{"10":2,"9":3,"b":1}');
  });

  it('never mixes up objects whose keys join alike', () => {
    expect(canonicalJson({ 'a,b': 1 })).toBe('{"a,b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ b: 2, 'a,': 1 })).toBe('{"a,":1,"b":2}');
    expect(canonicalJson({ b: 2, a: 1 })).toBe('{"a":1,"b":2}');
    expect(canonicalJson({ 'b,a': 3 })).toBe('{"b,a":3}');
  });

  it('parses back to the same value and does not depend on key order', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const text = canonicalJson(value);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      const reversed = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value;
      expect(canonicalJson(reversed)).toBe(text);
    }));
  });
});
