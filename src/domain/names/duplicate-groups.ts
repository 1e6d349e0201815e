/**
 * `duplicateGroups(host)`: host records that look like the same customer or item before anything is pushed —
 * the same normalised name (they would collide in QBO), or the same e-mail, phone or street address under
 * different names. Each group says why, on which value, and lists its records in id order.
 */
import { emailKey, phoneKey, streetKey } from './contact-keys';
import type { NameCandidate } from './name-candidate';
import { normalizeName } from './normalize-name';

export type DuplicateReason = 'same-name' | 'same-email' | 'same-phone' | 'same-street';

export interface DuplicateGroup {
  readonly reason: DuplicateReason;
  /** The shared value, normalised (the name, e-mail, phone digits or street). */
  readonly value: string;
  readonly records: readonly NameCandidate[];
  /** Plain words for the pre-flight list and its CSV. */
  readonly explanation: string;
}

const EXPLAIN: Readonly<Record<DuplicateReason, (value: string, count: number) => string>> = {
  'same-name': (value, count) => `${count} records are named "${value}" once case, accents and punctuation are ignored; QuickBooks needs unique names.`,
  'same-email': (value, count) => `${count} records with different names share the e-mail ${value}.`,
  'same-phone': (value, count) => `${count} records with different names share the phone number ${value}.`,
  'same-street': (value, count) => `${count} records with different names share the street address "${value}".`,
};

const byId = (a: NameCandidate, b: NameCandidate): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const groupBy = (records: readonly NameCandidate[], keyOf: (record: NameCandidate) => string | null): Map<string, NameCandidate[]> => {
  const groups = new Map<string, NameCandidate[]>();
  for (const record of records) {
    const key = keyOf(record);
    if (key === null || key === '') continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [record]);
    else group.push(record);
  }
  return groups;
};

export const duplicateGroups = (host: readonly NameCandidate[]): readonly DuplicateGroup[] => {
  const found: DuplicateGroup[] = [];
  const collect = (reason: DuplicateReason, keyOf: (record: NameCandidate) => string | null, needsDifferentNames: boolean): void => {
    for (const [value, records] of groupBy(host, keyOf)) {
      if (records.length < 2) continue;
      if (needsDifferentNames && new Set(records.map((record) => normalizeName(record.name))).size < 2) continue;
      found.push({ reason, value, records: [...records].sort(byId), explanation: EXPLAIN[reason](value, records.length) });
    }
  };
  collect('same-name', (record) => normalizeName(record.name), false);
  collect('same-email', (record) => emailKey(record.email), true);
  collect('same-phone', (record) => phoneKey(record.phone), true);
  collect('same-street', (record) => streetKey(record.street), true);
  const order: readonly DuplicateReason[] = ['same-name', 'same-email', 'same-phone', 'same-street'];
  return found.sort((a, b) => order.indexOf(a.reason) - order.indexOf(b.reason) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
};
