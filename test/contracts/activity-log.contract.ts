import type { ActivityEntryInput, ActivityLog } from '../../src/application/ports/activity-log.port';
import { uniqueTenant } from './contract-clock';

export const describeActivityLogContract = (name: string, makeLog: () => Promise<ActivityLog>): void => {
  describe(`ActivityLog contract: ${name}`, () => {
    let log: ActivityLog;
    let tenant: string;
    const entry = (i: number, overrides: Partial<ActivityEntryInput> = {}): ActivityEntryInput => ({
      tenantId: tenant,
      at: 1_700_000_000_000 + i,
      action: 'create',
      kind: i % 2 ? 'customer' : 'item',
      hostId: String(i),
      qboId: i % 3 ? `q${i}` : null,
      outcome: i % 4 === 0 ? 'failure' : 'success',
      message: `entry ${i}: “quotes”, émoji 🧪`,
      outboxId: i % 4 === 0 ? String(1000 + i) : null,
      ...overrides,
    });
    beforeEach(async () => {
      log = await makeLog();
      tenant = uniqueTenant('activity');
    });

    it('records several entries at once, the last one newest', async () => {
      await log.recordMany([entry(1), entry(2), entry(3)]);
      await log.recordMany([]);
      const page = await log.list(tenant, { limit: 10 });
      expect(page.items.map(({ id: _id, ...rest }) => rest)).toEqual([entry(3), entry(2), entry(1)]);
    });

    it('records an entry and gets it back by id, only for its tenant', async () => {
      const recorded = await log.record(entry(4));
      expect(recorded).toEqual({ ...entry(4), id: expect.any(String) });
      expect(await log.get(tenant, recorded.id)).toEqual(recorded);
      expect(await log.get(uniqueTenant('other'), recorded.id)).toBeNull();
      expect(await log.get(tenant, 'not-an-id')).toBeNull();
    });

    it('pages newest first without gaps or repeats', async () => {
      for (let i = 1; i <= 25; i++) await log.record(entry(i));
      await log.record({ ...entry(99), tenantId: uniqueTenant('other') });
      const seen: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await log.list(tenant, { limit: 10, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((e) => e.hostId!));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => String(25 - i)));
    });

    it('filters by kind and outcome', async () => {
      for (let i = 1; i <= 12; i++) await log.record(entry(i));
      const failures = await log.list(tenant, { limit: 50, outcome: 'failure' });
      expect(failures.items.map((e) => e.hostId)).toEqual(['12', '8', '4']);
      const items = await log.list(tenant, { limit: 2, kind: 'item', outcome: 'success' });
      expect(items.items.map((e) => e.hostId)).toEqual(['10', '6']);
      const next = await log.list(tenant, { limit: 2, kind: 'item', outcome: 'success', cursor: items.nextCursor! });
      expect(next).toEqual({ items: [expect.objectContaining({ hostId: '2' })], nextCursor: null });
    });

    it('bounds the page size to 1..200', async () => {
      for (let i = 1; i <= 205; i++) await log.record(entry(i, { kind: null, hostId: null }));
      expect((await log.list(tenant, { limit: 10_000 })).items).toHaveLength(200);
      expect((await log.list(tenant, { limit: 0 })).items).toHaveLength(1);
      expect((await log.list(tenant, { limit: -5 })).items).toHaveLength(1);
    });

    it('refuses a cursor it never handed out, with a clear error', async () => {
      await expect(log.list(tenant, { limit: 10, cursor: "1' OR 1=1" })).rejects.toThrow(/cursor/);
    });
  });
};
