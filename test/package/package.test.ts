import { execFile, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReferenceHostTables } from '../../examples/reference-host/reference-host-schema';
import { createTestDatabase, mysqlUrl, type TestDatabase } from '../support/database';
import { installScratchHost, packPackage, repoVersionOf, type PackedPackage } from './support/packed-package';

const fixtures = join(__dirname, 'scratch-host');
const tsc = join(__dirname, '../../node_modules/typescript/bin/tsc');

/** The two ends of what package.json promises hosts: the newest we develop on, and the oldest peers we accept. */
const express5Host = { express: repoVersionOf('express'), knex: repoVersionOf('knex'), mysql2: repoVersionOf('mysql2'), '@types/express': repoVersionOf('@types/express'), '@types/node': repoVersionOf('@types/node') };
const express4Host = { express: '4.21.2', knex: '3.1.0', mysql2: '3.9.8', '@types/express': '4.17.21' };

const node = (cwd: string, file: string, env: NodeJS.ProcessEnv = {}): string =>
  execFileSync(process.execPath, [file], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000 });

/** Type-checks host files in `dir` under one module setting; resolves to tsc's complaints ('' when there are none). */
const typeCheck = (dir: string, name: string, files: readonly string[], compilerOptions: Record<string, unknown>): Promise<string> => {
  const config = join(dir, `tsconfig.${name}.json`);
  writeFileSync(config, JSON.stringify({ compilerOptions: { strict: true, noEmit: true, esModuleInterop: true, target: 'ES2022', types: ['node'], ...compilerOptions }, files }));
  return new Promise((resolve) => {
    execFile(process.execPath, [tsc, '-p', config], { cwd: dir, encoding: 'utf8' }, (error, stdout) => resolve(error ? `${stdout}${error.message}` : ''));
  });
};

/** Runs the stranger's host in `dir` against a fresh MariaDB database holding the reference host's tables. */
const carryCustomer = async (dir: string): Promise<Record<string, unknown>> => {
  const db: TestDatabase = await createTestDatabase();
  try {
    await createReferenceHostTables(db.knex);
    const url = new URL(mysqlUrl());
    url.pathname = `/${db.name}`;
    const resultFile = join(dir, 'result.json');
    node(dir, 'carry-customer.cjs', { DATABASE_URL: url.toString(), RESULT_FILE: resultFile, QBO_SYNC_LOG_LEVEL: 'warn' });
    return JSON.parse(readFileSync(resultFile, 'utf8')) as Record<string, unknown>;
  } finally {
    await db.destroy();
  }
};

const nativeAddons = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.node') || path.endsWith('binding.gyp'));

describe('the package as a host installs it (npm pack → a scratch app → Express 4 and 5)', () => {
  let work: string;
  let packed: PackedPackage;
  let express5: string;
  let express4: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'qbo-sync-hosts-'));
    packed = packPackage();
    express5 = join(work, 'express5');
    installScratchHost(express5, packed.tarball, express5Host);
    // The Express 4 host starts from the same install and only swaps the peers, which is most of the saving.
    express4 = join(work, 'express4');
    cpSync(express5, express4, { recursive: true });
    installScratchHost(express4, packed.tarball, { ...express5Host, ...express4Host });
    for (const dir of [express5, express4]) for (const file of readdirSync(fixtures)) copyFileSync(join(fixtures, file), join(dir, file));
  }, 600_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the built plugin, its page assets, README, LICENSE and CHANGELOG, and nothing of the tests, benchmarks, examples or scripts', () => {
    expect(packed.files.filter((path) => /^(test|bench|examples|scripts)\/|\.map$|^src\//.test(path))).toEqual([]);
    expect(packed.files.filter((path) => !path.startsWith('dist/src/')).sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
    expect(packed.files).toEqual(expect.arrayContaining(['dist/src/plugin.js', 'dist/src/plugin.d.ts', 'dist/src/emulator/index.js', 'dist/src/emulator/index.d.ts', 'dist/src/adapters/http/page/assets/qbo-page.js', 'dist/src/adapters/http/page/assets/qbo-page.css', 'dist/src/openapi.json']));
  });

  it('brings only its runtime dependencies: nothing to compile, no SQLite, none of our tools', () => {
    const installed = readdirSync(join(express5, 'node_modules'));
    expect(installed.filter((name) => ['better-sqlite3', 'typescript', 'jest', '@swc', 'playwright-core', 'dependency-cruiser', 'node-quickbooks', 'fast-check', 'supertest'].includes(name))).toEqual([]);
    expect(nativeAddons(join(express5, 'node_modules'))).toEqual([]);
  });

  it("loads the plugin's entry without loading the emulator", () => {
    const loaded = JSON.parse(node(express5, 'entry-loads.cjs')) as string[];
    expect(loaded).toEqual(expect.arrayContaining(['dist/src/plugin.js', 'dist/src/adapters/http/qbo-sync.router.js']));
    expect(loaded.filter((path) => path.startsWith('dist/src/emulator/'))).toEqual([]);
  });

  it('serves ES-module hosts through the exports map, and nothing past it', () => {
    expect(JSON.parse(node(express5, 'esm-imports.mjs'))).toEqual({ createQboSyncPlugin: 'function', startQboEmulator: 'function', createQboEmulatorApp: 'function', openApi: '3.1.0', deepImport: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
  });

  it('runs the emulator on its own as `npx qbo-sync-emulator`', async () => {
    const emulator = spawn(join(express5, 'node_modules/.bin/qbo-sync-emulator'), ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let printed = '';
        emulator.stdout.on('data', (chunk: Buffer) => {
          printed += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(printed);
          if (match) resolve(match[1]!);
        });
        emulator.on('exit', (code) => reject(new Error(`qbo-sync-emulator exited with ${code}: ${printed}`)));
      });
      const realm = await fetch(`${url}/__emulator/realms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(realm.status).toBe(201);
    } finally {
      if (emulator.exitCode === null) {
        const exited = once(emulator, 'exit');
        emulator.kill();
        await exited;
      }
    }
  });

  it('type-checks a host under nodenext (CommonJS and ES module), node16, and commonjs with node10 resolution, on Express 5 and 4 types', async () => {
    copyFileSync(join(express5, 'host-types.ts'), join(express5, 'host-types.mts'));
    const complaints = await Promise.all([
      typeCheck(express5, 'nodenext', ['host-types.ts', 'host-types.mts'], { module: 'nodenext', moduleResolution: 'nodenext' }),
      typeCheck(express5, 'node16', ['host-types.ts'], { module: 'node16', moduleResolution: 'node16' }),
      typeCheck(express5, 'node10', ['host-types.ts'], { module: 'commonjs', moduleResolution: 'node10' }),
      typeCheck(express4, 'node10', ['host-types.ts'], { module: 'commonjs', moduleResolution: 'node10' }),
    ]);
    expect(complaints).toEqual(['', '', '', '']);
  }, 180_000);

  it.each([
    ['5', () => express5],
    ['4', () => express4],
  ])('carries one customer from the host table to the emulator with the router on Express %s', async (major, dir) => {
    const result = await carryCustomer(dir());
    expect(result).toMatchObject({
      express: expect.stringMatching(new RegExp(`^${major}\\.`)),
      callbackStatus: 303,
      connection: 'connected',
      enableStatus: 202,
      initialSync: { state: 'completed', failed: 0 },
      customers: [{ DisplayName: 'Maria Lopez', GivenName: 'Maria', FamilyName: 'Lopez', Active: true }],
      badQuery: { status: 400, code: 'invalid_query' },
      page: { status: 200, isHtml: true },
      asset: 200,
      unknown: { status: 404, code: 'not_found' },
    });
  }, 120_000);
});
