/**
 * Comparable forms of contact details for near matches and duplicate groups: `emailKey`, `phoneKey` (digits only)
 * and `streetKey`. Each returns null when the value is too thin to say two records are the same.
 */
import { foldText } from './normalize-name';

export const emailKey = (email: string | null | undefined): string | null => {
  const key = (email ?? '').normalize('NFKC').trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(key) ? key : null;
};

/** Digits only; a leading North American country code "1" is dropped so "+1 (813) 555-0100" = "813-555-0100". */
export const phoneKey = (phone: string | null | undefined): string | null => {
  const digits = (phone ?? '').replace(/\D+/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return national.length >= 7 ? national : null;
};

const STREET_WORDS: Readonly<Record<string, string>> = {
  street: 'st', avenue: 'ave', av: 'ave', road: 'rd', drive: 'dr', lane: 'ln', boulevard: 'blvd', court: 'ct',
  place: 'pl', terrace: 'ter', circle: 'cir', highway: 'hwy', parkway: 'pkwy', north: 'n', south: 's', east: 'e',
  west: 'w', apartment: 'apt', suite: 'ste',
};

/** The street line folded, with the usual abbreviations, and only when it has a house number. */
export const streetKey = (street: string | null | undefined): string | null => {
  // Most records have no street: skip the folding (six regular expressions) that would give '' anyway.
  if (street === null || street === undefined) return null;
  const folded = foldText(street);
  if (!/\d/.test(folded)) return null;
  return folded
    .split(' ')
    .map((word) => STREET_WORDS[word] ?? word)
    .join(' ');
};
