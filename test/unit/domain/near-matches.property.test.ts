import fc from 'fast-check';
import { emailKey, phoneKey, streetKey } from '../../../src/domain/names/contact-keys';
import type { NameCandidate } from '../../../src/domain/names/name-candidate';
import { nameTokens, surnameToken } from '../../../src/domain/names/name-tokens';
import { type NearMatch, type NearMatchOptions, type NearMatchSignal, nearMatches } from '../../../src/domain/names/near-matches';
import { normalizeName } from '../../../src/domain/names/normalize-name';

/**
 * `nearMatches` indexes, interns keys as integers and scores over typed arrays to be fast; the reference below does
 * the same job the plain way — strings, every host × QBO pair, the candidate rule written out — and both must give
 * the same suggestions, scores, reasons and order. Its limits are spelled out again on purpose: changing them in
 * `nearMatches` changes which suggestions come out, and this test should say so.
 */
const MAX_POSTINGS = 5000;
const MIN_WORD_POSTINGS = 100;
const WEIGHT: Readonly<Record<NearMatchSignal, number>> = { 'same-email': 0.85, 'same-phone': 0.75, 'same-street': 0.6, 'same-surname': 0.5, 'shared-words': 0.7 };

const referenceNearMatches = (host: readonly NameCandidate[], qbo: readonly NameCandidate[], options: NearMatchOptions = {}): NearMatch[] => {
  const perRecord = options.perRecord ?? 5;
  const minScore = options.minScore ?? 0.3;
  const personNames = options.personNames ?? true;
  const keysOf = (record: NameCandidate) => {
    const tokens = nameTokens(normalizeName(record.name));
    return { record, tokens, surname: surnameToken(tokens), email: emailKey(record.email), phone: phoneKey(record.phone), street: streetKey(record.street) };
  };
  const qboKeys = qbo.map(keysOf);
  const carriers = (keys: readonly (string | null)[]): ((key: string) => number) => {
    const counts = new Map<string, number>();
    for (const key of keys) if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
    return (key) => counts.get(key) ?? 0;
  };
  const [wordCarriers, emailCarriers, phoneCarriers, streetCarriers] = [
    carriers(qboKeys.flatMap((q) => q.tokens)),
    carriers(qboKeys.map((q) => q.email)),
    carriers(qboKeys.map((q) => q.phone)),
    carriers(qboKeys.map((q) => q.street)),
  ];
  const commonWord = Math.max(MIN_WORD_POSTINGS, Math.ceil(qbo.length / 200));
  const suggestions: NearMatch[] = [];
  for (const record of host) {
    const mine = keysOf(record);
    const perHost: NearMatch[] = [];
    for (const other of qboKeys) {
      const shared = mine.tokens.filter((token) => other.tokens.includes(token));
      const brought =
        shared.some((token) => wordCarriers(token) <= (personNames && token === mine.surname ? MAX_POSTINGS : commonWord)) ||
        (mine.email !== null && mine.email === other.email && emailCarriers(mine.email) <= MAX_POSTINGS) ||
        (mine.phone !== null && mine.phone === other.phone && phoneCarriers(mine.phone) <= MAX_POSTINGS) ||
        (mine.street !== null && mine.street === other.street && streetCarriers(mine.street) <= MAX_POSTINGS);
      if (!brought) continue;
      const signals: NearMatchSignal[] = [];
      const reasons: string[] = [];
      const note = (signal: NearMatchSignal, reason: string): void => {
        signals.push(signal);
        reasons.push(reason);
      };
      if (mine.email !== null && mine.email === other.email) note('same-email', `same e-mail ${mine.email}`);
      if (mine.phone !== null && mine.phone === other.phone) note('same-phone', `same phone ${mine.phone}`);
      if (mine.street !== null && mine.street === other.street) note('same-street', `same street address "${record.street?.trim() ?? ''}"`);
      if (personNames && mine.surname !== null && mine.surname === other.surname) note('same-surname', `same surname "${mine.surname}"`);
      if (shared.length > 0) note('shared-words', `${shared.length} of ${Math.max(mine.tokens.length, other.tokens.length)} words in common`);
      let miss = 1;
      for (const signal of signals) {
        miss *= signal === 'shared-words' ? 1 - WEIGHT[signal] * ((2 * shared.length) / (mine.tokens.length + other.tokens.length)) : 1 - WEIGHT[signal];
      }
      const score = Math.round((1 - miss) * 1000) / 1000;
      if (score >= minScore) perHost.push({ hostId: record.id, hostName: record.name, qboId: other.record.id, qboName: other.record.name, score, signals, reason: reasons.join('; ') });
    }
    const byScoreThenQboId = (a: NearMatch, b: NearMatch): number => b.score - a.score || (a.qboId < b.qboId ? -1 : a.qboId > b.qboId ? 1 : 0);
    suggestions.push(...perHost.sort(byScoreThenQboId).slice(0, perRecord));
  }
  return suggestions.sort((a, b) => b.score - a.score || (a.hostId < b.hostId ? -1 : a.hostId > b.hostId ? 1 : 0) || (a.qboId < b.qboId ? -1 : a.qboId > b.qboId ? 1 : 0));
};

const WORDS = ['Smith', 'Smiths', 'SMITH', 'Smíth', 'The', 'and', '&', 'Mr.', 'Mrs', 'José', 'Jose', 'Jane', 'Park', 'Kim', "O'Brien", 'Pools', 'Pool', 'LLC', 'Care', 'Sons', 'Glass', '3in', 'Tablets'];
const name = (words: readonly string[]) => fc.array(fc.constantFrom(...words), { maxLength: 5 }).map((picked) => picked.join(' '));
const candidate = (words: readonly string[]) =>
  fc.record({
    name: name(words),
    email: fc.constantFrom(null, 'a@x.co', 'A@X.co ', 'b@x.co', 'not-an-email'),
    phone: fc.constantFrom(null, '813-555-0100', '+1 (813) 555 0100', '555-0199', '12'),
    street: fc.constantFrom(null, '12 Palm Way', '12 palm way', '7 Bay Road', '7 Bay Rd', 'Palm Way'),
  });
const withIds = (prefix: string, records: readonly Omit<NameCandidate, 'id'>[]): NameCandidate[] => records.map((record, n) => ({ id: `${prefix}${n}`, ...record }));
const options = fc.record({ perRecord: fc.integer({ min: 1, max: 6 }), minScore: fc.constantFrom(0, 0.1, 0.3, 0.5, 0.9), personNames: fc.boolean() });

describe('nearMatches agrees with a plain every-pair reference', () => {
  it('on small random sets of names and contacts', () => {
    fc.assert(
      fc.property(fc.array(candidate(WORDS), { maxLength: 12 }), fc.array(candidate(WORDS), { maxLength: 40 }), options, (host, qbo, chosen) => {
        const [hosts, qbos] = [withIds('h', host), withIds('q', qbo)];
        expect(nearMatches(hosts, qbos, chosen)).toEqual(referenceNearMatches(hosts, qbos, chosen));
      }),
      { numRuns: 300 },
    );
  });

  it('when common words are carried by more than 100 QBO records and so bring no candidates', () => {
    const few = ['Smith', 'Park', 'Pools', 'The', 'Kim', 'Glass'];
    fc.assert(
      fc.property(fc.array(candidate(few), { maxLength: 6 }), fc.array(candidate(few), { minLength: 101, maxLength: 240 }), options, (host, qbo, chosen) => {
        const [hosts, qbos] = [withIds('h', host), withIds('q', qbo)];
        expect(nearMatches(hosts, qbos, chosen)).toEqual(referenceNearMatches(hosts, qbos, chosen));
      }),
      // Without shrinking: a counterexample of 200 records shrinks for minutes, and the seed replays it anyway.
      { numRuns: 40, endOnFailure: true },
    );
  });

  it.each([
    ['a surname', 'The Smiths', 'Smith', MAX_POSTINGS],
    ['another word', 'Glass Kim', 'Glass', MIN_WORD_POSTINGS],
  ])('when %s is carried by exactly as many QBO records as it may (it brings them) or by one more (it brings none)', (_, hostName, word, limit) => {
    const carrying = (count: number): NameCandidate[] => Array.from({ length: count }, (_, n) => ({ id: `q${n}`, name: `${word} ${n % 2 === 0 ? 'Jane' : 'Park'}` }));
    const host: NameCandidate[] = [{ id: 'h1', name: hostName }];
    expect(nearMatches(host, carrying(limit))).toEqual(referenceNearMatches(host, carrying(limit)));
    expect(nearMatches(host, carrying(limit))).toHaveLength(5);
    expect(nearMatches(host, carrying(limit + 1))).toEqual([]);
    expect(referenceNearMatches(host, carrying(limit + 1))).toEqual([]);
  });
});
