/**
 * `nearMatches(host, qbo, options)`: for host records left unmatched, the QBO records that may be the same thing
 * under another name, each with a score in (0, 1) and the reason in plain words. Signals: same e-mail, same phone,
 * same street address, same surname ("The Smiths" ~ "John and Jane Smith"), shared words. Candidates come from an
 * index (word / e-mail / phone / street → QBO records), never from the full cross product.
 * Sorted by score (best first), at most `perRecord` suggestions for each host record.
 */
import { emailKey, phoneKey, streetKey } from './contact-keys';
import type { NameCandidate } from './name-candidate';
import { nameTokens, surnameToken } from './name-tokens';
import { normalizeName } from './normalize-name';

export type NearMatchSignal = 'same-email' | 'same-phone' | 'same-street' | 'same-surname' | 'shared-words';

export interface NearMatch {
  readonly hostId: string;
  readonly hostName: string;
  readonly qboId: string;
  readonly qboName: string;
  readonly score: number;
  readonly signals: readonly NearMatchSignal[];
  readonly reason: string;
}

export interface NearMatchOptions {
  /** At most this many suggestions per host record (default 5). */
  readonly perRecord?: number;
  /** Suggestions scoring below this are dropped (default 0.3). */
  readonly minScore?: number;
  /** Names are people's or households' (customers): a shared last word counts as a surname. Default true. */
  readonly personNames?: boolean;
}

interface Prepared {
  readonly record: NameCandidate;
  readonly tokens: readonly string[];
  readonly surname: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly street: string | null;
}

const SIGNAL_WEIGHT = { 'same-email': 0.85, 'same-phone': 0.75, 'same-street': 0.6, 'same-surname': 0.5 } as const;
const SHARED_WORDS_WEIGHT = 0.7;
// Beyond this many records a key (a shared office e-mail, the commonest surname) would make the candidate lists explode.
const MAX_POSTINGS = 5000;
const MIN_WORD_POSTINGS = 100;

const prepare = (record: NameCandidate): Prepared => {
  const tokens = nameTokens(normalizeName(record.name));
  return {
    record,
    tokens,
    surname: surnameToken(tokens),
    email: emailKey(record.email),
    phone: phoneKey(record.phone),
    street: streetKey(record.street),
  };
};

const addPosting = (index: Map<string, number[]>, key: string | null, position: number): void => {
  if (key === null) return;
  const list = index.get(key);
  if (list === undefined) index.set(key, [position]);
  else list.push(position);
};

const sharedCount = (a: readonly string[], b: readonly string[]): number => a.filter((token) => b.includes(token)).length;

/** The score alone, cheap enough to run on every candidate; the explanation is built only for the kept ones. */
const scoreOf = (host: Prepared, qbo: Prepared, personNames: boolean): number => {
  let miss = 1;
  if (host.email !== null && host.email === qbo.email) miss *= 1 - SIGNAL_WEIGHT['same-email'];
  if (host.phone !== null && host.phone === qbo.phone) miss *= 1 - SIGNAL_WEIGHT['same-phone'];
  if (host.street !== null && host.street === qbo.street) miss *= 1 - SIGNAL_WEIGHT['same-street'];
  if (personNames && host.surname !== null && host.surname === qbo.surname) miss *= 1 - SIGNAL_WEIGHT['same-surname'];
  const shared = sharedCount(host.tokens, qbo.tokens);
  if (shared > 0) miss *= 1 - SHARED_WORDS_WEIGHT * ((2 * shared) / (host.tokens.length + qbo.tokens.length));
  return Math.round((1 - miss) * 1000) / 1000;
};

const explain = (host: Prepared, qbo: Prepared, score: number, personNames: boolean): NearMatch => {
  const signals: NearMatchSignal[] = [];
  const reasons: string[] = [];
  if (host.email !== null && host.email === qbo.email) {
    signals.push('same-email');
    reasons.push(`same e-mail ${host.email}`);
  }
  if (host.phone !== null && host.phone === qbo.phone) {
    signals.push('same-phone');
    reasons.push(`same phone ${host.phone}`);
  }
  if (host.street !== null && host.street === qbo.street) {
    signals.push('same-street');
    reasons.push(`same street address "${host.record.street?.trim() ?? ''}"`);
  }
  if (personNames && host.surname !== null && host.surname === qbo.surname) {
    signals.push('same-surname');
    reasons.push(`same surname "${host.surname}"`);
  }
  const shared = sharedCount(host.tokens, qbo.tokens);
  if (shared > 0) {
    signals.push('shared-words');
    reasons.push(`${shared} of ${Math.max(host.tokens.length, qbo.tokens.length)} words in common`);
  }
  return { hostId: host.record.id, hostName: host.record.name, qboId: qbo.record.id, qboName: qbo.record.name, score, signals, reason: reasons.join('; ') };
};

const bestFirst = (a: NearMatch, b: NearMatch): number =>
  b.score - a.score || (a.hostId < b.hostId ? -1 : a.hostId > b.hostId ? 1 : 0) || (a.qboId < b.qboId ? -1 : a.qboId > b.qboId ? 1 : 0);

export const nearMatches = (
  host: readonly NameCandidate[],
  qbo: readonly NameCandidate[],
  options: NearMatchOptions = {},
): readonly NearMatch[] => {
  const perRecord = options.perRecord ?? 5;
  const minScore = options.minScore ?? 0.3;
  const personNames = options.personNames ?? true;
  const qboPrepared = qbo.map(prepare);
  const byToken = new Map<string, number[]>();
  const byContact = new Map<string, number[]>();
  qboPrepared.forEach((prepared, position) => {
    for (const token of prepared.tokens) addPosting(byToken, token, position);
    addPosting(byContact, prepared.email && `e:${prepared.email}`, position);
    addPosting(byContact, prepared.phone && `p:${prepared.phone}`, position);
    addPosting(byContact, prepared.street && `s:${prepared.street}`, position);
  });
  // A word most records carry ("john", "pool") says little: it does not bring candidates, it only adds to a score.
  const commonWordPostings = Math.max(MIN_WORD_POSTINGS, Math.ceil(qbo.length / 200));
  const seenBy = new Int32Array(qbo.length).fill(-1);
  const suggestions: NearMatch[] = [];
  host.forEach((record, hostPosition) => {
    const prepared = prepare(record);
    const found: { position: number; score: number }[] = [];
    const visit = (positions: readonly number[] | undefined, maxPostings: number): void => {
      if (positions === undefined || positions.length > maxPostings) return;
      for (const position of positions) {
        if (seenBy[position] === hostPosition) continue;
        seenBy[position] = hostPosition;
        const score = scoreOf(prepared, qboPrepared[position] as Prepared, personNames);
        if (score >= minScore) found.push({ position, score });
      }
    };
    for (const token of prepared.tokens) {
      const isSurname = personNames && token === prepared.surname;
      visit(byToken.get(token), isSurname ? MAX_POSTINGS : commonWordPostings);
    }
    if (prepared.email !== null) visit(byContact.get(`e:${prepared.email}`), MAX_POSTINGS);
    if (prepared.phone !== null) visit(byContact.get(`p:${prepared.phone}`), MAX_POSTINGS);
    if (prepared.street !== null) visit(byContact.get(`s:${prepared.street}`), MAX_POSTINGS);
    const qboIdAt = (position: number): string => (qboPrepared[position] as Prepared).record.id;
    found.sort((a, b) => b.score - a.score || (qboIdAt(a.position) < qboIdAt(b.position) ? -1 : qboIdAt(a.position) > qboIdAt(b.position) ? 1 : 0));
    for (const { position, score } of found.slice(0, perRecord)) suggestions.push(explain(prepared, qboPrepared[position] as Prepared, score, personNames));
  });
  return suggestions.sort(bestFirst);
};
