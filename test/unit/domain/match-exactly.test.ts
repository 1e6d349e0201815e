import fc from 'fast-check';
import { matchExactly, type NamedRecord } from '../../../src/domain/names/match-exactly';

const named = (id: string, name: string): NamedRecord => ({ id, name });

describe('matchExactly', () => {
  it('pairs names that differ only in case, accents, spacing and "&"', () => {
    const report = matchExactly(
      [named('h1', 'José  Smith'), named('h2', 'Blue Lagoon Pools & Spas'), named('h3', 'Maria Lopez')],
      [named('q1', 'jose smith'), named('q2', 'Blue Lagoon Pools and Spas'), named('q3', 'Kevin Park')],
    );
    expect(report.matched.map(({ host, qbo }) => [host.id, qbo.id])).toEqual([['h1', 'q1'], ['h2', 'q2']]);
    expect(report.hostOnly.map((r) => r.id)).toEqual(['h3']);
    expect(report.qboOnly.map((r) => r.id)).toEqual(['q3']);
  });

  it('pairs the identical spelling first when several names normalise alike', () => {
    const report = matchExactly([named('h1', 'Smith and Co'), named('h2', 'Smith & Co')], [named('q1', 'Smith & Co')]);
    expect(report.matched.map(({ host, qbo }) => [host.id, qbo.id])).toEqual([['h2', 'q1']]);
    expect(report.hostOnly.map((r) => r.id)).toEqual(['h1']);
  });

  it('never matches names that normalise to nothing', () => {
    expect(matchExactly([named('h1', '!!!')], [named('q1', '???')]).matched).toEqual([]);
  });

  const side = (prefix: string) =>
    fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { maxLength: 12 }).chain((ids) =>
      fc.tuple(...ids.map((n) => fc.constantFrom('Smith', 'smith', 'SMITH ', 'Smith.', 'Lopez', 'López', 'Lopez.', 'lopez!', 'A & B', 'a and b', 'A&B', 'Park', '').map((name) => named(`${prefix}${n}`, name)))),
    );

  it('is one-to-one, loses no record, and is symmetric', () => {
    fc.assert(fc.property(side('h'), side('q'), (host, qbo) => {
      const report = matchExactly(host, qbo);
      const hostIds = report.matched.map((pair) => pair.host.id);
      const qboIds = report.matched.map((pair) => pair.qbo.id);
      expect(new Set(hostIds).size).toBe(hostIds.length);
      expect(new Set(qboIds).size).toBe(qboIds.length);
      expect(report.matched.length + report.hostOnly.length).toBe(host.length);
      expect(report.matched.length + report.qboOnly.length).toBe(qbo.length);
      const swapped = matchExactly(qbo, host);
      const pairs = (list: readonly { host: NamedRecord; qbo: NamedRecord }[], flip: boolean) =>
        list.map(({ host: h, qbo: q }) => (flip ? `${q.id}=${h.id}` : `${h.id}=${q.id}`)).sort();
      expect(pairs(swapped.matched, true)).toEqual(pairs(report.matched, false));
    }), { numRuns: 500 });
  });
});
