import { nearMatches } from '../../../src/domain/names/near-matches';
import type { NameCandidate } from '../../../src/domain/names/name-candidate';

const person = (id: string, name: string, details: Partial<NameCandidate> = {}): NameCandidate => ({ id, name, ...details });

describe('nearMatches', () => {
  it('suggests "John and Jane Smith" for "The Smiths" because of the surname', () => {
    const [match] = nearMatches([person('h1', 'The Smiths')], [person('q1', 'John and Jane Smith'), person('q2', 'Kevin Park')]);
    expect(match).toMatchObject({ hostId: 'h1', qboId: 'q1', signals: ['same-surname', 'shared-words'] });
    expect(match?.reason).toContain('same surname "smith"');
    expect(match?.score).toBeGreaterThan(0.5);
    expect(match?.score).toBeLessThan(1);
  });

  it('suggests records sharing an e-mail, a phone (digits only) or a street address, whatever the names', () => {
    const host = [
      person('h1', 'Maria Lopez', { email: 'Maria@Example.com' }),
      person('h2', 'Sunset HOA', { phone: '+1 (813) 555-0100' }),
      person('h3', 'Blue Lagoon', { street: '12 Palm Way' }),
    ];
    const qbo = [
      person('q1', 'Lopez Residence', { email: 'maria@example.com' }),
      person('q2', 'Sunset Homeowners', { phone: '813.555.0100' }),
      person('q3', 'Kevin Park', { street: '12 palm way' }),
    ];
    const matches = nearMatches(host, qbo);
    expect(matches.map((m) => [m.hostId, m.qboId, m.signals[0]])).toEqual([
      ['h1', 'q1', 'same-email'],
      ['h2', 'q2', 'same-phone'],
      ['h3', 'q3', 'same-street'],
    ]);
    expect(matches[0]?.reason).toContain('same e-mail maria@example.com');
  });

  it('sorts by score and keeps at most `perRecord` suggestions per host record', () => {
    const qbo = ['Tom Smith', 'Ann Smith', 'Bo Smith', 'Cy Smith', 'Di Smith', 'Ed Smith', 'Smith Pools'].map((name, i) => person(`q${i}`, name, i === 2 ? { email: 'x@y.co' } : {}));
    const matches = nearMatches([person('h1', 'The Smiths', { email: 'x@y.co' })], qbo, { perRecord: 3 });
    expect(matches).toHaveLength(3);
    expect(matches[0]?.qboId).toBe('q2');
    const scores = matches.map((m) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('suggests items by shared words without treating the last word as a surname', () => {
    const [match] = nearMatches([person('h1', 'Chlorine tablets 3in')], [person('q1', 'Chlorine Tablets (3")')], { personNames: false });
    expect(match?.signals).toEqual(['shared-words']);
    expect(nearMatches([person('h1', 'Weekly pool service')], [person('q1', 'Green-to-clean')], { personNames: false })).toEqual([]);
  });
});
