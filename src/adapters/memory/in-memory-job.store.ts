import { emptyJobCounts, type InitialSyncJob, type JobChanges, type JobStore, type PendingSend } from '../../application/ports/job-store.port';

/** Stored as copies (the knex store keeps JSON), so a caller mutating an object later changes nothing here. */
const copy = (job: InitialSyncJob): InitialSyncJob => structuredClone(job);

export class InMemoryJobStore implements JobStore {
  private readonly jobs: InitialSyncJob[] = [];
  private readonly sends = new Map<string, PendingSend[]>();

  async start(tenantId: string, id: string, now: number): Promise<{ job: InitialSyncJob; created: boolean }> {
    const running = this.jobs.find((job) => job.tenantId === tenantId && job.state === 'running');
    if (running) return { job: copy(running), created: false };
    const job: InitialSyncJob = { id, tenantId, state: 'running', total: 0, done: 0, failed: 0, byKind: emptyJobCounts, message: null, pendingBatch: null, createdAt: now, updatedAt: now };
    this.jobs.push(job);
    return { job: copy(job), created: true };
  }

  async get(tenantId: string, id: string): Promise<InitialSyncJob | null> {
    const job = this.jobs.find((candidate) => candidate.tenantId === tenantId && candidate.id === id);
    return job ? copy(job) : null;
  }

  async latest(tenantId: string): Promise<InitialSyncJob | null> {
    const mine = this.jobs.filter((job) => job.tenantId === tenantId);
    return mine.length === 0 ? null : copy(mine[mine.length - 1]!);
  }

  async running(): Promise<readonly InitialSyncJob[]> {
    return this.jobs.filter((job) => job.state === 'running').map(copy);
  }

  async update(tenantId: string, id: string, changes: JobChanges, now: number): Promise<boolean> {
    const index = this.jobs.findIndex((job) => job.tenantId === tenantId && job.id === id && job.state === 'running');
    if (index < 0) return false;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    this.jobs[index] = structuredClone({ ...this.jobs[index]!, ...defined, updatedAt: now });
    return true;
  }

  async writeDown(tenantId: string, jobId: string, send: PendingSend): Promise<boolean> {
    if (!this.jobs.some((job) => job.tenantId === tenantId && job.id === jobId && job.state === 'running')) return false;
    const key = `${tenantId}\u0000${jobId}`;
    const list = (this.sends.get(key) ?? []).filter((existing) => existing.id !== send.id);
    this.sends.set(key, [...list, structuredClone(send)]);
    return true;
  }

  async forgetSend(tenantId: string, jobId: string, sendId: string): Promise<void> {
    const key = `${tenantId}\u0000${jobId}`;
    this.sends.set(key, (this.sends.get(key) ?? []).filter((send) => send.id !== sendId));
  }

  async pendingSends(tenantId: string, jobId: string): Promise<readonly PendingSend[]> {
    return structuredClone(this.sends.get(`${tenantId}\u0000${jobId}`) ?? []);
  }
}
