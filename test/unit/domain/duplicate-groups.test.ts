import { duplicateGroups } from '../../../src/domain/names/duplicate-groups';

describe('duplicateGroups', () => {
  it('groups host customers whose names would collide in QBO', () => {
    const groups = duplicateGroups([
      { id: '2', name: 'Maria Lopez' },
      { id: '1', name: 'MARIA  LÓPEZ' },
      { id: '3', name: 'Kevin Park' },
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ reason: 'same-name', value: 'maria lopez' });
    expect(groups[0]?.records.map((r) => r.id)).toEqual(['1', '2']);
  });

  it('groups the same e-mail, phone or street only under different names', () => {
    const groups = duplicateGroups([
      { id: '1', name: 'The Smiths', email: 'smiths@example.com', phone: '813-555-0100', street: '4 Coral Ct' },
      { id: '2', name: 'John Smith', email: 'SMITHS@example.com', phone: '(813) 555 0100', street: '4 Coral Court' },
      { id: '3', name: 'Kevin Park', email: 'kp@example.com', phone: '813-555-0199', street: '9 Bay Rd' },
      { id: '4', name: 'Kevin Park', email: 'kp@example.com' },
    ]);
    expect(groups.map((g) => [g.reason, g.records.map((r) => r.id)])).toEqual([
      ['same-name', ['3', '4']],
      ['same-email', ['1', '2']],
      ['same-phone', ['1', '2']],
      ['same-street', ['1', '2']],
    ]);
    expect(groups[1]?.explanation).toBe('2 records with different names share the e-mail smiths@example.com.');
  });
});
