import type { z } from 'zod';
import { optionProblems } from './options/option-problems';
import { crossOptionProblems, pluginOptionsSchema } from './options/plugin-options.schema';

/** What a host passes to `createQboSyncPlugin` (DESIGN.md §5): the type of the options schema, checked at start-up. */
export type QboSyncPluginOptions = z.input<typeof pluginOptionsSchema>;

/**
 * Refuses options that cannot work, at start-up, with one message per bad option that names it and says what to fix;
 * returns them as checked.
 */
export const parsePluginOptions = (options: unknown): QboSyncPluginOptions => {
  if (!options || typeof options !== 'object' || Array.isArray(options)) throw new TypeError('createQboSyncPlugin needs an options object.');
  const parsed = pluginOptionsSchema.safeParse(options);
  const problems = optionProblems(parsed.error?.issues ?? [], crossOptionProblems(options as Record<string, unknown>));
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new TypeError(`qbo-sync cannot start:\n- ${problems.join('\n- ')}`);
};

/** `parsePluginOptions` for callers that only need the refusal. */
export const assertValidOptions = (options: QboSyncPluginOptions): void => {
  parsePluginOptions(options);
};
