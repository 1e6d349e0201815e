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
      expect(page.items.map(({ id: _id, ...rest }) => rest)).toEqual([3, 2, 1].map((i) => ({ ...entry(i), dismissedAt: null })));
    });

    it('records an entry and gets it back by id, only for its tenant', async () => {
      const recorded = await log.record(entry(4));
      expect(recorded).toEqual({ ...entry(4), id: expect.any(String), dismissedAt: null });
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

    it('searches names, numbers and ids, ignoring case, with LIKE wildcards taken literally, and pages the result', async () => {
      await log.record(entry(1, { message: 'Created invoice BL-1001 for John Smith', hostId: '7', qboId: '130' }));
      await log.record(entry(2, { message: 'Renamed from ‘J Smith’ to ‘John Smith’', hostId: '8', qboId: null }));
      await log.record(entry(3, { message: 'Created customer Zoë Ülker 100%_off', hostId: 'x_1', qboId: null }));
      await log.record({ ...entry(4, { message: 'John Smith elsewhere' }), tenantId: uniqueTenant('other') });
      const hosts = async (search: string, limit = 50, cursor?: string) => (await log.list(tenant, { limit, search, ...(cursor ? { cursor } : {}) })).items.map((e) => e.hostId);
      expect(await hosts('john smith')).toEqual(['8', '7']);
      expect(await hosts('  BL-1001 ')).toEqual(['7']);
      expect(await hosts('130')).toEqual(['7']);
      expect(await hosts('%')).toEqual(['x_1']);
      expect(await hosts('x_')).toEqual(['x_1']);
      expect(await hosts('0!')).toEqual([]);
      expect(await hosts('nobody')).toEqual([]);
      expect(await hosts('')).toEqual(['x_1', '8', '7']);
      const first = await log.list(tenant, { limit: 1, search: 'smith' });
      expect(first.items.map((e) => e.hostId)).toEqual(['8']);
      expect(await hosts('smith', 1, first.nextCursor!)).toEqual(['7']);
    });

    it('keeps only entries of a date range, from inclusive, to exclusive', async () => {
      for (let i = 1; i <= 6; i++) await log.record(entry(i));
      const between = await log.list(tenant, { limit: 50, from: 1_700_000_000_002, to: 1_700_000_000_005 });
      expect(between.items.map((e) => e.hostId)).toEqual(['4', '3', '2']);
      expect((await log.list(tenant, { limit: 50, from: 1_700_000_000_006 })).items.map((e) => e.hostId)).toEqual(['6']);
      expect((await log.list(tenant, { limit: 50, to: 1_700_000_000_002, outcome: 'success' })).items.map((e) => e.hostId)).toEqual(['1']);
    });

    it('dismisses a failure once, for its own tenant only, and keeps it in the log with when', async () => {
      const failure = await log.record(entry(4));
      const success = await log.record(entry(5));
      expect(await log.dismiss(uniqueTenant('other'), failure.id, 1_700_000_100_000)).toBe(false);
      expect(await log.dismiss(tenant, success.id, 1_700_000_100_000)).toBe(false);
      expect(await log.dismiss(tenant, 'not-an-id', 1_700_000_100_000)).toBe(false);
      expect(await log.dismiss(tenant, failure.id, 1_700_000_100_000)).toBe(true);
      expect(await log.dismiss(tenant, failure.id, 1_700_000_200_000)).toBe(false);
      expect(await log.get(tenant, failure.id)).toEqual({ ...failure, dismissedAt: 1_700_000_100_000 });
      expect((await log.list(tenant, { limit: 10, outcome: 'failure' })).items).toEqual([{ ...failure, dismissedAt: 1_700_000_100_000 }]);
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
