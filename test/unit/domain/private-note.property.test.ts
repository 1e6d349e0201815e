import fc from 'fast-check';
import { carriesMarker, privateNoteMarker } from '../../../src/domain/sync/private-note';
import type { HostRecordKind } from '../../../src/domain/host/host-records';

const kinds: readonly HostRecordKind[] = ['invoice', 'payment', 'refund', 'customer', 'item'];
const markerOf = fc.record({ tenant: fc.string({ minLength: 1, maxLength: 6 }), kind: fc.constantFrom(...kinds), id: fc.string({ minLength: 1, maxLength: 6 }) });
/** Words a person (or QBO) may put before the marker in a memo, and after it once a space or a sign ends it. */
const words = fc.string({ maxLength: 12 });
const wordsAfter = words.map((text) => text.replace(/^[A-Za-z0-9\-_.!~*'()%]+/, ''));

describe('a QBO memo carries exactly one record\'s marker', () => {
  it('payment 2 is not found in the memo of payment 23, and each finds its own', () => {
    const two = privateNoteMarker('1', 'payment', '2');
    const twentyThree = privateNoteMarker('1', 'payment', '23');
    expect(carriesMarker(`Payment of Dec 5 · ${twentyThree}`, two)).toBe(false);
    expect(carriesMarker(`Payment of Dec 5 · ${twentyThree}`, twentyThree)).toBe(true);
    expect(carriesMarker(`${two} (edited in QuickBooks)`, two)).toBe(true);
    expect(carriesMarker(`${twentyThree} ${two}`, two)).toBe(true);
  });

  it('for any two records, a memo of one carries its own marker and never the other\'s', () => {
    fc.assert(
      fc.property(markerOf, markerOf, words, wordsAfter, (a, b, before, after) => {
        const mine = privateNoteMarker(a.tenant, a.kind, a.id);
        const other = privateNoteMarker(b.tenant, b.kind, b.id);
        const note = `${before}${mine}${after}`;
        expect(carriesMarker(note, mine)).toBe(true);
        if (other !== mine) expect(carriesMarker(`${before}${other}${after}`, mine)).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });
});
