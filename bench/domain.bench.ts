/**
 * Domain benchmark: exact matching of 50,000 host × 50,000 QBO customers, near-match suggestions for 5,000
 * unmatched host customers against 50,000 QBO customers, and fingerprints of 100,000 customers.
 * Data comes from a seeded generator, so every run measures the same work. Each figure is the median of three
 * timed runs after one warm-up. Targets on the 2-core machine: under 1,000 / 2,000 / 500 ms.
 */
import { customerCandidate } from '../src/domain/names/name-candidate';
import { toQboCustomerFields } from '../src/domain/customers/customer-to-qbo';
import type { HostCustomer } from '../src/domain/host/host-records';
import { matchExactly, type NamedRecord } from '../src/domain/names/match-exactly';
import type { NameCandidate } from '../src/domain/names/name-candidate';
import { nearMatches } from '../src/domain/names/near-matches';
import { fingerprintOf } from '../src/domain/sync/fingerprint';

const FIRST = ['Maria', 'José', 'John', 'Jane', 'Kevin', 'Aisha', 'Liam', 'Olivia', 'Noah', 'Emma', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Zoë', 'Amelia', 'Mateo', 'Chloé', 'Omar', 'Hannah'];
const LAST_ROOTS = ['Smith', 'Lopez', 'Park', 'Nguyen', 'García', 'Johnson', 'Brown', 'Müller', "O'Brien", 'Williams', 'Davis', 'Martínez', 'Kim', 'Patel', 'Rossi', 'Dubois', 'Cohen', 'Silva', 'Novak', 'Khan'];
const STREETS = ['Palm Way', 'Coral Ct', 'Bay Road', 'Gulf Blvd', 'Sunset Drive', 'Mangrove Lane'];

/** A small deterministic generator (mulberry32): the same seed gives the same data on every run. */
const seeded = (seed: number): (() => number) => {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const SYLLABLES = ['ka', 'ro', 'mi', 'lo', 've', 'san', 'tor', 'bel', 'dri', 'mon', 'ga', 'ne', 'sol', 'ri', 'ta', 'vo', 'chen', 'lin', 'dav', 'ez', 'son', 'berg', 'sky', 'ini', 'ley', 'ton', 'ard', 'ers', 'ma', 'ko', 'pa', 'lu', 'fer', 'nan', 'des', 'qui', 'ros', 'wal', 'ker', 'hay'];

/** 64,000 distinct surnames made of three syllables ("Karomi", "Santorbel"); a few common roots recur too. */
const surname = (n: number): string => {
  const word = [n % 40, Math.floor(n / 40) % 40, Math.floor(n / 1600) % 40].map((i) => SYLLABLES[i]).join('');
  return n % 50 === 0 ? (LAST_ROOTS[(n / 50) % LAST_ROOTS.length] as string) : `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
};

const hostCustomers = (count: number, random: () => number): HostCustomer[] =>
  Array.from({ length: count }, (_, n) => ({
    id: String(n + 1),
    firstName: pick(random, FIRST),
    lastName: surname(n),
    companyName: n % 10 === 0 ? `${surname(n)} & Sons Pool Care` : null,
    displayAsCompany: n % 10 === 0,
    email: random() < 0.7 ? `c${n}@example.com` : null,
    phone: random() < 0.6 ? `(813) 555-${String(n % 10000).padStart(4, '0')}` : null,
    street: random() < 0.5 ? `${1 + (n % 900)} ${pick(random, STREETS)}` : null,
    city: 'Tampa',
    state: 'FL',
    zip: '33601',
    isActive: random() < 0.9,
  }));

/** QBO spells the same names differently: case, accents, "&" as "and", extra spaces. */
const qboSpelling = (name: string, n: number): string =>
  [name.toUpperCase(), name.normalize('NFD').replace(/\p{M}/gu, ''), name.replace('&', 'and'), ` ${name}  `][n % 4] as string;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const timed = (work: () => unknown): number => {
  work();
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    work();
    runs.push(performance.now() - started);
  }
  return Math.round(median(runs) * 10) / 10;
};

export const run = async (): Promise<Record<string, number>> => {
  const random = seeded(20260601);
  const host = hostCustomers(50_000, random);
  const hostNamed: NamedRecord[] = host.map((customer) => customerCandidate(customer));
  // 45,000 QBO customers are the host's under another spelling; 5,000 are QBO's own.
  const qboNamed: NameCandidate[] = hostNamed.map((record, n) =>
    n < 45_000 ? { id: `q${n}`, name: qboSpelling(record.name, n) } : { id: `q${n}`, name: `${pick(random, FIRST)} ${surname(n + 50_000)}` },
  );
  const match50kMs = timed(() => matchExactly(hostNamed, qboNamed));

  // The 5,000 host customers QBO does not have by name, as households, couples and companies.
  const unmatched: NameCandidate[] = host.slice(45_000).map((customer, n) => ({
    ...customerCandidate(customer),
    name: [`The ${surname(n * 7)}s`, `${pick(random, FIRST)} and ${pick(random, FIRST)} ${surname(n * 3)}`, `${surname(n)} Pools LLC`][n % 3] as string,
  }));
  const qboContacts: NameCandidate[] = qboNamed.map((record, n) => ({
    ...record,
    email: n % 5 === 0 ? `c${n}@example.com` : null,
    phone: n % 7 === 0 ? `813.555.${String(n % 10000).padStart(4, '0')}` : null,
    street: n % 3 === 0 ? `${1 + (n % 900)} ${pick(random, STREETS)}` : null,
  }));
  let suggestions = 0;
  const nearMatch5kMs = timed(() => {
    suggestions = nearMatches(unmatched, qboContacts).length;
  });

  const customers = [...host, ...hostCustomers(50_000, seeded(7)).map((customer) => ({ ...customer, id: `b${customer.id}` }))];
  const fingerprint100kMs = timed(() => {
    for (const customer of customers) fingerprintOf(toQboCustomerFields(customer));
  });

  return {
    'domain.match50kMs': match50kMs,
    'domain.nearMatch5kMs': nearMatch5kMs,
    'domain.nearMatch5kSuggestions': suggestions,
    'domain.fingerprint100kMs': fingerprint100kMs,
  };
};
