import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, mysqlUrl, type TestDatabase } from '../support/database';
import { installScratchHost, packPackage, repoVersionOf } from './support/packed-package';

const repo = join(__dirname, '../..');
const tsc = join(repo, 'node_modules/typescript/bin/tsc');
/** The aqua app's own adapter, as its engineer would keep it in their repository. */
const adapterFiles = ['aqua-host-rows.ts', 'aqua-host.directory.ts', 'aqua-host.writer.ts', 'aqua-host-seed.ts', 'aqua-ids.ts', 'aqua-host-schema.ts'];
/** In the host's repository the package is `qbo-sync`: the only two ways in are its entry and its testing entry. */
const publicImports: ReadonlyArray<[RegExp, string]> = [
  [/'\.\.\/\.\.\/src\/plugin'/g, "'qbo-sync'"],
  [/'\.\.\/\.\.\/src\/testing'/g, "'qbo-sync/testing'"],
  [/'\.\.\/\.\.\/src\/adapters\/knex\/host\/host-schema'/g, "'qbo-sync'"],
];

const run = (cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, [...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });

describe('a host adapter written outside the package passes the exported contract suite (npm pack → the host\'s own Jest)', () => {
  let dir: string;
  let db: TestDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qbo-sync-outside-host-'));
    const packed = packPackage();
    installScratchHost(dir, packed.tarball, {
      knex: repoVersionOf('knex'), mysql2: repoVersionOf('mysql2'), express: repoVersionOf('express'),
      jest: repoVersionOf('jest'), '@types/jest': repoVersionOf('@types/jest'), '@types/node': repoVersionOf('@types/node'), '@types/express': repoVersionOf('@types/express'),
    });
    mkdirSync(join(dir, 'src'));
    for (const file of adapterFiles) {
      let source = readFileSync(join(repo, 'examples/aqua-host', file), 'utf8');
      for (const [from, to] of publicImports) source = source.replace(from, to);
      writeFileSync(join(dir, 'src', file), source);
    }
    writeFileSync(join(dir, 'src', 'aqua-contract.test.cts'), readFileSync(join(__dirname, 'outside-host', 'aqua-contract.test.cts')));
    db = await createTestDatabase();
  }, 600_000);

  afterAll(async () => {
    await db?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports nothing of the package but `qbo-sync` and `qbo-sync/testing`', () => {
    const imports = adapterFiles.flatMap((file) => [...readFileSync(join(dir, 'src', file), 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1]!));
    expect([...new Set(imports.filter((from) => !from.startsWith('./')))].sort()).toEqual(['knex', 'node:crypto', 'qbo-sync', 'qbo-sync/testing']);
  });

  it('compiles under nodenext against the typings the tarball ships (no skipLibCheck) and passes every test of the suite in its own Jest', async () => {
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'ES2022', esModuleInterop: true, types: ['node', 'jest'], outDir: 'out', rootDir: 'src' },
      include: ['src'],
    }));
    expect((await run(dir, [tsc, '-p', 'tsconfig.json'])).output).toBe('');

    writeFileSync(join(dir, 'jest.config.js'), "module.exports = { testEnvironment: 'node', testMatch: ['<rootDir>/out/**/*.test.cjs'], testTimeout: 60000 };\n");
    const url = new URL(mysqlUrl());
    url.pathname = `/${db.name}`;
    const jest = await run(dir, [join(dir, 'node_modules/jest/bin/jest.js'), '--json', '--outputFile=jest-result.json', '--runInBand'], { DATABASE_URL: url.toString() });
    const result = JSON.parse(readFileSync(join(dir, 'jest-result.json'), 'utf8')) as {
      numFailedTests: number; numPassedTests: number; numPendingTests: number;
      testResults: Array<{ assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string }> }>;
    };
    const tests = result.testResults.flatMap((file) => file.assertionResults);
    expect({ failed: result.numFailedTests, pending: result.numPendingTests, code: jest.code }).toEqual({ failed: 0, pending: 0, code: 0 });
    // Every test of the suite but the sales-tax one, which the aqua app (no tax columns) says it cannot hold; the
    // money naming an item (ADR 0077) is the 18th, a read a host binding its own HostDirectory must add; the 19th,
    // several invoices' payments at once (ADR 0078), an optional read the aqua app leaves out (it is read per invoice).
    expect(result.numPassedTests).toBe(19);
    expect(tests.every((test) => test.ancestorTitles.includes('HostDirectory and HostWriter contract: aqua, outside the package'))).toBe(true);
    expect(tests.map((test) => test.title)).toEqual(expect.arrayContaining(['reads a customer with every field, only within its company', 'imports customers and items: new ids in order, readable at once, changed now', 'reads the money naming an item: the invoices with a line on it, and their payments with deleted ones']));
  }, 300_000);
});
