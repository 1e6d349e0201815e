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

  it('wires the graph with plain typed factories: no container, no decorators, no reflection anywhere in src', () => {
    const offenders = files.filter((file) => /from 'inversify'|from 'reflect-metadata'|^import 'reflect-metadata'|^\s*@[a-z]+\(/m.test(file.text)).map((file) => file.path);
    expect(offenders).toEqual([]);
  });

  it('builds the application classes only in src/composition', () => {
    const useCases = /new\s+(RunDeliveryRound|SweepChanges|DeliveryPass|RecordDelivery|RunInitialSync|EnableSync|CompleteAuthorization|BackgroundInitialSyncLauncher)\s*\(/;
    const builders = files.filter((file) => useCases.test(file.text)).map((file) => file.path);
    expect(builders.every((path) => path.startsWith('src/composition/'))).toBe(true);
    expect(builders.length).toBeGreaterThan(0);
  });

  it('keeps the clock and randomness out of the domain', () => {
    const offenders = files
      .filter((file) => file.path.startsWith('src/domain/'))
      .filter((file) => /Date\.now\(|new Date\(\)|Math\.random\(/.test(file.text))
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });
});
