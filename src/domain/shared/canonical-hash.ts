import { sortedKeysOf } from './canonical-json';
import { Hash128 } from './hash';

/**
 * `hash128(canonicalJson(value))` without building the text (ADR 0093): the canonical JSON is fed to the hash a
 * piece at a time, in the same order and with the same escapes. Every fingerprint goes through here.
 */
export const canonicalJsonHash = (value: unknown): string => {
  const hash = new Hash128();
  feedCanonical(hash, value);
  return hash.digest();
};

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Whether JSON.stringify writes the string as it is between quotes: no quote, backslash, control or surrogate unit. */
const needsNoEscape = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 || unit === 0x22 || unit === 0x5c || (unit >= 0xd800 && unit <= 0xdfff)) return false;
  }
  return true;
};

const feedString = (hash: Hash128, text: string): void => {
  if (!needsNoEscape(text)) {
    hash.feed(JSON.stringify(text));
    return;
  }
  hash.feedUnit(QUOTE);
  hash.feed(text);
  hash.feedUnit(QUOTE);
};

/** canonicalJson's cases, one for one (src/domain/shared/canonical-json.ts). */
const feedCanonical = (hash: Hash128, value: unknown): void => {
  switch (typeof value) {
    case 'string':
      feedString(hash, value);
      return;
    case 'boolean':
      hash.feed(value ? 'true' : 'false');
      return;
    case 'number':
      hash.feed(Number.isFinite(value) ? String(value) : 'null');
      return;
    case 'object':
      if (value === null) {
        hash.feed('null');
        return;
      }
      break;
    default:
      hash.feed(`${JSON.stringify(value ?? null)}`);
      return;
  }
  if (Array.isArray(value)) {
    hash.feedUnit(0x5b);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) hash.feedUnit(COMMA);
      feedCanonical(hash, value[i]);
    }
    hash.feedUnit(0x5d);
    return;
  }
  const record = value as Record<string, unknown>;
  hash.feedUnit(0x7b);
  let first = true;
  for (const [key, quoted] of sortedKeysOf(record)) {
    const field = record[key];
    if (field === undefined) continue;
    if (!first) hash.feedUnit(COMMA);
    hash.feed(quoted);
    hash.feedUnit(COLON);
    feedCanonical(hash, field);
    first = false;
  }
  hash.feedUnit(0x7d);
};
