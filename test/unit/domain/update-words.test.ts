import { updateWords } from '../../../src/domain/sync/update-words';

describe('updateWords: what an update changed, in the activity log', () => {
  it('says a rename as old → new, and the other fields by their labels with old → new values', () => {
    const before = { displayName: 'J Smith', givenName: 'J', email: null, active: true };
    expect(updateWords('customer "John Smith"', before, { displayName: 'John Smith' })).toBe('Renamed customer from "J Smith" to "John Smith" in QuickBooks.');
    expect(updateWords('customer "John Smith"', before, { displayName: 'John Smith', givenName: 'John', email: 'john@example.com' }))
      .toBe('Renamed customer from "J Smith" to "John Smith" in QuickBooks; also First name: J → John; Email: (none) → john@example.com.');
    expect(updateWords('customer "J Smith"', before, { active: false })).toBe('Updated customer "J Smith" in QuickBooks: Status: active → inactive.');
  });

  it('names an item rename and a price in dollars, never the API field names', () => {
    const words = updateWords('item "Pool cleaning"', { name: 'Pool clean', unitPriceCents: 12_000 }, { name: 'Pool cleaning', unitPriceCents: 12_550 });
    expect(words).toBe('Renamed item from "Pool clean" to "Pool cleaning" in QuickBooks; also Price: $120.00 → $125.50.');
    expect(words).not.toMatch(/unitPriceCents|displayName/);
  });

  it('names lines and references by their label only, and says so when nothing is known of before', () => {
    expect(updateWords('invoice BL-1001', { lines: [{ amountCents: 100 }], docNumber: 'BL-1001' }, { lines: [{ amountCents: 200 }] })).toBe('Updated invoice BL-1001 in QuickBooks: lines.');
    expect(updateWords('customer "Ann Lee"', null, { displayName: 'Ann Lee', billAddr: { line1: '1 Main St' } })).toBe('Updated customer "Ann Lee" in QuickBooks: Name; Billing address.');
  });
});
