import type { Request, Response } from 'express';
import type { OutboxStats, OutboxStore } from '../application/ports/outbox-store.port';
import { checkPluginDatabase } from '../adapters/knex/plugin-database.check';
import type { WorkerHeartbeat } from '../adapters/worker/delivery-worker';
import type { Knex } from 'knex';

/** What `plugin.health()` and the readiness handler answer: counts and times only, never a tenant or a record. */
export interface PluginHealth {
  /** `ok` when the database answers, its tables are current and the worker (where enabled) is alive. */
  readonly status: 'ok' | 'failing';
  readonly checkedAt: string;
  readonly database: { readonly ok: boolean; readonly latencyMs: number | null; readonly error: string | null };
  readonly migrations: { readonly ok: boolean; readonly pending: readonly string[] | null };
  readonly worker: { readonly ok: boolean; readonly enabled: boolean; readonly running: boolean; readonly lastRoundAt: string | null; readonly lastRoundAgeMs: number | null };
  /** Every tenant's changes together; null when the database could not be asked. */
  readonly outbox: { readonly pending: number; readonly failing: number; readonly failed: number; readonly oldestPendingAgeMs: number } | null;
}

export interface HealthParts {
  readonly knex: Knex;
  readonly tablePrefix: string;
  readonly outbox: OutboxStore;
  readonly worker: { readonly enabled: boolean; heartbeat(): WorkerHeartbeat; readonly staleAfterMs: number };
  readonly now: () => number;
}

/** A probe's answer must come quickly even when the database hangs. */
const checkTimeoutMs = 5_000;

export const checkHealth = async (parts: HealthParts): Promise<PluginHealth> => {
  const now = parts.now();
  const database = await checkPluginDatabase(parts.knex, parts.tablePrefix, checkTimeoutMs, parts.now);
  const backlog = database.reachable ? await parts.outbox.backlog(now).catch((): OutboxStats | null => null) : null;
  const beat = parts.worker.heartbeat();
  const since = beat.lastRoundAt ?? beat.startedAt;
  const workerOk = !parts.worker.enabled || (beat.running && since !== null && now - since <= parts.worker.staleAfterMs);
  const migrationsOk = database.pendingMigrations !== null && database.pendingMigrations.length === 0;
  return {
    status: database.reachable && migrationsOk && workerOk ? 'ok' : 'failing',
    checkedAt: new Date(now).toISOString(),
    database: { ok: database.reachable, latencyMs: database.latencyMs, error: database.error },
    migrations: { ok: migrationsOk, pending: database.pendingMigrations },
    worker: {
      ok: workerOk,
      enabled: parts.worker.enabled,
      running: beat.running,
      lastRoundAt: beat.lastRoundAt === null ? null : new Date(beat.lastRoundAt).toISOString(),
      lastRoundAgeMs: beat.lastRoundAt === null ? null : Math.max(0, now - beat.lastRoundAt),
    },
    outbox: backlog && { pending: backlog.pending, failing: backlog.failing, failed: backlog.failed, oldestPendingAgeMs: backlog.oldestAgeMs },
  };
};

/** An Express handler for the host's readiness probe: 200 with the health when `ok`, else 503; no auth, no tenant. */
export const readinessHandler = (health: () => Promise<PluginHealth>) => async (_req: Request, res: Response): Promise<void> => {
  try {
    const answer = await health();
    res.status(answer.status === 'ok' ? 200 : 503).set('Cache-Control', 'no-store').json(answer);
  } catch {
    res.status(503).set('Cache-Control', 'no-store').json({ status: 'failing' });
  }
};
