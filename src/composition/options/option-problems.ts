import type { z } from 'zod';
import { pluginOptionsSchema } from './plugin-options.schema';

/** `worker.tenantConcurrency`, `retiredEncryptionKeys[0]`: a path as a host writes it. */
export const optionPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');

/** The names the schema knows at `path` (top level when empty); [] where it is not a group of options. */
export const optionNamesAt = (path: readonly string[]): string[] => {
  let schema: unknown = pluginOptionsSchema;
  for (const key of path) schema = shapeOf(schema)?.[key];
  return Object.keys(shapeOf(schema) ?? {});
};

/** The object shape behind optional, refined and union wrappers (the object member of `adminRateLimit`'s union). */
export const shapeOf = (schema: unknown): Record<string, unknown> | undefined => {
  let current = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown; options?: unknown[]; _zod?: { def?: { innerType?: unknown; in?: unknown } } } | undefined;
  for (let depth = 0; current && depth < 8; depth += 1) {
    if (current.shape) return current.shape;
    const def = current._zod?.def;
    const next = def?.innerType ?? def?.in ?? current.options?.find((option) => shapeOf(option) !== undefined);
    current = next as typeof current;
  }
  return undefined;
};

/** One plain message per bad option, each naming it: the first issue found at a path, one line per unknown name. */
export const optionProblems = (issues: readonly z.core.$ZodIssue[], crossProblems: readonly { path: string; message: string }[] = []): string[] => {
  const problems = new Map<string, string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const at = issue.path.map(String);
      for (const key of issue.keys) problems.set(optionPath([...at, key]), unknownOption([...at, key], optionNamesAt(at)));
      continue;
    }
    const path = optionPath(issue.path);
    if (problems.has(path)) continue;
    problems.set(path, issue.message.startsWith('"') || issue.message.startsWith('Give ') || path === '' ? issue.message : `"${path}": ${issue.message}`);
  }
  // A rule between options speaks only when the options it names passed on their own.
  for (const { path, message } of crossProblems) if (!problems.has(path)) problems.set(path, message);
  return [...problems.values()];
};

const unknownOption = (path: readonly string[], known: readonly string[]): string => {
  const name = path[path.length - 1]!;
  const near = known.find((candidate) => closeNames(candidate, name));
  const where = path.length > 1 ? ` of "${path.slice(0, -1).join('.')}"` : '';
  return `"${optionPath(path)}" is not an option${where}${near ? `; did you mean "${near}"?` : '.'} The options${where} are: ${known.join(', ')}.`;
};

/** Same letters but one (a typo, a plural): worth suggesting. */
const closeNames = (a: string, b: string): boolean => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  if (x === y) return true;
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i += 1;
  return x.slice(i + (x.length >= y.length ? 1 : 0)) === y.slice(i + (y.length >= x.length ? 1 : 0));
};
