/**
 * `NearMatchRecord`: a record as near matching compares it — its words, surname and contact keys, each also as a
 * small integer id (`keyIds`), so scoring one of the millions of candidate pairs compares numbers, not strings.
 * Ids are only compared field with field; a key absent from the record has the id `NO_KEY`.
 */
import { emailKey, phoneKey, streetKey } from './contact-keys';
import type { NameCandidate } from './name-candidate';
import { nameTokens, surnameToken } from './name-tokens';
import { normalizeName } from './normalize-name';

export const NO_KEY = -1;

export interface NearMatchRecord {
  readonly record: NameCandidate;
  readonly tokens: readonly string[];
  readonly surname: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly street: string | null;
  readonly tokenIds: readonly number[];
  readonly surnameId: number;
  readonly emailId: number;
  readonly phoneId: number;
  readonly streetId: number;
}

/** Gives each distinct key the next integer, the same one every time it is asked again. */
export interface KeyIds {
  readonly idOf: (key: string | null) => number;
  /** How many ids were handed out: ids run from 0 to `count() - 1`. */
  readonly count: () => number;
}

export const keyIds = (): KeyIds => {
  const ids = new Map<string, number>();
  const idOf = (key: string | null): number => {
    if (key === null) return NO_KEY;
    const known = ids.get(key);
    if (known !== undefined) return known;
    ids.set(key, ids.size);
    return ids.size - 1;
  };
  return { idOf, count: () => ids.size };
};

export const nearMatchRecord = (record: NameCandidate, ids: KeyIds): NearMatchRecord => {
  const tokens = nameTokens(normalizeName(record.name));
  const surname = surnameToken(tokens);
  const email = emailKey(record.email);
  const phone = phoneKey(record.phone);
  const street = streetKey(record.street);
  return {
    record,
    tokens,
    surname,
    email,
    phone,
    street,
    tokenIds: tokens.map((token) => ids.idOf(token)),
    surnameId: ids.idOf(surname),
    emailId: ids.idOf(email),
    phoneId: ids.idOf(phone),
    streetId: ids.idOf(street),
  };
};
