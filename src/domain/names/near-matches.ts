/**
 * `nearMatches(host, qbo, options)`: for host records left unmatched, the QBO records that may be the same thing
 * under another name, each with a score in (0, 1) and the reason in plain words. Signals: same e-mail, same phone,
 * same street address, same surname ("The Smiths" ~ "John and Jane Smith"), shared words. Candidates come from an
 * index (word / e-mail / phone / street → QBO records), never from the full cross product. Words and keys are
 * compared as integer ids (`NearMatchRecord`) and the QBO side is read as columns (`NearMatchColumns`): a common
 * surname brings thousands of candidates per host record, and each must cost a few integer compares.
 * Sorted by score (best first), at most `perRecord` suggestions for each host record.
 */
import { keyPostings, type KeyPostings } from './key-postings';
import type { NameCandidate } from './name-candidate';
import { nearMatchColumns, type NearMatchColumns } from './near-match-columns';
import { keyIds, nearMatchRecord, NO_KEY, type NearMatchRecord } from './near-match-record';

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

const SIGNAL_WEIGHT = { 'same-email': 0.85, 'same-phone': 0.75, 'same-street': 0.6, 'same-surname': 0.5 } as const;
const SHARED_WORDS_WEIGHT = 0.7;
// Beyond this many records a key (a shared office e-mail, the commonest surname) would make the candidate lists explode.
const MAX_POSTINGS = 5000;
const MIN_WORD_POSTINGS = 100;

const sharedCount = (a: readonly string[], b: readonly string[]): number => a.filter((token) => b.includes(token)).length;

/**
 * The score alone, cheap enough to run on every candidate (the explanation is built only for the kept ones): ids
 * compared, and the shared words counted against `hostWords`, where the host record's word ids carry `hostMark`.
 */
const scoreOf = (host: NearMatchRecord, qbo: NearMatchColumns, position: number, personNames: boolean, hostWords: Int32Array, hostMark: number): number => {
  let miss = 1;
  if (host.emailId !== NO_KEY && host.emailId === qbo.emailIds[position]) miss *= 1 - SIGNAL_WEIGHT['same-email'];
  if (host.phoneId !== NO_KEY && host.phoneId === qbo.phoneIds[position]) miss *= 1 - SIGNAL_WEIGHT['same-phone'];
  if (host.streetId !== NO_KEY && host.streetId === qbo.streetIds[position]) miss *= 1 - SIGNAL_WEIGHT['same-street'];
  if (personNames && host.surnameId !== NO_KEY && host.surnameId === qbo.surnameIds[position]) miss *= 1 - SIGNAL_WEIGHT['same-surname'];
  const wordsStart = qbo.wordStarts[position] as number;
  const wordsEnd = qbo.wordStarts[position + 1] as number;
  let shared = 0;
  for (let at = wordsStart; at < wordsEnd; at++) if (hostWords[qbo.wordIds[at] as number] === hostMark) shared++;
  if (shared > 0) miss *= 1 - SHARED_WORDS_WEIGHT * ((2 * shared) / (host.tokens.length + (wordsEnd - wordsStart)));
  return Math.round((1 - miss) * 1000) / 1000;
};

const explain = (host: NearMatchRecord, qbo: NearMatchRecord, score: number, personNames: boolean): NearMatch => {
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
  const ids = keyIds();
  const qboRecords = qbo.map((record) => nearMatchRecord(record, ids));
  const hostRecords = host.map((record) => nearMatchRecord(record, ids));
  const byToken = keyPostings(ids.count(), qboRecords, (record) => record.tokenIds);
  const byEmail = keyPostings(ids.count(), qboRecords, (record) => [record.emailId]);
  const byPhone = keyPostings(ids.count(), qboRecords, (record) => [record.phoneId]);
  const byStreet = keyPostings(ids.count(), qboRecords, (record) => [record.streetId]);
  const qboColumns = nearMatchColumns(qboRecords);
  // A word most records carry ("john", "pool") says little: it does not bring candidates, it only adds to a score.
  const commonWordPostings = Math.max(MIN_WORD_POSTINGS, Math.ceil(qbo.length / 200));
  const seenBy = new Int32Array(qbo.length).fill(-1);
  const hostWords = new Int32Array(ids.count()).fill(-1);
  const suggestions: NearMatch[] = [];
  hostRecords.forEach((hostRecord, hostPosition) => {
    for (const id of hostRecord.tokenIds) hostWords[id] = hostPosition;
    const found: { position: number; score: number }[] = [];
    const visit = (postings: KeyPostings, id: number, maxPostings: number): void => {
      if (id === NO_KEY) return;
      const end = postings.starts[id + 1] as number;
      const start = postings.starts[id] as number;
      if (end - start > maxPostings) return;
      for (let at = start; at < end; at++) {
        const position = postings.positions[at] as number;
        if (seenBy[position] === hostPosition) continue;
        seenBy[position] = hostPosition;
        const score = scoreOf(hostRecord, qboColumns, position, personNames, hostWords, hostPosition);
        if (score >= minScore) found.push({ position, score });
      }
    };
    for (const id of hostRecord.tokenIds) {
      const isSurname = personNames && id === hostRecord.surnameId;
      visit(byToken, id, isSurname ? MAX_POSTINGS : commonWordPostings);
    }
    visit(byEmail, hostRecord.emailId, MAX_POSTINGS);
    visit(byPhone, hostRecord.phoneId, MAX_POSTINGS);
    visit(byStreet, hostRecord.streetId, MAX_POSTINGS);
    const qboIdAt = (position: number): string => (qboRecords[position] as NearMatchRecord).record.id;
    found.sort((a, b) => b.score - a.score || (qboIdAt(a.position) < qboIdAt(b.position) ? -1 : qboIdAt(a.position) > qboIdAt(b.position) ? 1 : 0));
    for (const { position, score } of found.slice(0, perRecord)) suggestions.push(explain(hostRecord, qboRecords[position] as NearMatchRecord, score, personNames));
  });
  return suggestions.sort(bestFirst);
};
