/**
 * QBO's rules for names, and a deterministic way to turn any host name into one QBO accepts.
 * - `qboNameProblems(name, { entity, taken })` lists what QBO would refuse.
 * - `acceptableQboName(name, { entity, taken })` → `{ name, changes }`: forbidden characters replaced, length cut,
 *   and when the name is taken the first free of ` (2)`, ` (3)` … appended ("Kevin Park (2)"); `changes` says what
 *   changed, in plain words, for the activity log. The one rule for every name the plugin gives QBO: the initial
 *   sync's plan, the pre-flight (which shows the plan's names), delivery after QBO refused a name, and the mappers.
 *   A name never carries a host id: ids are internal (UUIDs for some hosts), and QBO users tell same-name records
 *   apart by a number or a letter added to the name (docs/accounting/qbo-names.md).
 * - An empty name becomes "Unnamed customer" / "Unnamed item", numbered the same way when taken.
 * Customer DisplayName: ≤ 500 characters, unique across Customer, Vendor and Employee (inactive ones included).
 * Item Name: ≤ 100 characters, unique among items. Neither may hold ':', a tab or a line break.
 * `taken` holds `qboNameKey` of every name already used; the key is coarser than QBO's case-insensitive compare,
 * so a name free by the key is free in QBO, and near-identical names ("Smith & Co" / "Smith and Co") are avoided.
 */
import { normalizeName } from './normalize-name';

export type QboNameEntity = 'Customer' | 'Item';
export type QboNameProblem = 'empty' | 'too-long' | 'forbidden-character' | 'surrounding-space' | 'taken';

export const QBO_NAME_MAX_LENGTH: Readonly<Record<QboNameEntity, number>> = { Customer: 500, Item: 100 };

const FORBIDDEN = /[:\t\n\r]/;
const LABEL: Readonly<Record<QboNameEntity, string>> = { Customer: 'customer', Item: 'item' };
const TAKEN_BY: Readonly<Record<QboNameEntity, string>> = { Customer: 'a customer, vendor or employee', Item: 'another item' };

export const qboNameKey = (name: string): string => normalizeName(name) || name.trim().toLowerCase();

export const takenNameKeys = (names: Iterable<string>): Set<string> => {
  const keys = new Set<string>();
  for (const name of names) keys.add(qboNameKey(name));
  return keys;
};

export const qboNameProblems = (
  name: string,
  rules: { readonly entity: QboNameEntity; readonly taken?: ReadonlySet<string> },
): readonly QboNameProblem[] => {
  const problems: QboNameProblem[] = [];
  if (name.trim() === '') problems.push('empty');
  if (name.length > QBO_NAME_MAX_LENGTH[rules.entity]) problems.push('too-long');
  if (FORBIDDEN.test(name)) problems.push('forbidden-character');
  if (name !== name.trim()) problems.push('surrounding-space');
  if (rules.taken?.has(qboNameKey(name))) problems.push('taken');
  return problems;
};

/** At most `max` UTF-16 units, never splitting a character made of two. */
const cut = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end).trimEnd();
};

/** Forbidden characters and control characters out, ends trimmed; what was done goes to `changes`. */
const cleaned = (name: string, changes: string[]): string => {
  let text = name;
  if (text.includes(':')) {
    text = text.replace(/\s*:\s*/g, ' - ');
    changes.push('replaced ":" (not allowed by QuickBooks) with " - "');
  }
  if (/\p{Cc}/u.test(text)) {
    text = text.replace(/\p{Cc}+/gu, ' ');
    changes.push('replaced tabs, line breaks and other control characters with spaces');
  }
  if (text !== text.trim()) {
    text = text.trim();
    changes.push('removed spaces at the start or end');
  }
  return text;
};

export const acceptableQboName = (
  name: string,
  rules: { readonly entity: QboNameEntity; readonly taken: ReadonlySet<string> },
): { readonly name: string; readonly changes: readonly string[] } => {
  const changes: string[] = [];
  const max = QBO_NAME_MAX_LENGTH[rules.entity];
  let base = cleaned(name, changes);
  if (base === '') {
    base = `Unnamed ${LABEL[rules.entity]}`;
    changes.push(`the name was empty; used "${base}"`);
  }
  if (base.length > max) {
    base = cut(base, max);
    changes.push(`shortened to ${max} characters, the QuickBooks limit for ${LABEL[rules.entity]} names`);
  }
  if (rules.taken.size === 0 || !rules.taken.has(qboNameKey(base))) return { name: base, changes };
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${cut(base, max - suffix.length)}${suffix}`.trim();
    if (candidate.length <= max && !rules.taken.has(qboNameKey(candidate))) {
      changes.push(`"${base}" is already used in QuickBooks by ${TAKEN_BY[rules.entity]}; added "${suffix.trim()}"`);
      return { name: candidate, changes };
    }
  }
};
