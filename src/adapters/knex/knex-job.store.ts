import type { Knex } from 'knex';
import { emptyJobCounts, type InitialSyncJob, type JobChanges, type JobState, type JobStore, type PendingSend } from '../../application/ports/job-store.port';
import { jobSendsTable } from './job-tables';
import { isUniqueViolation } from './knex-dialect';
import { pluginTables } from './plugin-tables';

interface JobRow {
  id: string;
  tenant_id: string;
  state: string;
  total: number | string;
  done: number | string;
  failed: number | string;
  by_kind: string;
  message: string | null;
  pending_batch: string | null;
  created_at: number | string;
  updated_at: number | string;
}

const fromRow = (row: JobRow): InitialSyncJob => ({
  id: row.id,
  tenantId: row.tenant_id,
  state: row.state as JobState,
  total: Number(row.total),
  done: Number(row.done),
  failed: Number(row.failed),
  byKind: JSON.parse(row.by_kind) as InitialSyncJob['byKind'],
  message: row.message,
  pendingBatch: row.pending_batch === null ? null : (JSON.parse(row.pending_batch) as InitialSyncJob['pendingBatch']),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

const toColumns = (changes: JobChanges): Record<string, unknown> => {
  const columns: Record<string, unknown> = {};
  if (changes.state !== undefined) {
    columns['state'] = changes.state;
    columns['running_key'] = null; // set again below when still running
  }
  if (changes.total !== undefined) columns['total'] = changes.total;
  if (changes.done !== undefined) columns['done'] = changes.done;
  if (changes.failed !== undefined) columns['failed'] = changes.failed;
  if (changes.byKind !== undefined) columns['by_kind'] = JSON.stringify(changes.byKind);
  if (changes.message !== undefined) columns['message'] = changes.message;
  if (changes.pendingBatch !== undefined) columns['pending_batch'] = changes.pendingBatch === null ? null : JSON.stringify(changes.pendingBatch);
  return columns;
};

export class KnexJobStore implements JobStore {
  private readonly table: string;
  private readonly sends: string;

  constructor(private readonly knex: Knex, prefix: string) {
    this.table = pluginTables(prefix).jobs;
    this.sends = jobSendsTable(prefix);
  }

  async start(tenantId: string, id: string, now: number): Promise<{ job: InitialSyncJob; created: boolean }> {
    try {
      await this.knex(this.table).insert({
        id, tenant_id: tenantId, running_key: tenantId, state: 'running', total: 0, done: 0, failed: 0,
        by_kind: JSON.stringify(emptyJobCounts), message: null, pending_batch: null, created_at: now, updated_at: now,
      });
      return { job: (await this.get(tenantId, id))!, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const row: JobRow | undefined = await this.knex(this.table).where({ running_key: tenantId }).first();
      if (!row) throw error;
      return { job: fromRow(row), created: false };
    }
  }

  async get(tenantId: string, id: string): Promise<InitialSyncJob | null> {
    const row: JobRow | undefined = await this.knex(this.table).where({ tenant_id: tenantId, id }).first();
    return row ? fromRow(row) : null;
  }

  async latest(tenantId: string): Promise<InitialSyncJob | null> {
    const row: JobRow | undefined = await this.knex(this.table).where({ tenant_id: tenantId }).orderBy('seq', 'desc').first();
    return row ? fromRow(row) : null;
  }

  async running(): Promise<readonly InitialSyncJob[]> {
    const rows: JobRow[] = await this.knex(this.table).whereNotNull('running_key').orderBy('seq');
    return rows.map(fromRow);
  }

  async update(tenantId: string, id: string, changes: JobChanges, now: number): Promise<boolean> {
    const columns = toColumns(changes);
    if (changes.state === 'running') columns['running_key'] = tenantId;
    const updated = await this.knex(this.table).where({ tenant_id: tenantId, id, state: 'running' }).update({ ...columns, updated_at: now });
    return updated === 1;
  }

  async writeDown(tenantId: string, jobId: string, send: PendingSend): Promise<boolean> {
    // Inserted only while the job runs (one statement): a stopped job gets no new unit.
    const inserted = await this.knex.raw(
      'insert into ?? (tenant_id, job_id, send_id, mode, body) select ?, ?, ?, ?, ? from ?? where tenant_id = ? and id = ? and state = ?',
      [this.sends, tenantId, jobId, send.id, send.mode, JSON.stringify(send.batch), this.table, tenantId, jobId, 'running'],
    );
    return affectedRows(inserted) === 1;
  }

  async forgetSend(tenantId: string, jobId: string, sendId: string): Promise<void> {
    await this.knex(this.sends).where({ tenant_id: tenantId, job_id: jobId, send_id: sendId }).delete();
  }

  async pendingSends(tenantId: string, jobId: string): Promise<readonly PendingSend[]> {
    const rows: { send_id: string; mode: string; body: string }[] = await this.knex(this.sends).where({ tenant_id: tenantId, job_id: jobId }).orderBy('seq');
    return rows.map((row) => ({ id: row.send_id, mode: row.mode as PendingSend['mode'], batch: JSON.parse(row.body) as PendingSend['batch'] }));
  }
}

/** Rows inserted by a raw statement: mysql2 answers `[{ affectedRows }]`, better-sqlite3 `{ changes }`. */
const affectedRows = (result: unknown): number => {
  const first = Array.isArray(result) ? (result[0] as { affectedRows?: number }) : (result as { changes?: number; affectedRows?: number });
  return Number((first as { affectedRows?: number }).affectedRows ?? (first as { changes?: number }).changes ?? 0);
};
