import { badRequest } from './http-problem';

/** A JSON body as an object; anything else (an array, a string, nothing) is refused with a message. */
export const bodyObject = (body: unknown, { allowEmpty = true } = {}): Record<string, unknown> => {
  if (body === undefined || body === null || (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0)) {
    if (allowEmpty) return {};
    throw badRequest('invalid_body', 'Send a JSON object in the request body.');
  }
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('invalid_body', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
};

export const onlyFields = (body: Record<string, unknown>, allowed: readonly string[]): void => {
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw badRequest('unknown_field', `Unknown field${unknown.length === 1 ? '' : 's'} ${unknown.map((k) => `"${k}"`).join(', ')}; expected ${allowed.map((k) => `"${k}"`).join(', ')}.`);
};

export const optionalBoolean = (body: Record<string, unknown>, name: string): boolean | undefined => {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw badRequest('invalid_field', `"${name}" must be true or false.`);
  return value;
};

/** An id as QBO gives them: digits, as text (a number is accepted and turned into text). */
export const qboId = (value: unknown, name: string): string => {
  const text = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,20}$/.test(text)) throw badRequest('invalid_field', `"${name}" must be a QuickBooks id (digits, as text).`);
  return text;
};

export const optionalQboIdList = (body: Record<string, unknown>, name: string, max: number): string[] | undefined => {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw badRequest('invalid_field', `"${name}" must be a list of QuickBooks ids.`);
  if (value.length === 0) throw badRequest('invalid_field', `"${name}" is empty: send the ids to import, or send {} to import every QuickBooks-only record.`);
  if (value.length > max) throw badRequest('invalid_field', `"${name}" holds more than ${max} ids; send {} to import every QuickBooks-only record.`);
  return value.map((id, index) => qboId(id, `${name}[${index}]`));
};
