/**
 * JSON with object keys sorted, so equal values always serialise to the same text. Keys whose value is undefined
 * are left out, as JSON.stringify does. Every fingerprint goes through here, so it is written as plain loops and
 * remembers the sorted, quoted keys of the few record shapes it sees (a sorted copy handed to JSON.stringify would
 * not do: objects list integer-like keys first, whatever the insertion order).
 */
interface Shape {
  readonly keys: readonly string[];
  readonly sorted: readonly (readonly [key: string, quoted: string])[];
}

// Memo only: the output never depends on it. Bounded, since records of one kind share one shape.
const shapes = new Map<string, Shape>();
const MAX_SHAPES = 256;

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((key, i) => key === b[i]);

/** A record's keys in canonical order, each with its JSON-quoted form (shared with the canonical hash, ADR 0093). */
export const sortedKeysOf = (record: object): Shape['sorted'] => {
  const keys = Object.keys(record);
  const id = keys.join(',');
  const known = shapes.get(id);
  // Keys holding "," could join alike, so the cached shape counts only when its keys are these keys.
  if (known !== undefined && sameKeys(known.keys, keys)) return known.sorted;
  const sorted = [...keys].sort().map((key) => [key, JSON.stringify(key)] as const);
  if (known === undefined && shapes.size < MAX_SHAPES) shapes.set(id, { keys, sorted });
  return sorted;
};

export const canonicalJson = (value: unknown): string => {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'object':
      if (value === null) return 'null';
      break;
    default:
      return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const [key, quoted] of sortedKeysOf(record)) {
    const field = record[key];
    if (field === undefined) continue;
    out += `${first ? '' : ','}${quoted}:${canonicalJson(field)}`;
    first = false;
  }
  return `${out}}`;
};
