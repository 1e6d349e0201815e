import { badRequest } from './http-problem';

/** Query strings arrive as strings, arrays or objects; these accept exactly one well-formed value or say why not. */
export const optionalString = (query: Record<string, unknown>, name: string, maxLength = 200): string | undefined => {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest('invalid_query', `"${name}" must be given once, as text.`);
  if (value.length > maxLength) throw badRequest('invalid_query', `"${name}" is longer than ${maxLength} characters.`);
  return value;
};

export const optionalInteger = (query: Record<string, unknown>, name: string, min: number, max: number): number | undefined => {
  const text = optionalString(query, name, 12);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw badRequest('invalid_query', `"${name}" must be a whole number between ${min} and ${max}.`);
  const value = Number(text);
  if (value < min || value > max) throw badRequest('invalid_query', `"${name}" must be between ${min} and ${max}.`);
  return value;
};

export const optionalChoice = <T extends string>(query: Record<string, unknown>, name: string, choices: readonly T[]): T | undefined => {
  const text = optionalString(query, name);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) throw badRequest('invalid_query', `"${name}" must be one of: ${choices.join(', ')}.`);
  return text as T;
};

/** An instant as ISO 8601 date and time with its offset ("2026-12-05T00:00:00-08:00", "…Z"), as epoch ms. */
export const optionalInstant = (query: Record<string, unknown>, name: string): number | undefined => {
  const text = optionalString(query, name, 40);
  if (text === undefined) return undefined;
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(at)) throw badRequest('invalid_query', `"${name}" must be a date and time with its offset, e.g. 2026-12-05T00:00:00-08:00.`);
  return at;
};
