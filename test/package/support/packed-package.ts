import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const repo = join(__dirname, '../../..');

export interface PackedPackage {
  /** The tarball `npm pack` made. */
  readonly tarball: string;
  /** Every path in it, relative to the package root. */
  readonly files: readonly string[];
  readonly packedBytes: number;
}

/** The environment for a nested npm: without the `npm_*` variables of the `npm test` that runs us (prefix, config). */
export const npmEnvironment = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));

export const runNpm = (cwd: string, args: readonly string[]): string =>
  execFileSync('npm', [...args], { cwd, env: npmEnvironment(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

/** The files a git clone of this working tree holds (tracked, or new and not ignored), as a git install would see them. */
const workingTreeFiles = (): string[] =>
  execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(repo, file)));

/**
 * Packs the package as a git install or `npm publish` would: a copy of the working tree without `dist/`, where
 * `npm pack` runs `prepare` (the build) and packs what `files` lets through. Tarballs are kept in the temporary
 * directory by a hash of everything that could change them, so several suites (and re-runs) share one.
 */
export const packPackage = (): PackedPackage => {
  const files = workingTreeFiles();
  const hash = createHash('sha256');
  for (const file of files.filter((path) => !/^(test|docs)\//.test(path))) hash.update(`${file}\0`).update(readFileSync(join(repo, file)));
  const cache = join(tmpdir(), 'qbo-sync-packs', hash.digest('hex').slice(0, 16));
  if (!existsSync(join(cache, 'pack.json'))) {
    const stage = mkdtempSync(join(tmpdir(), 'qbo-sync-stage-'));
    try {
      for (const file of files) {
        mkdirSync(dirname(join(stage, 'tree', file)), { recursive: true });
        cpSync(join(repo, file), join(stage, 'tree', file));
      }
      symlinkSync(join(repo, 'node_modules'), join(stage, 'tree', 'node_modules'));
      const made = join(stage, 'made');
      mkdirSync(made);
      const output = runNpm(join(stage, 'tree'), ['pack', '--json', '--pack-destination', made]);
      // The build's own lines come first on stdout; npm's listing is the JSON array after them.
      const [listing] = JSON.parse(output.slice(output.search(/^\[/m))) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
      writeFileSync(join(made, 'pack.json'), JSON.stringify({ tarball: listing!.filename, files: listing!.files.map((file) => file.path), packedBytes: listing!.size }));
      mkdirSync(dirname(cache), { recursive: true });
      try {
        renameSync(made, cache);
      } catch (error) {
        // Another suite packed the same tree meanwhile: its tarball is this one.
        if (!existsSync(join(cache, 'pack.json'))) throw error;
      }
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  }
  const packed = JSON.parse(readFileSync(join(cache, 'pack.json'), 'utf8')) as { tarball: string; files: string[]; packedBytes: number };
  return { tarball: join(cache, packed.tarball), files: packed.files, packedBytes: packed.packedBytes };
};

/**
 * A scratch host app in `dir` that installs the tarball beside `dependencies` (name → version) from the npm cache or
 * registry, as a host would: only the package's runtime dependencies come with it.
 */
export const installScratchHost = (dir: string, tarball: string, dependencies: Readonly<Record<string, string>>): void => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch-host', version: '1.0.0', private: true, dependencies: { 'qbo-sync': `file:${tarball}`, ...dependencies } }, null, 2));
  runNpm(dir, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']);
};

/** The version of a package this repository installed, so a scratch host can take the same one from the npm cache. */
export const repoVersionOf = (name: string): string => (JSON.parse(readFileSync(join(repo, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
