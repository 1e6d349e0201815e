import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });

describe('the composition root', () => {
  const files = sourceFiles(join(root, 'src')).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

  it('is the only file that builds an inversify container', () => {
    const builders = files.filter((file) => /new\s+Container\s*\(/.test(file.text)).map((file) => file.path);
    expect(builders).toEqual(['src/plugin.ts']);
  });

  it('keeps decorators and the container out of the domain and the application layer', () => {
    const offenders = files
      .filter((file) => /^src\/(domain|application)\//.test(file.path))
      .filter((file) => /@injectable\(|@inject\(|from 'inversify'/.test(file.text))
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });

  it('keeps the clock and randomness out of the domain', () => {
    const offenders = files
      .filter((file) => file.path.startsWith('src/domain/'))
      .filter((file) => /Date\.now\(|new Date\(\)|Math\.random\(/.test(file.text))
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });
});
