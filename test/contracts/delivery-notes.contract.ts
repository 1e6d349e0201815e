import type { SweepMarkStore } from '../../src/application/ports/sweep-mark-store.port';
import type { WriteJournal } from '../../src/application/ports/write-journal.port';
import { uniqueTenant } from './contract-clock';

export const describeWriteJournalContract = (name: string, make: () => Promise<WriteJournal>): void => {
  describe(`WriteJournal contract: ${name}`, () => {
    it('remembers a pending create per record until it ends, the latest note winning', async () => {
      const journal = await make();
      const tenant = uniqueTenant('journal');
      expect(await journal.get(tenant, 'customer', '1')).toBeNull();
      await journal.begin({ tenantId: tenant, kind: 'customer', hostId: '1', entity: 'Customer', lookup: 'Maria Lopez', at: 10 });
      await journal.begin({ tenantId: tenant, kind: 'customer', hostId: '1', entity: 'Customer', lookup: 'Maria Lopez (2)', at: 20 });
      await journal.begin({ tenantId: tenant, kind: 'payment', hostId: '1', entity: 'Payment', lookup: 'qbo-sync:t:payment:1', at: 30 });
      expect(await journal.get(tenant, 'customer', '1')).toEqual({ tenantId: tenant, kind: 'customer', hostId: '1', entity: 'Customer', lookup: 'Maria Lopez (2)', at: 20 });
      expect(await journal.get(uniqueTenant('journal'), 'customer', '1')).toBeNull();
      expect((await journal.withLookup(tenant, 'Customer', 'Maria Lopez (2)')).map((n) => n.hostId)).toEqual(['1']);
      expect(await journal.withLookup(tenant, 'Customer', 'Maria Lopez')).toEqual([]);
      await journal.end(tenant, 'customer', '1');
      expect(await journal.get(tenant, 'customer', '1')).toBeNull();
      expect((await journal.get(tenant, 'payment', '1'))?.lookup).toBe('qbo-sync:t:payment:1');
    });

    it('notes, finds and ends the writes of a whole batch at once', async () => {
      const journal = await make();
      const tenant = uniqueTenant('journal');
      const note = (hostId: string, lookup: string) => ({ tenantId: tenant, kind: 'item' as const, hostId, entity: 'Item' as const, lookup, at: 5 });
      await journal.begin(note('2', 'old'));
      await journal.beginMany([note('1', 'Salt'), note('2', 'Chlorine'), note('3', 'Soda')]);
      await journal.beginMany([]);
      const found = await journal.getMany(tenant, 'item', ['1', '2', '4']);
      expect([...found.keys()].sort()).toEqual(['1', '2']);
      expect(found.get('2')).toEqual(note('2', 'Chlorine'));
      expect((await journal.getMany(tenant, 'customer', ['1'])).size).toBe(0);
      await journal.endMany(tenant, 'item', ['1', '2']);
      await journal.endMany(tenant, 'item', []);
      expect([...(await journal.getMany(tenant, 'item', ['1', '2', '3'])).keys()]).toEqual(['3']);
    });

    it('lists a tenant\'s notes begun before a time, oldest first, up to a limit', async () => {
      const journal = await make();
      const [tenant, other] = [uniqueTenant('journal'), uniqueTenant('journal')];
      const note = (tenantId: string, kind: 'item' | 'payment', hostId: string, at: number) => ({ tenantId, kind, hostId, entity: kind === 'item' ? ('Item' as const) : ('Payment' as const), lookup: `${kind}-${hostId}`, at });
      await journal.beginMany([note(tenant, 'item', 'qbo-sync:refund', 300), note(tenant, 'payment', '7', 100), note(tenant, 'item', '2', 200), note(tenant, 'item', '9', 900)]);
      await journal.begin(note(other, 'item', '1', 50));
      expect((await journal.begunBefore(tenant, 900, 10)).map((n) => [n.kind, n.hostId, n.at])).toEqual([['payment', '7', 100], ['item', '2', 200], ['item', 'qbo-sync:refund', 300]]);
      expect((await journal.begunBefore(tenant, 900, 2)).map((n) => n.hostId)).toEqual(['7', '2']);
      expect(await journal.begunBefore(tenant, 100, 10)).toEqual([]);
      expect(await journal.begunBefore(tenant, 901, 10)).toContainEqual(note(tenant, 'item', '9', 900));
      await journal.end(tenant, 'payment', '7');
      expect((await journal.begunBefore(tenant, 900, 10)).map((n) => n.hostId)).toEqual(['2', 'qbo-sync:refund']);
    });

    it('counts the definite refusals of each record durably; a healed record keeps its count but leaves the list', async () => {
      const journal = await make();
      const [tenant, other] = [uniqueTenant('journal'), uniqueTenant('journal')];
      expect(await journal.refused(tenant, 'invoice', '5', 100)).toBe(1);
      expect(await journal.refused(tenant, 'invoice', '5', 400)).toBe(2);
      expect(await journal.refused(tenant, 'payment', '5', 200)).toBe(1);
      expect(await journal.refused(other, 'invoice', '5', 50)).toBe(1);
      // A note's end (the write settled) does not touch the count.
      await journal.begin({ tenantId: tenant, kind: 'invoice', hostId: '5', entity: 'Invoice', lookup: 'm', at: 1 });
      await journal.end(tenant, 'invoice', '5');
      expect([...(await journal.refusalsOf(tenant, 'invoice', ['5', '6']))]).toEqual([['5', 2]]);
      expect((await journal.refusalsOf(tenant, 'invoice', [])).size).toBe(0);
      expect(await journal.refusedRecords(tenant, 10)).toEqual([
        { kind: 'payment', hostId: '5', refusals: 1, refusedAt: 200 },
        { kind: 'invoice', hostId: '5', refusals: 2, refusedAt: 400 },
      ]);
      expect((await journal.refusedRecords(tenant, 1)).map((r) => r.kind)).toEqual(['payment']);
      await journal.healed(tenant, 'payment', '5');
      expect((await journal.refusedRecords(tenant, 10)).map((r) => r.kind)).toEqual(['invoice']);
      expect([...(await journal.refusalsOf(tenant, 'payment', ['5']))]).toEqual([['5', 1]]);
      expect(await journal.refused(tenant, 'payment', '5', 900)).toBe(2);
    });
  });
};

export const describeSweepMarkStoreContract = (name: string, make: () => Promise<SweepMarkStore>): void => {
  describe(`SweepMarkStore contract: ${name}`, () => {
    it('stores each tenant\'s mark, replacing the previous one', async () => {
      const marks = await make();
      const [tenant, other] = [uniqueTenant('sweep'), uniqueTenant('sweep')];
      expect(await marks.get(tenant)).toBeNull();
      await marks.save(tenant, { sweptAt: 1_700_000_000_000, fullPassAt: 1_600_000_000_000 });
      await marks.save(tenant, { sweptAt: 1_700_000_060_000, fullPassAt: 1_600_000_000_000 });
      await marks.save(other, { sweptAt: 1, fullPassAt: 1 });
      expect(await marks.get(tenant)).toEqual({ sweptAt: 1_700_000_060_000, fullPassAt: 1_600_000_000_000 });
    });
  });
};
