import fc from 'fast-check';
import { acceptableQboName, QBO_NAME_MAX_LENGTH, qboNameKey, qboNameProblems, takenNameKeys } from '../../../src/domain/names/qbo-name-rules';

describe('acceptableQboName', () => {
  const nothingTaken = new Set<string>();

  it('leaves a good name alone and says nothing changed', () => {
    expect(acceptableQboName('Maria Lopez', { entity: 'Customer', taken: nothingTaken })).toEqual({ name: 'Maria Lopez', changes: [] });
  });

  it('replaces a colon and line breaks, and says so', () => {
    const result = acceptableQboName('Lopez: Pool\tCare\n', { entity: 'Customer', taken: nothingTaken });
    expect(result.name).toBe('Lopez - Pool Care');
    expect(result.changes).toEqual([
      'replaced ":" (not allowed by QuickBooks) with " - "',
      'replaced tabs, line breaks and other control characters with spaces',
      'removed spaces at the start or end',
    ]);
  });

  it('cuts an item name to 100 characters', () => {
    const result = acceptableQboName(`Chlorine tablets 3in ${'x'.repeat(200)}`, { entity: 'Item', taken: nothingTaken });
    expect(result.name).toHaveLength(100);
    expect(result.changes).toEqual(['shortened to 100 characters, the QuickBooks limit for item names']);
  });

  it('appends (2), (3) … when the name is taken, counting inactive and differently spelled names', () => {
    const taken = takenNameKeys(['maria lopez', 'Maria López (2)', 'Kevin Park']);
    const result = acceptableQboName('Maria Lopez', { entity: 'Customer', taken });
    expect(result.name).toBe('Maria Lopez (3)');
    expect(result.changes).toEqual(['"Maria Lopez" is already used in QuickBooks by a customer, vendor or employee; added "(3)"']);
  });

  it('gives a taken name the first free number, never a host id: "Kevin Park (2)" beside a vendor "Kevin Park"', () => {
    const result = acceptableQboName('Kevin Park', { entity: 'Customer', taken: takenNameKeys(['Kevin Park']) });
    expect(result).toEqual({ name: 'Kevin Park (2)', changes: ['"Kevin Park" is already used in QuickBooks by a customer, vendor or employee; added "(2)"'] });
    expect(acceptableQboName('Weekly pool service', { entity: 'Item', taken: takenNameKeys(['Weekly Pool Service']) }).name).toBe('Weekly pool service (2)');
  });

  it('names an empty name in words, numbered when taken', () => {
    expect(acceptableQboName('  ', { entity: 'Customer', taken: nothingTaken })).toEqual({ name: 'Unnamed customer', changes: ['removed spaces at the start or end', 'the name was empty; used "Unnamed customer"'] });
    expect(acceptableQboName('', { entity: 'Item', taken: takenNameKeys(['Unnamed item']) }).name).toBe('Unnamed item (2)');
  });

  it('never puts a host id, a "#" or anything but the name and a number into a variant', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.array(fc.string({ maxLength: 40 }), { maxLength: 6 }), (raw, others) => {
      const taken = takenNameKeys([raw, ...others]);
      const { name } = acceptableQboName(raw, { entity: 'Customer', taken });
      const plain = acceptableQboName(raw, { entity: 'Customer', taken: nothingTaken }).name;
      if (!taken.has(qboNameKey(plain))) expect(name).toBe(plain);
      else {
        expect(name.startsWith(`${plain} (`)).toBe(true);
        expect(name.slice(plain.length)).toMatch(/^ \(\d+\)$/);
      }
    }), { numRuns: 300 });
  });

  it('always emits a name QBO accepts and that is not taken', () => {
    const anyText = fc.string({ unit: 'binary', maxLength: 120 });
    const longish = fc.tuple(fc.string({ maxLength: 8 }), fc.integer({ min: 0, max: 520 })).map(([s, n]) => s + 'a'.repeat(n));
    const name = fc.oneof(anyText, longish, fc.constantFrom('Smith', 'smith (2)', ':', '\t', ''));
    fc.assert(fc.property(
      name,
      fc.array(fc.oneof(name, fc.constantFrom('Smith', 'Smith (2)', 'smith (3)', 'Unnamed customer', 'Unnamed item')), { maxLength: 10 }),
      fc.constantFrom<'Customer' | 'Item'>('Customer', 'Item'),
      (raw, takenNames, entity) => {
        const taken = takenNameKeys(takenNames);
        const result = acceptableQboName(raw, { entity, taken });
        expect(qboNameProblems(result.name, { entity, taken })).toEqual([]);
        expect(result.name.length).toBeLessThanOrEqual(QBO_NAME_MAX_LENGTH[entity]);
        expect(taken.has(qboNameKey(result.name))).toBe(false);
        if (result.changes.length === 0) expect(result.name).toBe(raw);
      },
    ), { numRuns: 1000 });
  });

  it('is deterministic', () => {
    const taken = takenNameKeys(['Green-to-clean']);
    expect(acceptableQboName('Green to clean', { entity: 'Item', taken })).toEqual(acceptableQboName('Green to clean', { entity: 'Item', taken }));
  });
});

describe('qboNameProblems', () => {
  it('lists every rule a name breaks', () => {
    expect(qboNameProblems(` a:b${'x'.repeat(100)}`, { entity: 'Item', taken: takenNameKeys([' A:B' + 'x'.repeat(100)]) })).toEqual([
      'too-long', 'forbidden-character', 'surrounding-space', 'taken',
    ]);
    expect(qboNameProblems('', { entity: 'Customer' })).toEqual(['empty']);
  });
});
