import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricNames } from '../../../src/adapters/telemetry/metric-names';
import { pluginEventTypes } from '../../../src/application/ports/telemetry.port';
import { optionNamesAt } from '../../../src/composition/options/option-problems';

const root = join(__dirname, '../../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const operating = readFileSync(join(root, 'docs/operating.md'), 'utf8');

/** The README's options table: each row's first column and meaning. */
const optionRows = (): { names: string[]; meaning: string }[] => {
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [, first = '', meaning = ''] = line.split('|');
      return { names: [...first.matchAll(/`([^`]+)`/g)].map((match) => match[1]!.replace(/\(.*\)$/, '')), meaning };
    });
};

describe('the README documents every option the schema takes, and no other', () => {
  it('has a row naming each top-level option, and names nothing else there', () => {
    const tableNames = new Set(optionRows().flatMap((row) => row.names.map((name) => name.split('.')[0]!)));
    const schemaNames = optionNamesAt([]);
    expect({ missing: schemaNames.filter((name) => !tableNames.has(name)), unknown: [...tableNames].filter((name) => !schemaNames.includes(name)) }).toEqual({ missing: [], unknown: [] });
  });

  it("names each option of a group in that group's row", () => {
    for (const group of ['qbo', 'worker', 'delivery', 'adminRateLimit']) {
      const row = optionRows().find((candidate) => candidate.names.includes(group))!;
      const nested = optionNamesAt([group]);
      expect({ group, missing: nested.filter((name) => !row.meaning.includes(name)) }).toEqual({ group, missing: [] });
    }
  });
});

describe('docs/operating.md documents every metric and every event', () => {
  it.each(Object.values(metricNames))('metric %s', (name) => expect(operating).toContain(`| \`${name}\` |`));
  it.each([...pluginEventTypes])('event %s', (type) => expect(operating).toContain(`| \`${type}\` |`));
});
