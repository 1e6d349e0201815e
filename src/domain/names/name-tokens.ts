/**
 * `nameTokens(normalizedName)`: the words of a normalised name that say who or what it is, for near matches.
 * Filler words ("the", "and", "llc") are dropped and a plural or possessive "s" is cut, so "The Smiths" gives
 * ["smith"] like "John and Jane Smith" gives ["john", "jane", "smith"].
 */
const FILLER_WORDS = new Set(['the', 'and', 'of', 'a', 'an', 'llc', 'inc', 'ltd', 'co', 'corp', 'company', 'family', 'household']);

const stem = (word: string): string => (word.length >= 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);

export const nameTokens = (normalizedName: string): readonly string[] => {
  const tokens: string[] = [];
  for (const word of normalizedName.split(' ')) {
    if (word === '' || FILLER_WORDS.has(word)) continue;
    const token = stem(word);
    if (!tokens.includes(token)) tokens.push(token);
  }
  return tokens;
};

/** The surname of a person's name: its last meaningful word. */
export const surnameToken = (tokens: readonly string[]): string | null => tokens[tokens.length - 1] ?? null;
