import type { Knex } from 'knex';
import { pendingPluginMigrations } from './plugin-migrations';

export interface PluginDatabaseCheck {
  /** The database answered a trivial query in time. */
  readonly reachable: boolean;
  readonly latencyMs: number | null;
  /** The driver's error code (`ECONNREFUSED`, `ER_ACCESS_DENIED_ERROR`, `timeout`) when it did not; never a message that could carry credentials. */
  readonly error: string | null;
  /** Migrations the plugin's `migrate()` has yet to run (null when the database could not be asked). */
  readonly pendingMigrations: readonly string[] | null;
}

/** Whether the plugin's database answers and its tables are current; bounded by `timeoutMs`, it never throws. */
export const checkPluginDatabase = async (knex: Knex, prefix: string, timeoutMs: number, now: () => number): Promise<PluginDatabaseCheck> => {
  const started = now();
  try {
    const pending = await withTimeout(
      (async () => {
        await knex.raw('select 1');
        return pendingPluginMigrations(knex, prefix);
      })(),
      timeoutMs,
    );
    return { reachable: true, latencyMs: now() - started, error: null, pendingMigrations: pending };
  } catch (error) {
    return { reachable: false, latencyMs: null, error: codeOf(error), pendingMigrations: null };
  }
};

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'timeout' })), ms);
    timer.unref();
  });
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
};

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(code)) return code;
  return error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : 'error';
};
