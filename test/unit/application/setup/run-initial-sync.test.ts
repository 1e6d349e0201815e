import { startQboEmulator } from '../../../../src/emulator/start-qbo-emulator';
import type { LaneShape } from '../../../../src/application/initial-sync/send-lanes';
import { emulatorState } from '../../../support/emulator-state';
import { seedQbo } from '../../../support/emulator-seed';
import { createInitialSyncFixture, jobId, tenantId, WorkerCrash, type SyncEvent } from './initial-sync.fixture';

const mixed: LaneShape = { batchLanes: 2, batchSize: 4, singleLanes: 2, singlesPerUnit: 2 };
const batchesOnly: LaneShape = { batchLanes: 1, batchSize: 4, singleLanes: 0, singlesPerUnit: 1 };
const singlesOnly: LaneShape = { batchLanes: 0, batchSize: 1, singleLanes: 1, singlesPerUnit: 3 };

describe('RunInitialSync on the in-memory adapters (QBO: the emulator over HTTP)', () => {
  let emulator: Awaited<ReturnType<typeof startQboEmulator>>;
  beforeAll(async () => {
    emulator = await startQboEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const seedHost = (f: Awaited<ReturnType<typeof createInitialSyncFixture>>, customers: number, items: number) => {
    for (let n = 0; n < customers; n++) f.addCustomer('Pat', `Pool ${n}`);
    for (let n = 0; n < items; n++) f.addItem(`Tabs ${n}`);
  };
  const namesInQbo = async (realmId: string) => {
    const state = await emulatorState(emulator.url, realmId);
    return [...(state.Customer ?? []).map((c) => String(c['DisplayName'])), ...(state.Item ?? []).map((i) => String(i['Name']))];
  };
  const expectEachOnce = (names: readonly string[]) => expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  const expectProgressAddsUp = async (f: Awaited<ReturnType<typeof createInitialSyncFixture>>, customers: number, items: number) => {
    const job = (await f.jobs.get(tenantId, jobId))!;
    expect(job.byKind.customer.total).toBe(customers);
    expect(job.byKind.item.total).toBe(items);
    for (const kind of ['customer', 'item'] as const) expect(job.byKind[kind].done + job.byKind[kind].failed).toBe(job.byKind[kind].total);
    expect(job.total).toBe(customers + items);
    expect(job.done).toBe(job.byKind.customer.done + job.byKind.item.done);
    expect(job.failed).toBe(job.byKind.customer.failed + job.byKind.item.failed);
    return job;
  };

  it('writes every unit down before it is sent, and forgets it only after its links are stored', async () => {
    const f = await createInitialSyncFixture(emulator.url, mixed);
    seedHost(f, 13, 7);

    expect(await f.execute()).toEqual({ kind: 'finished' });

    const at = (predicate: (event: SyncEvent) => boolean) => f.events.findIndex(predicate);
    const writtenDown = f.events.filter((e): e is Extract<SyncEvent, { step: 'writeDown' }> => e.step === 'writeDown');
    expect(writtenDown.length).toBeGreaterThan(3);
    const sends = f.events.filter((e): e is Extract<SyncEvent, { step: 'send' }> => e.step === 'send');
    expect(sends).toHaveLength(20);
    expect(new Set(writtenDown.flatMap((w) => w.requestIds))).toEqual(new Set(sends.map((s) => s.requestId)));
    for (const unit of writtenDown) {
      const written = f.events.indexOf(unit);
      const lastSent = Math.max(...unit.requestIds.map((id) => at((e) => e.step === 'send' && e.requestId === id)));
      const forgotten = at((e) => e.step === 'forget' && e.sendId === unit.sendId);
      expect(Math.min(...unit.requestIds.map((id) => at((e) => e.step === 'send' && e.requestId === id)))).toBeGreaterThan(written);
      expect(forgotten).toBeGreaterThan(lastSent);
      const stored = f.events.slice(lastSent, forgotten).filter((e) => e.step === 'link').flatMap((e) => (e.step === 'link' ? e.hostIds : []));
      expect(stored).toEqual(expect.arrayContaining([...unit.hostIds]));
    }
    expect(await f.jobs.pendingSends(tenantId, jobId)).toEqual([]);
    expect(new Set(writtenDown.map((w) => w.sendId)).size).toBe(writtenDown.length);
    expect(await f.links.getMany(tenantId, 'customer', Array.from({ length: 13 }, (_, n) => String(n + 1)))).toHaveProperty('size', 13);
    expectEachOnce(await namesInQbo(f.realmId));
    expect((await f.jobs.get(tenantId, jobId))!.state).toBe('completed');
    expect((await f.settings.get(tenantId)).syncEnabled).toBe(true);
  });

  it('stores a unit while its lane sends the next one, with at most one unit per lane waiting to be stored', async () => {
    const f = await createInitialSyncFixture(emulator.url, singlesOnly);
    seedHost(f, 12, 0);
    f.links.delayMs = 40;

    expect(await f.execute()).toEqual({ kind: 'finished' });

    const units = f.events.filter((e): e is Extract<SyncEvent, { step: 'writeDown' }> => e.step === 'writeDown');
    expect(units).toHaveLength(4);
    const at = (predicate: (event: SyncEvent) => boolean) => f.events.findIndex(predicate);
    const forgotten = units.map((unit) => at((e) => e.step === 'forget' && e.sendId === unit.sendId));
    const firstSent = units.map((unit) => at((e) => e.step === 'send' && e.requestId === unit.requestIds[0]));
    for (let n = 1; n < units.length; n++) {
      expect(firstSent[n]).toBeLessThan(forgotten[n - 1]!); // sent while the unit before was being stored
      if (n >= 2) expect(firstSent[n]).toBeGreaterThan(forgotten[n - 2]!); // one unit waits to be stored, never two
    }
    expect(await f.jobs.pendingSends(tenantId, jobId)).toEqual([]);
    expect(await expectProgressAddsUp(f, 12, 0)).toMatchObject({ state: 'completed', done: 12 });
  });

  it('marks a record QBO refuses as failed with the reason, and goes on with the others', async () => {
    const f = await createInitialSyncFixture(emulator.url, mixed);
    seedHost(f, 6, 3);
    const refused = f.addCustomer('Bad', 'Mail');
    const refusedItem = f.addItem('Bad Tabs');
    f.watched.refuse.add('Bad Mail').add('Bad Tabs');

    expect(await f.execute()).toEqual({ kind: 'finished' });

    const job = await expectProgressAddsUp(f, 7, 4);
    expect(job).toMatchObject({ state: 'completed', done: 9, failed: 2, byKind: { customer: { failed: 1 }, item: { failed: 1 } } });
    const failures = (await f.failures()).filter((row) => row.action === 'create');
    expect(failures.map((row) => `${row.kind}:${row.hostId}`).sort()).toEqual([`customer:${refused}`, `item:${refusedItem}`].sort());
    for (const row of failures) expect(row.message).toMatch(/QuickBooks refused to create .* The e-mail address is not valid\. Fix it in the app/);
    expect(await f.links.get(tenantId, 'customer', refused)).toBeNull();
    expect((await namesInQbo(f.realmId)).sort()).toHaveLength(9);
    const enable = (await f.activity.list(tenantId, { limit: 100 })).items.find((row) => row.action === 'enable');
    expect(enable?.message).toMatch(/9 of 11 records are in QuickBooks, 2 were refused/);
  });

  it.each([
    ['a batch', batchesOnly, 2],
    ['single creates', singlesOnly, 4],
  ])('resumes a job that died after QBO applied %s: re-sends what was written down first, and creates nothing twice', async (_what, shape, crashAfter) => {
    const f = await createInitialSyncFixture(emulator.url, shape);
    seedHost(f, 9, 5);
    f.watched.crashAfter(crashAfter);

    await expect(f.execute()).rejects.toThrow(WorkerCrash);
    await f.watched.revive();
    // The unit QBO applied, and the next one if its lane had written it down already.
    const left = await f.jobs.pendingSends(tenantId, jobId);
    expect(left.length).toBeGreaterThanOrEqual(1);
    expect(left.length).toBeLessThanOrEqual(2);
    const leftIds = left.flatMap((send) => send.batch.operations.map((op) => op.requestId));
    const before = f.events.length;

    expect(await f.execute()).toEqual({ kind: 'finished' });

    const firstSends = f.events.slice(before).filter((e) => e.step === 'send').slice(0, leftIds.length);
    expect(firstSends.map((e) => (e as { requestId: string }).requestId)).toEqual(leftIds);
    expect(await f.jobs.pendingSends(tenantId, jobId)).toEqual([]);
    const names = await namesInQbo(f.realmId);
    expectEachOnce(names);
    expect(names).toHaveLength(14);
    const job = await expectProgressAddsUp(f, 9, 5);
    expect(job).toMatchObject({ state: 'completed', done: 14, failed: 0 });
    const created = (await f.activity.list(tenantId, { limit: 100 })).items.filter((row) => row.action === 'create');
    expect(created).toHaveLength(14);
  });

  it('stops between units when the process stops, and the next run finishes the job with progress adding up', async () => {
    const f = await createInitialSyncFixture(emulator.url, batchesOnly);
    seedHost(f, 10, 6);
    let units = 0;
    const step = await f.execute(() => (units += 1) > 2);
    expect(step).toMatchObject({ kind: 'wait' });
    const midway = (await f.jobs.get(tenantId, jobId))!;
    expect(midway).toMatchObject({ state: 'running', total: 16 });
    expect(midway.done).toBeGreaterThan(0);
    expect(midway.done).toBeLessThan(16);

    expect(await f.execute()).toEqual({ kind: 'finished' });
    expect(await expectProgressAddsUp(f, 10, 6)).toMatchObject({ state: 'completed', done: 16 });
    expectEachOnce(await namesInQbo(f.realmId));
  });

  it('adopts exact matches under their QBO id and never creates them', async () => {
    const f = await createInitialSyncFixture(emulator.url, mixed);
    const incomeAccountId = (await f.settings.get(tenantId)).incomeAccountId;
    const qboAnn = (await seedQbo(emulator.url, f.realmId, 'customer', { DisplayName: 'Ann Lee', GivenName: 'Ann', FamilyName: 'Lee' })).Id;
    const qboSalt = (await seedQbo(emulator.url, f.realmId, 'item', { Name: 'Salt', Type: 'NonInventory', UnitPrice: 10, IncomeAccountRef: { value: incomeAccountId } })).Id;
    const ann = f.addCustomer('Ann', 'Lee');
    const salt = f.addItem('salt');
    seedHost(f, 3, 2);

    expect(await f.execute()).toEqual({ kind: 'finished' });

    expect(await f.links.get(tenantId, 'customer', ann)).toMatchObject({ qboEntity: 'Customer', qboId: qboAnn });
    expect(await f.links.get(tenantId, 'item', salt)).toMatchObject({ qboEntity: 'Item', qboId: qboSalt });
    const sentNames = f.events.flatMap((e) => (e.step === 'send' ? [e.name] : []));
    expect(sentNames).not.toContain('Ann Lee');
    expect(sentNames.map((name) => name.toLowerCase())).not.toContain('salt');
    expect(sentNames).toHaveLength(5);
    const names = await namesInQbo(f.realmId);
    expectEachOnce(names.map((name) => name.toLowerCase()));
    expect(names).toHaveLength(7);
    const linkedRows = (await f.activity.list(tenantId, { limit: 100 })).items.filter((row) => row.action === 'link');
    expect(linkedRows.map((row) => row.qboId).sort()).toEqual([qboAnn, qboSalt].sort());
    // Adopted records go to the delivery engine, which sends only what differs from QBO.
    expect(await expectProgressAddsUp(f, 4, 3)).toMatchObject({ done: 7, failed: 0 });
  });
});
