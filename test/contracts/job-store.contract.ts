import type { JobStore, PendingBatch } from '../../src/application/ports/job-store.port';
import { uniqueTenant } from './contract-clock';

const batch: PendingBatch = {
  operations: [{ operation: 'create', draft: { entity: 'Customer', fields: { displayName: 'Ann Ode: "quoted" é', givenName: 'Ann', familyName: 'Ode', companyName: null, email: null, phone: null, billAddr: null, active: true } }, requestId: 'qs-cust-cre-1' }],
  targets: [{ kind: 'customer', hostId: '7', fingerprint: 'f1', pushed: { displayName: 'Ann Ode' }, nameChanges: ['replaced ":"'] }],
};

export const describeJobStoreContract = (name: string, makeStore: () => Promise<JobStore>): void => {
  describe(`JobStore contract: ${name}`, () => {
    let store: JobStore;
    let tenant: string;
    beforeEach(async () => {
      store = await makeStore();
      tenant = uniqueTenant('jobs');
    });

    it('starts a running job with no progress, and gives back the running one instead of a second', async () => {
      const first = await store.start(tenant, `${tenant}-a`, 1000);
      expect(first.created).toBe(true);
      expect(first.job).toMatchObject({ id: `${tenant}-a`, tenantId: tenant, state: 'running', total: 0, done: 0, failed: 0, pendingBatch: null, message: null, createdAt: 1000 });
      const again = await store.start(tenant, `${tenant}-b`, 2000);
      expect(again).toMatchObject({ created: false, job: { id: `${tenant}-a` } });
      expect(await store.get(tenant, `${tenant}-b`)).toBeNull();
    });

    it('lets only one of several concurrent starts create the job', async () => {
      const results = await Promise.all([1, 2, 3, 4].map((n) => store.start(tenant, `${tenant}-${n}`, n)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.job.id)).size).toBe(1);
    });

    it('changes only the given fields, keeps the batch exactly, and clears it', async () => {
      const { job } = await store.start(tenant, `${tenant}-a`, 1000);
      expect(await store.update(tenant, job.id, { total: 10, done: 3, byKind: { customer: { total: 6, done: 3, failed: 0 }, item: { total: 4, done: 0, failed: 0 } } }, 1100)).toBe(true);
      expect(await store.update(tenant, job.id, { pendingBatch: batch }, 1200)).toBe(true);
      expect(await store.get(tenant, job.id)).toMatchObject({ total: 10, done: 3, failed: 0, pendingBatch: batch, updatedAt: 1200, byKind: { customer: { total: 6, done: 3, failed: 0 } } });
      await store.update(tenant, job.id, { pendingBatch: null, failed: 1 }, 1300);
      expect(await store.get(tenant, job.id)).toMatchObject({ total: 10, done: 3, failed: 1, pendingBatch: null });
    });

    it('ends a job: no longer running, not changed again, and a new one may start', async () => {
      const { job } = await store.start(tenant, `${tenant}-a`, 1000);
      expect(await store.update(tenant, job.id, { state: 'completed', done: 5 }, 1100)).toBe(true);
      expect(await store.update(tenant, job.id, { done: 6 }, 1200)).toBe(false);
      expect(await store.get(tenant, job.id)).toMatchObject({ state: 'completed', done: 5 });
      expect((await store.running()).map((j) => j.id)).not.toContain(job.id);
      const next = await store.start(tenant, `${tenant}-b`, 1300);
      expect(next.created).toBe(true);
      expect((await store.latest(tenant))?.id).toBe(`${tenant}-b`);
    });

    it('lists running jobs of every tenant and keeps tenants apart', async () => {
      const other = uniqueTenant('other');
      await store.start(tenant, `${tenant}-a`, 1);
      await store.start(other, `${other}-a`, 2);
      const running = (await store.running()).map((j) => j.id);
      expect(running).toEqual(expect.arrayContaining([`${tenant}-a`, `${other}-a`]));
      expect(await store.get(other, `${tenant}-a`)).toBeNull();
      expect(await store.update(other, `${tenant}-a`, { done: 9 }, 3)).toBe(false);
      expect((await store.latest(uniqueTenant('none')))).toBeNull();
    });

    it('keeps written-down units exactly, in order, per job and tenant, until each is forgotten', async () => {
      const { job } = await store.start(tenant, `${tenant}-a`, 1);
      const other = uniqueTenant('other');
      const single = { ...batch, operations: [{ ...batch.operations[0]!, requestId: 'qs-cust-cre-2' }] };
      expect(await store.writeDown(tenant, job.id, { id: 'u1', mode: 'batch', batch })).toBe(true);
      expect(await store.writeDown(tenant, job.id, { id: 'u2', mode: 'singles', batch: single })).toBe(true);
      expect(await store.pendingSends(tenant, job.id)).toEqual([{ id: 'u1', mode: 'batch', batch }, { id: 'u2', mode: 'singles', batch: single }]);
      expect(await store.pendingSends(other, job.id)).toEqual([]);
      await store.forgetSend(other, job.id, 'u1');
      await store.forgetSend(tenant, job.id, 'u1');
      await store.forgetSend(tenant, job.id, 'unknown');
      expect((await store.pendingSends(tenant, job.id)).map((send) => send.id)).toEqual(['u2']);
    });

    it('writes nothing down for a job that is not running', async () => {
      const { job } = await store.start(tenant, `${tenant}-a`, 1);
      await store.update(tenant, job.id, { state: 'failed' }, 2);
      expect(await store.writeDown(tenant, job.id, { id: 'u1', mode: 'batch', batch })).toBe(false);
      expect(await store.writeDown(tenant, 'no-such-job', { id: 'u1', mode: 'batch', batch })).toBe(false);
      expect(await store.pendingSends(tenant, job.id)).toEqual([]);
    });
  });
};
