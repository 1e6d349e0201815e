import type { InitialSyncJob, JobCounts, JobRecordKind } from '../ports/job-store.port';

/** The running tally of one run of a job, written to the job after every step. */
export class InitialSyncProgress {
  private readonly counts: Record<JobRecordKind, { total: number; done: number; failed: number }> = {
    customer: { total: 0, done: 0, failed: 0 },
    item: { total: 0, done: 0, failed: 0 },
  };

  start(kind: JobRecordKind, total: number, done: number): void {
    this.counts[kind] = { total, done, failed: 0 };
  }

  add(kind: JobRecordKind, done: number, failed: number): void {
    this.counts[kind].done += done;
    this.counts[kind].failed += failed;
  }

  get snapshot(): Pick<InitialSyncJob, 'total' | 'done' | 'failed' | 'byKind'> {
    const byKind: Record<JobRecordKind, JobCounts> = { customer: { ...this.counts.customer }, item: { ...this.counts.item } };
    const sum = (field: keyof JobCounts): number => byKind.customer[field] + byKind.item[field];
    return { total: sum('total'), done: sum('done'), failed: sum('failed'), byKind };
  }
}
