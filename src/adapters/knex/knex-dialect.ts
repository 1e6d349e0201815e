import type { Knex } from 'knex';

/** MySQL and MariaDB (mysql or mysql2 client) have row locks; SQLite serialises writers instead. */
export const isMysql = (knex: Knex): boolean => {
  const client = String(knex.client.config.client ?? '');
  return client === 'mysql' || client === 'mysql2';
};

const transientCodes = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const transientErrnos = new Set([1213, 1205]);

const isTransientLockError = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return (typeof code === 'string' && transientCodes.has(code)) || (typeof errno === 'number' && transientErrnos.has(errno));
};

export const isUniqueViolation = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { code } = error as { code?: unknown };
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a whole transaction again when InnoDB chose it as a deadlock victim or a lock wait timed out:
 * both are normal on a busy server (reliability.md §2.4). Other errors, and the last failure, propagate.
 */
export const retryOnLockConflict = async <T>(work: () => Promise<T>, attempts = 5): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientLockError(error)) throw error;
      await sleep(10 * attempt + Math.random() * 40);
    }
  }
};
