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

/** Lower case, no accents, letters and digits only, single spaces: the comparable spelling of one word run. */
export const foldText = (text: string): string =>
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

export const normalizeName = (name: string): string => {
  const folded = foldText(name);
  const withoutInnerHonorifics = folded.replace(HONORIFICS_AFTER_AND, 'and ');
  return withoutInnerHonorifics.replace(LEADING_HONORIFICS, '');
};
