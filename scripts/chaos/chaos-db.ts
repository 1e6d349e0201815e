import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import mysql from 'mysql2/promise';

/** A free TCP port on 127.0.0.1, for the run's own MariaDB. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The chaos run's own MariaDB (never the shared one): installed in a temp directory, on its own port and socket, so
 * the run may SIGKILL it and start it again on the same data directory (InnoDB recovers what was committed).
 */
export class ChaosDatabase {
  private process: ChildProcess | null = null;
  readonly url: string;

  private constructor(private readonly dir: string, readonly port: number) {
    this.url = `mysql://root@127.0.0.1:${port}/chaos`;
  }

  static async install(dir: string): Promise<ChaosDatabase> {
    mkdirSync(join(dir, 'run'), { recursive: true });
    execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${join(dir, 'data')}`, '--user=root', '--skip-test-db', '--auth-root-authentication-method=normal'], { stdio: 'ignore' });
    const db = new ChaosDatabase(dir, await freePort());
    await db.start();
    const admin = await mysql.createConnection({ host: '127.0.0.1', port: db.port, user: 'root' });
    await admin.query('CREATE DATABASE chaos CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await admin.end();
    return db;
  }

  get running(): boolean {
    return this.process !== null;
  }

  async start(): Promise<void> {
    const child = spawn('/usr/sbin/mariadbd', [
      '--no-defaults', `--datadir=${join(this.dir, 'data')}`, `--socket=${join(this.dir, 'run', 'mysqld.sock')}`, `--port=${this.port}`,
      '--bind-address=127.0.0.1', '--user=root', `--pid-file=${join(this.dir, 'mariadbd.pid')}`, '--skip-log-bin',
      '--innodb-buffer-pool-size=64M', '--max-connections=400',
    ], { stdio: 'ignore' });
    this.process = child;
    child.on('exit', () => {
      if (this.process === child) this.process = null;
    });
    for (let attempt = 0; attempt < 300; attempt += 1) {
      try {
        const probe = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root', connectTimeout: 500 });
        await probe.end();
        return;
      } catch {
        if (this.process !== child) throw new Error('mariadbd exited while starting');
        await sleep(100);
      }
    }
    throw new Error('mariadbd did not answer within 30 s');
  }

  /** SIGKILL: no shutdown, no flush — a crash. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
