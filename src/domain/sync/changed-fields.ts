import { canonicalJson } from '../shared/canonical-json';

/** The fields of `next` whose value differs from what was pushed last: the minimal sparse update. */
export const changedFields = <T extends object>(next: T, pushed: Readonly<Record<string, unknown>> | null): Partial<T> => {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (pushed === null || canonicalJson(pushed[key]) !== canonicalJson(value)) changes[key] = value;
  }
  return changes as Partial<T>;
};
