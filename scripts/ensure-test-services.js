#!/usr/bin/env node
// `npm test` runs this first (pretest), so a fresh machine needs nothing else: it starts MariaDB when it is
// installed but not answering, installs Debian's Chromium when it is missing and this user may, puts the SQLite
// driver this Node needs in place, and otherwise stops at once with one message saying exactly what to install.
// Plain JavaScript: it runs before anything is compiled.
const { spawnSync } = require('node:child_process');
const { accessSync, constants, existsSync } = require('node:fs');
const { delimiter, dirname, join } = require('node:path');

const root = join(__dirname, '..');

const mysqlUrl = process.env.MYSQL_URL || 'mysql://root@127.0.0.1:3306/test';
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const mariadbdPath = process.env.MARIADBD_PATH || '/usr/sbin/mariadbd';
const startWaitMs = Number(process.env.MARIADB_START_WAIT_MS || 60_000);

const shownUrl = (() => {
  const url = new URL(mysqlUrl);
  if (url.password) url.password = '***';
  return url.toString();
})();

const isExecutable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const onPath = (name) => (process.env.PATH || '').split(delimiter).filter(Boolean).map((dir) => join(dir, name)).find(isExecutable);

/** How to run a command as root: directly when we are root, through `sudo -n` when it needs no password, else null. */
const rootPrefix = (() => {
  if (process.getuid && process.getuid() === 0) return [];
  const sudo = onPath('sudo');
  if (sudo && spawnSync(sudo, ['-n', 'true'], { stdio: 'ignore' }).status === 0) return [sudo, '-n'];
  return null;
})();

const runAsRoot = (command, args, options = {}) => {
  const [program, ...rest] = [...rootPrefix, command, ...args];
  return spawnSync(program, rest, { stdio: 'inherit', ...options });
};

/** 'ok', 'down' (nothing answers) or a sentence saying what is wrong with the server that answered. */
const probeDatabase = async () => {
  const mysql = require('mysql2/promise');
  let connection;
  try {
    connection = await mysql.createConnection({ uri: mysqlUrl, connectTimeout: 3000 });
    await connection.query('SELECT 1');
    return 'ok';
  } catch (error) {
    if (error.code === 'ER_BAD_DB_ERROR') return createDefaultDatabase(mysql);
    if (['ER_ACCESS_DENIED_ERROR', 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR', 'ER_DBACCESS_DENIED_ERROR'].includes(error.code)) {
      return `MariaDB at ${shownUrl} refused the login (${error.message}). Set MYSQL_URL to a user that may create databases, or let root in over TCP without a password: sudo mariadb -e "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('')"`;
    }
    return 'down';
  } finally {
    await connection?.end().catch(() => undefined);
  }
};

/** The URL's database (each test file makes its own beside it) is created when the server lacks it. */
const createDefaultDatabase = async (mysql) => {
  const url = new URL(mysqlUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/';
  const connection = await mysql.createConnection({ uri: url.toString(), connectTimeout: 3000 });
  try {
    await connection.query('CREATE DATABASE IF NOT EXISTS ??', [name]);
    return 'ok';
  } finally {
    await connection.end();
  }
};

const isLocal = () => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(mysqlUrl).hostname);

/** mariadbd's own defaults name its socket and user; the socket's directory lives in /run, which a fresh boot lacks. */
const makeSocketDirectory = () => {
  const printed = spawnSync(mariadbdPath, ['--print-defaults'], { encoding: 'utf8' }).stdout || '';
  const socket = /--socket=(\S+)/.exec(printed)?.[1];
  const user = /--user=(\S+)/.exec(printed)?.[1] || 'mysql';
  if (socket && !existsSync(dirname(socket))) runAsRoot(onPath('install') || 'install', ['-d', '-o', user, '-g', user, dirname(socket)]);
};

const ensureDatabase = async () => {
  const probe = await probeDatabase();
  if (probe === 'ok') return null;
  if (probe !== 'down') return probe;
  const otherwise = `or set MYSQL_URL to a MySQL 8 or MariaDB >= 10.6 server that answers`;
  if (!isLocal()) return `Nothing answers at ${shownUrl}. Start that server, ${otherwise}.`;
  if (!isExecutable(mariadbdPath)) {
    return `Nothing answers at ${shownUrl} and MariaDB is not installed (no ${mariadbdPath}). Install it: sudo apt-get install -y mariadb-server (npm test starts it), ${otherwise}.`;
  }
  const startStopDaemon = onPath('start-stop-daemon');
  if (rootPrefix === null || !startStopDaemon) {
    return `MariaDB is installed but not running, and this user cannot start it. Start it: sudo service mariadb start, ${otherwise}.`;
  }
  console.log(`pretest: nothing answers at ${shownUrl}; starting MariaDB (${mariadbdPath}).`);
  makeSocketDirectory();
  runAsRoot(startStopDaemon, ['--start', '--oknodo', '--background', '--exec', mariadbdPath]);
  for (const deadline = Date.now() + startWaitMs; Date.now() < deadline; ) {
    const again = await probeDatabase();
    if (again === 'ok') return null;
    if (again !== 'down') return again;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return `MariaDB was started but nothing answers at ${shownUrl} after ${startWaitMs / 1000} s. Run ${mariadbdPath} by hand to see why it stops, ${otherwise}.`;
};

const ensureChromium = () => {
  if (isExecutable(chromiumPath)) return null;
  const install = 'sudo apt-get install -y --no-install-recommends chromium';
  const apt = onPath('apt-get');
  if (apt && rootPrefix !== null) {
    console.log(`pretest: the browser suites need Chromium at ${chromiumPath}; installing Debian's (apt-get).`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    runAsRoot(apt, ['update'], { env });
    runAsRoot(apt, ['install', '-y', '--no-install-recommends', 'chromium'], { env });
    if (isExecutable(chromiumPath)) return null;
    return `The browser suites need Chromium at ${chromiumPath}; apt-get did not install it there (see its output above). Install it: ${install}, or set CHROMIUM_PATH to a Chromium or Chrome binary.`;
  }
  return `The browser suites need Chromium at ${chromiumPath}, which is missing, and this user cannot install it. Install it: ${install}, or set CHROMIUM_PATH to a Chromium or Chrome binary.`;
};

/**
 * better-sqlite3 (the demo's and the tests' SQLite) 12.x aborts the process on Node 24, whose object wraps it does not
 * follow (WiseLibs/better-sqlite3#1515); 13.x fixes it but needs Node 22. The lock holds 12.x for Node 20, so on
 * Node 24 this puts 13.x in node_modules (it ships its binaries: nothing to compile) without touching the lock.
 */
const ensureSqliteDriver = () => {
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  const installed = () => JSON.parse(spawnSync(process.execPath, ['-p', 'JSON.stringify(require("better-sqlite3/package.json").version)'], { cwd: root, encoding: 'utf8' }).stdout || 'null');
  const version = installed();
  if (version === null) return 'better-sqlite3 is not installed (the demo and the tests use it). Install the dependencies: npm install.';
  const driverMajor = Number(version.split('.')[0]);
  if (nodeMajor < 22 && driverMajor >= 13) return `better-sqlite3 ${version} needs Node 22 or later, and this is Node ${process.versions.node}. Put back the locked version: npm ci.`;
  if (nodeMajor < 24 || driverMajor >= 13) return null;
  console.log(`pretest: better-sqlite3 ${version} aborts on Node ${process.versions.node}; installing the 13.x line for this run (npm install --no-save).`);
  spawnSync(onPath('npm') || 'npm', ['install', '--no-save', '--no-audit', '--no-fund', 'better-sqlite3@13'], { cwd: root, stdio: 'inherit' });
  const now = installed();
  if (now !== null && Number(now.split('.')[0]) >= 13) return null;
  return `better-sqlite3 ${version} aborts on Node ${process.versions.node} and 13.x could not be installed (see npm's output above). Install it: npm install --no-save better-sqlite3@13, or run the tests on Node 20 or 22.`;
};

const main = async () => {
  const problems = [await ensureDatabase(), ensureChromium(), ensureSqliteDriver()].filter(Boolean);
  if (problems.length === 0) return;
  console.error(`npm test cannot start:\n${problems.map((problem) => `- ${problem}`).join('\n')}\nThen run npm test again.`);
  process.exitCode = 1;
};

main().catch((error) => {
  console.error(`npm test cannot start: checking its services failed (${error.message}).`);
  process.exitCode = 1;
});
