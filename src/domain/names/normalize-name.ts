/**
 * `normalizeName(name)`: the form two names are compared in, so "Mr. & Mrs. José  Smith" and "mr and mrs jose smith"
 * are the same name. Case, unicode form (NFKC), accents, punctuation, spacing, "&"/"and" and leading honorifics
 * (Mr, Mrs, Dr …) do not count. Idempotent: normalising a normalised name changes nothing.
 */

const HONORIFICS = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'rev', 'sir', 'madam', 'mme', 'mlle', 'messrs'].join('|');
// Honorifics that open the name, alone or joined ("mr and mrs smith"); a name made only of honorifics keeps them.
const LEADING_HONORIFICS = new RegExp(`^(?:(?:${HONORIFICS}) (?:and )?)+`);
// An honorific right after "and" ("john and mrs jane smith").
const HONORIFICS_AFTER_AND = new RegExp(`(?<=^| )and (?:(?:${HONORIFICS}) )+`, 'g');

// Letters that carry no combining mark to strip, spelled the way people type them without the key.
const FOLDED_LETTERS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

const COMBINING_MARKS = /\p{M}+/gu;
const FOLDABLE = /[ßæœøłđðþı]/g;
// Apostrophes and periods inside words join them: "O'Brien" → "obrien", "J.R." → "jr", "Dr." → "dr".
const JOINING_PUNCTUATION = /['’‘`´ʼ]|(?<=\p{L})\.|\.(?=\p{L})/gu;
const ANY_OTHER_SEPARATOR = /[^\p{L}\p{N}]+/gu;

/** Lower case, no accents, letters and digits only, single spaces, for any text: the long way `foldText` can often skip. */
export const foldAnyText = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(FOLDABLE, (letter) => FOLDED_LETTERS[letter] ?? letter)
    .replace(/&/g, ' and ')
    .replace(JOINING_PUNCTUATION, '')
    .replace(ANY_OTHER_SEPARATOR, ' ')
    .trim();

// ASCII letters and digits in single-spaced words are folded but for case: most names, and the regular expressions of
// `foldAnyText` are most of the cost of matching 50,000 names.
const FOLDED_BUT_FOR_CASE = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

/** Lower case, no accents, letters and digits only, single spaces: the comparable spelling of one word run. */
export const foldText = (text: string): string => (FOLDED_BUT_FOR_CASE.test(text) ? text.toLowerCase() : foldAnyText(text));

export const normalizeName = (name: string): string => {
  const folded = foldText(name);
  const withoutInnerHonorifics = folded.replace(HONORIFICS_AFTER_AND, 'and ');
  return withoutInnerHonorifics.replace(LEADING_HONORIFICS, '');
};
