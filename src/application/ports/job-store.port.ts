import type { QboBatchOperation } from './qbo-gateway.port';

export type JobState = 'running' | 'completed' | 'failed';
export type JobRecordKind = 'customer' | 'item';

export interface JobCounts {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
}

/** Which host record one operation of a pending batch is for, and what its link will say once QBO answers. */
export interface BatchTarget {
  readonly kind: JobRecordKind;
  readonly hostId: string;
  readonly fingerprint: string;
  readonly pushed: Readonly<Record<string, unknown>>;
  /** What `acceptableQboName` changed in the name, in plain words (empty when nothing). */
  readonly nameChanges: readonly string[];
}

/**
 * A batch written down before it is sent: after a crash it is sent again exactly as it was (same operations, so the
 * same requestid, so QBO replays its answer instead of creating a second copy), and the links come from that answer.
 */
export interface PendingBatch {
  readonly operations: readonly QboBatchOperation[];
  readonly targets: readonly BatchTarget[];
}

/**
 * One unit of the initial sync in flight, written down before it is sent (several may be in flight at once): a QBO
 * batch, or single creates sent side by side (`singles`). After a crash it is sent again the same way, with the same
 * requestids, so QBO replays its answers instead of creating second copies.
 */
export interface PendingSend {
  readonly id: string;
  readonly mode: 'batch' | 'singles';
  readonly batch: PendingBatch;
}

export interface InitialSyncJob {
  readonly id: string;
  readonly tenantId: string;
  readonly state: JobState;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly byKind: Readonly<Record<JobRecordKind, JobCounts>>;
  /** Plain words: why a job failed or was stopped. */
  readonly message: string | null;
  readonly pendingBatch: PendingBatch | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type JobChanges = Partial<Pick<InitialSyncJob, 'state' | 'total' | 'done' | 'failed' | 'byKind' | 'message' | 'pendingBatch'>>;

export const emptyJobCounts: Readonly<Record<JobRecordKind, JobCounts>> = {
  customer: { total: 0, done: 0, failed: 0 },
  item: { total: 0, done: 0, failed: 0 },
};

/** The initial-sync jobs: at most one running per tenant, progress and the batch in flight persisted. */
export const JobStore = Symbol('qbo-sync.JobStore');
export interface JobStore {
  /** Starts a job with `id`, or returns the tenant's job already running (`created: false`). */
  start(tenantId: string, id: string, now: number): Promise<{ readonly job: InitialSyncJob; readonly created: boolean }>;
  get(tenantId: string, id: string): Promise<InitialSyncJob | null>;
  /** The tenant's most recent job. */
  latest(tenantId: string): Promise<InitialSyncJob | null>;
  /** Every running job of every tenant (to resume them after a restart). */
  running(): Promise<readonly InitialSyncJob[]>;
  /** Changes only the given fields in one write; a job that is no longer running is not changed (false). */
  update(tenantId: string, id: string, changes: JobChanges, now: number): Promise<boolean>;
  /** Writes a unit down before it is sent; false (nothing stored) when the job is no longer running. */
  writeDown(tenantId: string, jobId: string, send: PendingSend): Promise<boolean>;
  /** Forgets a unit once its answers are stored (no-op when unknown). */
  forgetSend(tenantId: string, jobId: string, sendId: string): Promise<void>;
  /** The units written down and not yet forgotten, in the order they were written. */
  pendingSends(tenantId: string, jobId: string): Promise<readonly PendingSend[]>;
}
