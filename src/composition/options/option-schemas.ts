import { z } from 'zod';

/** How a value a host gave is shown back in a message: numbers and flags as they are, anything else by its kind only. */
export const shown = (value: unknown): string => {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return value.length <= 20 && !/\s/.test(value) ? `the text "${value}"` : 'a text';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
};

/** A whole number in [min, max]; every way to miss it gets the same message, naming the option, the range and why. */
export const wholeNumber = (path: string, min: number, max: number, meaning: string) => {
  const error = (issue: { input?: unknown }): string => `"${path}" must be a whole number from ${min} to ${max} (${meaning}); it is ${shown(issue.input)}.`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

/** A positive number up to `max` (fractions allowed). */
export const positiveNumber = (path: string, max: number, meaning: string) => {
  const error = (issue: { input?: unknown }): string => `"${path}" must be a number above 0 and at most ${max} (${meaning}); it is ${shown(issue.input)}.`;
  return z.number({ error }).positive({ error }).max(max, { error });
};

export const flag = (path: string, meaning: string) => z.boolean({ error: (issue) => `"${path}" must be true or false (${meaning}); it is ${shown(issue.input)}.` });

/** A function option; the TypeScript type carries its signature, the check that it is a function. */
export const fn = <F>(message: string | ((input: unknown) => string)) =>
  z.custom<F>((value) => typeof value === 'function', { error: (issue) => (typeof message === 'string' ? message : message(issue.input)) });

/** A nested group of options that refuses names it does not know (a typo must not pass silently). */
export const group = <Shape extends z.ZodRawShape>(path: string, shape: Shape, whenMissing?: string) =>
  z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return undefined;
      if (issue.input === undefined && whenMissing) return whenMissing;
      return `"${path}" must be an object with ${whenMissing ? '' : 'some of: '}${Object.keys(shape).join(', ')}.`;
    },
  });

export const isHttpUrl = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

export const httpUrl = (path: string, meaning: string) =>
  z.string({ error: `"${path}" must be an http(s) URL (${meaning}).` }).refine(isHttpUrl, { error: `"${path}" must be an http(s) URL (${meaning}).` });

/** Text that must be there: not empty, not only spaces. */
export const requiredText = (path: string, message: string) =>
  z.string({ error: message }).refine((value) => value.trim() !== '', { error: message }).describe(path);
