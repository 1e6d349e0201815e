/**
 * One key from several parts that no other list of parts can give: each part is written after its length, so
 * ("a:b", "c") and ("a", "b:c") stay two keys whatever characters the parts hold (ids are the host's, any text).
 * Lengths count characters (code points), as SQL's CHAR_LENGTH does, so a migration can build the same keys in SQL.
 */
export const compositeKey = (parts: readonly string[]): string => parts.map((part) => `${[...part].length}:${part}`).join('');
