import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { mysqlUrl } from '../support/database';

const script = join(__dirname, '../../scripts/ensure-test-services.js');

/** Runs the pretest script as `npm test` would, with `env` laid over this process's environment. */
const runPretest = (env: Record<string, string>) => {
  const result = spawnSync(process.execPath, [script], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

const writeExecutable = (path: string, text: string): void => {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

describe('the pretest script (npm test on a fresh machine)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qbo-pretest-'));
  });
  afterEach(async () => {
    // Only the MariaDB this test started, by the id in its own pid file.
    const pidFile = join(dir, 'mariadbd.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      process.kill(pid, 'SIGTERM');
      for (let alive = true; alive; await new Promise((resolve) => setTimeout(resolve, 100))) {
        try {
          process.kill(pid, 0);
        } catch {
          alive = false;
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts MariaDB when it is installed but not answering, waits for it, and creates the database MYSQL_URL names', async () => {
    // A private MariaDB on a free port stands in for the machine's own, which other suites are using.
    execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${join(dir, 'data')}`, '--user=root', '--skip-test-db', '--auth-root-authentication-method=normal'], { stdio: 'ignore' });
    const port = await freePort();
    const socket = join(dir, 'run', 'mysqld.sock');
    writeExecutable(join(dir, 'mariadbd'), [
      '#!/bin/sh',
      `if [ "$1" = --print-defaults ]; then echo "--socket=${socket} --user=root"; exit 0; fi`,
      `exec /usr/sbin/mariadbd --no-defaults --datadir=${join(dir, 'data')} --socket=${socket} --port=${port} --bind-address=127.0.0.1 --user=root --pid-file=${join(dir, 'mariadbd.pid')} --skip-log-bin --innodb-buffer-pool-size=16M`,
      '',
    ].join('\n'));
    writeExecutable(join(dir, 'chromium'), '#!/bin/sh\n');
    const url = `mysql://root@127.0.0.1:${port}/qbo_pretest`;

    const run = runPretest({ MYSQL_URL: url, MARIADBD_PATH: join(dir, 'mariadbd'), CHROMIUM_PATH: join(dir, 'chromium') });

    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain(`nothing answers at ${url}; starting MariaDB`);
    const connection = await mysql.createConnection({ uri: url });
    try {
      const [rows] = await connection.query('SELECT DATABASE() AS name');
      expect(rows).toEqual([{ name: 'qbo_pretest' }]);
    } finally {
      await connection.end();
    }
  });

  it("installs Debian's Chromium with apt-get when it is missing and this user may", () => {
    const chromium = join(dir, 'chromium');
    const log = join(dir, 'apt.log');
    writeExecutable(join(dir, 'apt-get'), [
      '#!/bin/sh',
      'echo "$DEBIAN_FRONTEND $*" >> "$APT_LOG"',
      `if [ "$1" = install ]; then echo '#!/bin/sh' > "${chromium}"; /bin/chmod +x "${chromium}"; fi`,
      '',
    ].join('\n'));
    // Where the test does not run as root, the script asks `sudo -n`; this one runs the command as it is.
    writeExecutable(join(dir, 'sudo'), '#!/bin/sh\n[ "$1" = -n ] && shift\n[ "$1" = true ] && exit 0\nexec "$@"\n');

    const run = runPretest({ MYSQL_URL: mysqlUrl(), CHROMIUM_PATH: chromium, PATH: dir, APT_LOG: log });

    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['noninteractive update', 'noninteractive install -y --no-install-recommends chromium']);
    expect(existsSync(chromium)).toBe(true);
  });

  it('stops at once with one message naming exactly what to install when it can neither start nor install', async () => {
    const missing = join(dir, 'missing');
    const port = await freePort();

    const run = runPretest({ MYSQL_URL: `mysql://root@127.0.0.1:${port}/test`, MARIADBD_PATH: join(missing, 'mariadbd'), CHROMIUM_PATH: join(missing, 'chromium'), PATH: dir });

    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'npm test cannot start:',
        `- Nothing answers at mysql://root@127.0.0.1:${port}/test and MariaDB is not installed (no ${missing}/mariadbd). Install it: sudo apt-get install -y mariadb-server (npm test starts it), or set MYSQL_URL to a MySQL 8 or MariaDB >= 10.6 server that answers.`,
        `- The browser suites need Chromium at ${missing}/chromium, which is missing, and this user cannot install it. Install it: sudo apt-get install -y --no-install-recommends chromium, or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
        'Then run npm test again.',
        '',
      ].join('\n'),
    );
  });
});
