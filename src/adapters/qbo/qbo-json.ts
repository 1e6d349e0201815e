/** QBO JSON as it arrives: untrusted, so every read checks its type instead of casting. */
export type QboJson = { readonly [key: string]: unknown };

/** A response body as JSON when it is JSON; QBO's outage pages are HTML and come back as their text. */
export const parseJsonText = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
};

export const isObject = (value: unknown): value is QboJson =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const objectAt = (json: QboJson, key: string): QboJson | null => {
  const value = json[key];
  return isObject(value) ? value : null;
};

export const arrayAt = (json: QboJson, key: string): readonly unknown[] => {
  const value = json[key];
  return Array.isArray(value) ? value : [];
};

export const textAt = (json: QboJson | null, key: string): string | null => {
  const value = json?.[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
};

export const requiredTextAt = (json: QboJson, key: string, what: string): string => {
  const value = textAt(json, key);
  if (value === null) throw new Error(`QBO sent a ${what} without ${key}.`);
  return value;
};

export const numberAt = (json: QboJson | null, key: string): number | string | null => {
  const value = json?.[key];
  return typeof value === 'number' || typeof value === 'string' ? value : null;
};

/** `{ "value": "42", "name": "..." }` → "42". */
export const refAt = (json: QboJson, key: string): string | null => textAt(objectAt(json, key), 'value');

export const toRef = (id: string): { value: string } => ({ value: id });

/** Drops undefined members so a sparse body carries only what changes. */
export const compact = (json: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(json).filter(([, value]) => value !== undefined));

export const requiredRefAt = (json: QboJson, key: string, what: string): string => {
  const value = refAt(json, key);
  if (value === null) throw new Error(`QBO sent a ${what} without ${key}.`);
  return value;
};
