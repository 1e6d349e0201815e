const FORMATS: ReadonlyArray<[string, RegExp]> = [
  ['date-time with offset and milliseconds', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,3}[-+]\d{2}:\d{2}$/],
  ['date-time with offset', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$/],
  ['date', /^\d{4}-\d{2}-\d{2}$/],
  ['id', /^\d+$/],
];

const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const formatOf = (value: string): string | undefined => FORMATS.find(([, pattern]) => pattern.test(value))?.[0];

/**
 * Every field of an Intuit sample, at every depth, against the emulator's answer: present, the same JSON type, and for
 * strings the same format (date, date-time, numeric id). Keys in `ignored` are sample-specific and skipped; the
 * differences come back as readable lines, so a test shows all of them at once.
 */
export function shapeDifferences(sample: unknown, answer: unknown, ignored: ReadonlySet<string>, path = ''): string[] {
  const here = path || '(root)';
  if (kindOf(sample) !== kindOf(answer)) return [`${here}: Intuit sends ${kindOf(sample)}, the emulator ${kindOf(answer)}`];
  if (typeof sample === 'string') {
    const expected = formatOf(sample);
    return expected && formatOf(answer as string) !== expected ? [`${here}: Intuit sends a ${expected} ("${sample}"), the emulator "${answer as string}"`] : [];
  }
  if (Array.isArray(sample)) {
    const list = answer as unknown[];
    if (sample.length > 0 && list.length === 0) return [`${here}: Intuit sends items, the emulator none`];
    return sample.length > 0 ? shapeDifferences(sample[0], list[0], ignored, `${path}[0]`) : [];
  }
  if (sample === null || typeof sample !== 'object') return [];
  const differences: string[] = [];
  for (const [key, value] of Object.entries(sample)) {
    if (ignored.has(key)) continue;
    const next = path ? `${path}.${key}` : key;
    if (!(key in (answer as object))) differences.push(`${next}: missing`);
    else differences.push(...shapeDifferences(value, (answer as Record<string, unknown>)[key], ignored, next));
  }
  return differences;
}
