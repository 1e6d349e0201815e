import type { Knex } from 'knex';
import { KnexOutboxStore, readyIndexRebuildMs } from '../../../src/adapters/knex/knex-outbox.store';
import { consumeSignals, earliestLiveRows, lockTenantRows, readyTenantsQuery, refreshQuery } from '../../../src/adapters/knex/outbox-ready-tenants';
import { readyTenantsReadQuery, signalsFoldedBeside, signalsReadInPlace } from '../../../src/adapters/knex/outbox-signalled-tenants';
import { migratePluginTables, migratePluginTablesUpTo, rollbackPluginTables } from '../../../src/adapters/knex/plugin-migrations';
import { pluginTables } from '../../../src/adapters/knex/plugin-tables';
import { contractPrefix, onEveryDatabase } from '../../contracts/knex-backends';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/** The ready-companies index of the knex outbox (ADR 0071): what the contract suite cannot see from outside. */
const tables = pluginTables(contractPrefix);
let serial = 0;
const tenantNamed = (what: string): string => `${what}-${Date.now().toString(36)}-${(serial += 1)}`;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Fails instead of hanging when a statement waits on a lock it must not wait on (InnoDB would wait 50 s). */
const within = async <T>(ms: number, what: string, work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} waited more than ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
};

const outboxRow = (tenantId: string, hostId: string, state: string, availableAt: number) => ({
  tenant_id: tenantId,
  kind: 'customer',
  host_id: hostId,
  state,
  attempt: state === 'pending' ? 0 : 1,
  available_at: availableAt,
  enqueued_at: availableAt,
  dedupe_key: null,
});

/** A store past its first rebuild, every signal folded in: what a test then writes is all there is to read. */
const storeWithNoSignalLeft = async (knex: Knex, now: number): Promise<KnexOutboxStore> => {
  const store = new KnexOutboxStore(knex, contractPrefix, { now: () => now });
  await store.readyTenants(now, 1_000);
  await consumeSignals(knex, tables);
  return store;
};

onEveryDatabase((backend) => {
  it('finds rows written without a signal (an older version during a rolling upgrade) at the next rebuild', async () => {
    const now = 5_000_000;
    const store = new KnexOutboxStore(backend().knex, contractPrefix, { now: () => now });
    await store.readyTenants(now, 1_000);
    const silent = tenantNamed('silent');
    await backend().knex(tables.outbox).insert(outboxRow(silent, '1', 'pending', now));
    expect(await store.readyTenants(now, 1_000)).not.toContain(silent);
    expect(await store.readyTenants(now + readyIndexRebuildMs, 1_000)).toContain(silent);
  });

  describe('signals read in place, folded beside a pass, or folded before it answers (ADRs 0074, 0089)', () => {
    const signalCount = async (knex: Knex): Promise<number> => Number(((await knex(tables.outboxSignals).count({ n: '*' })) as { n: unknown }[])[0]!.n);
    const inSummary = async (knex: Knex, tenants: readonly string[]): Promise<string[]> =>
      ((await knex(tables.outboxTenants).select('tenant_id').whereIn('tenant_id', tenants).whereNotNull('next_ready_at')) as { tenant_id: string }[])
        .map((row) => row.tenant_id)
        .sort();
    const signalled = async (store: KnexOutboxStore, count: number): Promise<string[]> => {
      const tenants = Array.from({ length: count }, () => tenantNamed('piled'));
      for (const tenant of tenants) await store.enqueue([{ tenantId: tenant, kind: 'customer', hostId: '1' }]);
      return tenants;
    };

    it('lists companies with fewer than signalsFoldedBeside signals from the outbox and writes nothing', async () => {
      const now = 6_000_000;
      const { knex } = backend();
      const store = await storeWithNoSignalLeft(knex, now);
      const tenants = await signalled(store, signalsFoldedBeside - 1);

      expect(await store.readyTenants(now, 10_000)).toEqual(expect.arrayContaining(tenants));
      await store.backgroundWorkSettled();
      expect(await signalCount(knex)).toBe(signalsFoldedBeside - 1);
      expect(await inSummary(knex, tenants)).toEqual([]);
    });

    it('answers from the outbox at signalsFoldedBeside signals and folds them in beside the pass', async () => {
      const now = 6_100_000;
      const { knex } = backend();
      const store = await storeWithNoSignalLeft(knex, now);
      const tenants = await signalled(store, signalsFoldedBeside);

      expect(await store.readyTenants(now, 10_000)).toEqual(expect.arrayContaining(tenants));
      await store.backgroundWorkSettled();
      expect(await signalCount(knex)).toBe(0);
      expect(await inSummary(knex, tenants)).toEqual([...tenants].sort());
      // Once folded, the summary alone names them, at the same place.
      expect(await store.readyTenants(now, 10_000)).toEqual(expect.arrayContaining(tenants));
    });

    it('folds signalsReadInPlace signals in before it answers, as the read in place covers no more', async () => {
      const now = 6_200_000;
      const { knex } = backend();
      const store = await storeWithNoSignalLeft(knex, now);
      // Written past the store: its passes would have folded them beside long before so many piled up.
      const tenants = Array.from({ length: signalsReadInPlace + 5 }, () => tenantNamed('burst'));
      await knex(tables.outbox).insert(tenants.map((tenant) => outboxRow(tenant, '1', 'pending', now - 10)));
      await knex(tables.outboxSignals).insert(tenants.map((tenant_id) => ({ tenant_id })));

      expect(await store.readyTenants(now, 10_000)).toEqual(expect.arrayContaining(tenants));
      expect(await signalCount(knex)).toBe(0);
      expect(await inSummary(knex, tenants)).toEqual([...tenants].sort());
    });
  });

  it('lists a signalled company by its earliest live row and in the summary order, and drops its stale summary', async () => {
    const now = 6_500_000;
    const { knex } = backend();
    const store = await storeWithNoSignalLeft(knex, now);
    const [early, middle, late] = [tenantNamed('early'), tenantNamed('middle'), tenantNamed('late')];
    // Known to the summary: middle at now - 200, and late with a stale wake-up (its rows done since, unsignalled
    // writes: what only a signal may correct). Signalled, not folded: early at now - 300, late now at now - 100.
    await knex(tables.outbox).insert([outboxRow(middle, '1', 'pending', now - 200), outboxRow(late, '1', 'pending', now - 100), outboxRow(early, '1', 'pending', now - 300)]);
    await knex(tables.outboxTenants).insert([{ tenant_id: middle, next_ready_at: now - 200 }, { tenant_id: late, next_ready_at: now - 900 }]);
    await knex(tables.outboxSignals).insert([{ tenant_id: early }, { tenant_id: late }]);
    const ours = (await store.readyTenants(now, 10_000)).filter((tenant) => [early, middle, late].includes(tenant));
    expect(ours).toEqual([early, middle, late]);
  });

  it('fills the index from the backlog an upgrade meets: live rows only, each company at its earliest', async () => {
    const prefix = `up${(serial += 1)}_`;
    const upgraded = pluginTables(prefix);
    const { knex } = backend();
    await migratePluginTablesUpTo(knex, prefix, '0009-home-currency');
    try {
      await knex(upgraded.outbox).insert([
        outboxRow('waiting', '1', 'pending', 300),
        outboxRow('waiting', '2', 'pending', 100),
        outboxRow('claimed', '1', 'in_flight', 500),
        outboxRow('claimed', '2', 'done', 50),
        outboxRow('settled', '1', 'done', 10),
        outboxRow('settled', '2', 'failed', 20),
      ]);
      await migratePluginTables(knex, prefix);
      const rows = (await knex(upgraded.outboxTenants).select('tenant_id', 'next_ready_at').orderBy('tenant_id')) as { tenant_id: string; next_ready_at: unknown }[];
      expect(rows.map((row) => [row.tenant_id, Number(row.next_ready_at)])).toEqual([['claimed', 500], ['waiting', 100]]);
      const store = new KnexOutboxStore(knex, prefix, { now: () => 1_000 });
      expect(await store.readyTenants(1_000, 10)).toEqual(['waiting', 'claimed']);
    } finally {
      await rollbackPluginTables(knex, prefix);
    }
  });
});

describe('the ready-companies index on MariaDB', () => {
  let db: TestDatabase;
  let peer: Knex;
  const now = 7_000_000;
  const clock = { now: () => now };
  let worker: KnexOutboxStore;
  let other: KnexOutboxStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    peer = db.openPeer();
    await migratePluginTables(db.knex, contractPrefix);
    await db.knex(tables.outbox).insert(Array.from({ length: 400 }, (_, i) => outboxRow(`t${i % 40}`, String(i), i % 3 === 0 ? 'in_flight' : 'pending', 1_000 + i)));
    await db.knex.raw('ANALYZE TABLE ??, ??', [tables.outbox, tables.outboxTenants]);
    worker = new KnexOutboxStore(db.knex, contractPrefix, clock);
    other = new KnexOutboxStore(peer, contractPrefix, clock);
    // Both stores have had their first rebuild: it must not hide, in the tests below, what the signals do.
    await worker.readyTenants(now, 1_000);
    await other.readyTenants(now, 1_000);
  });
  afterAll(() => db.destroy());
  /** What the summary alone lists, signals aside. */
  const listedBySummary = async (): Promise<string[]> =>
    ((await readyTenantsQuery(db.knex, tables, now, 1_000)) as { tenant_id: string }[]).map((row) => row.tenant_id);

  it('lists ready companies through the summary index, without a sort', async () => {
    const query = readyTenantsQuery(db.knex, tables, now, 1_000).toSQL().toNative();
    const [plan] = (await db.knex.raw(`EXPLAIN ${query.sql}`, query.bindings)) as [Record<string, unknown>[]];
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ key: `${tables.outboxTenants}_ready` });
    expect(String(plan[0]!['Extra'] ?? '')).not.toMatch(/filesort/i);
  });

  it("sets a company's wake-up from its earliest live rows through the claim index, however long its backlog", async () => {
    const query = refreshQuery(db.knex, tables, ['t1', 't2']).toSQL().toNative();
    const [plan] = (await db.knex.raw(`EXPLAIN ${query.sql}`, query.bindings)) as [Record<string, unknown>[]];
    const subqueries = plan.filter((step) => String(step['select_type']).includes('SUBQUERY'));
    expect(subqueries.length).toBeGreaterThanOrEqual(2);
    for (const step of subqueries) {
      expect(step).toMatchObject({ table: 'o', key: `${tables.outbox}_claim` });
      expect(String(step['Extra'] ?? '')).not.toMatch(/filesort/i);
    }
  });

  it('reads the signal count, the summary and the signalled companies in one statement, each through its index, without a sort', async () => {
    const query = readyTenantsReadQuery(db.knex, tables, now, 1_000).toSQL().toNative();
    const [plan] = (await db.knex.raw(`EXPLAIN ${query.sql}`, query.bindings)) as [Record<string, unknown>[]];
    const summary = plan.filter((step) => step['table'] === 'i');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ key: `${tables.outboxTenants}_ready` });
    expect(String(summary[0]!['Extra'] ?? '')).not.toMatch(/filesort/i);
    const dives = plan.filter((step) => step['table'] === 'o');
    expect(dives).toHaveLength(2);
    for (const step of dives) {
      expect(step).toMatchObject({ key: `${tables.outbox}_claim` });
      expect(String(step['Extra'] ?? '')).not.toMatch(/filesort/i);
    }
  });

  it('rebuilds from the outbox with a loose index scan: one dive per company and state, not every live row', async () => {
    const query = earliestLiveRows(db.knex, tables).toSQL().toNative();
    const [plan] = (await db.knex.raw(`EXPLAIN ${query.sql}`, query.bindings)) as [Record<string, unknown>[]];
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ key: `${tables.outbox}_claim` });
    expect(String(plan[0]!['Extra'] ?? '')).toMatch(/index for group-by/i);
  });

  it('never loses a wake-up committed while a refresh of the same company is between its read and its write', async () => {
    const tenant = tenantNamed('race');
    await worker.enqueue([{ tenantId: tenant, kind: 'customer', hostId: '1' }]);
    expect(await worker.readyTenants(now, 1_000)).toContain(tenant);
    const [row] = await worker.claim(tenant, 10, now, 60_000);
    await worker.complete(row!.id, row!.attemptToken, now);
    expect(await worker.readyTenants(now + 120_000, 1_000)).not.toContain(tenant);

    // A refresh (a claim that found nothing, a completion) has locked the company's summary row and read no live row.
    const refresh = await db.knex.transaction({ isolationLevel: 'read committed' });
    await lockTenantRows(refresh, tables, [tenant]);
    const [live] = (await refresh(tables.outbox).count({ n: '*' }).where({ tenant_id: tenant }).whereIn('state', ['pending', 'in_flight'])) as { n: unknown }[];
    expect(Number(live!.n)).toBe(0);
    // The host commits a change of that company meanwhile, on its own connection: it does not wait on the refresh.
    await within(5_000, 'the host enqueue', other.enqueue([{ tenantId: tenant, kind: 'customer', hostId: '2' }]));
    // A pass meanwhile reads the signalled company from the outbox: it writes nothing, so it waits for no lock.
    expect(await within(5_000, 'a pass that reads the signal', other.readyTenants(now, 1_000))).toContain(tenant);
    // Another worker folds the host's signal in: it has to wait for the refresh's lock...
    let folded = false;
    const folding = consumeSignals(peer, tables).finally(() => (folded = true));
    await sleep(300);
    expect(folded).toBe(false);
    // ...so the refresh's stale write lands first, and the fold, reading after it, wins.
    await refresh(tables.outboxTenants).where({ tenant_id: tenant }).update({ next_ready_at: null });
    await refresh.commit();
    await within(5_000, 'the fold', folding);
    expect(await listedBySummary()).toContain(tenant);
    expect(await worker.readyTenants(now, 1_000)).toContain(tenant);
    expect((await worker.claim(tenant, 10, now, 60_000)).map((c) => c.hostId)).toEqual(['2']);
  });

  it.each(['a company new to the index', 'a company the index knows'])("reads a company's rows only once it holds its summary row, for %s: a change committed while it waited is claimed, and the summary says when its lease ends", async (which) => {
    const tenant = tenantNamed('waiter');
    if (which === 'a company the index knows') {
      await worker.enqueue([{ tenantId: tenant, kind: 'customer', hostId: '0' }]);
      const [row] = await worker.claim(tenant, 10, now, 60_000);
      await worker.complete(row!.id, row!.attemptToken, now);
      expect(await db.knex(tables.outboxTenants).where({ tenant_id: tenant, next_ready_at: null })).toHaveLength(1);
    }
    // Someone else (a fold, another worker's refresh) holds the company's summary row.
    const holder = await db.knex.transaction({ isolationLevel: 'read committed' });
    await lockTenantRows(holder, tables, [tenant]);
    // A claim holds the summary row before it reads the company's rows: it waits for the row...
    let settled = false;
    const claiming = worker.claim(tenant, 10, now, 60_000).finally(() => (settled = true));
    await sleep(300);
    expect(settled).toBe(false);
    // ...while the host commits a change of that company (its signal is left unread here on purpose).
    await within(5_000, 'the host enqueue', other.enqueue([{ tenantId: tenant, kind: 'customer', hostId: '1' }]));
    await holder.commit();
    // Read before the lock, the claim would have found nothing and written "nothing live" over the change.
    expect((await within(5_000, 'the claim', claiming)).map((claimed) => claimed.hostId)).toEqual(['1']);
    expect(await listedBySummary()).not.toContain(tenant);
    expect(await db.knex(tables.outboxTenants).where({ tenant_id: tenant }).first()).toMatchObject({ next_ready_at: now + 60_000 });
  });

  it("neither waits on a host transaction still open nor lists its company before it commits", async () => {
    const tenant = tenantNamed('open');
    // Signals committed just before the open one: folding them in must not touch the host's (MySQL's `id IN` did).
    const before = [tenantNamed('before'), tenantNamed('before'), tenantNamed('before')];
    for (const earlier of before) await other.enqueue([{ tenantId: earlier, kind: 'customer', hostId: '1' }]);
    const host = await peer.transaction();
    try {
      await other.enqueue([{ tenantId: tenant, kind: 'customer', hostId: '1' }], host);
      await within(5_000, 'a fold', consumeSignals(db.knex, tables));
      expect(await listedBySummary()).toEqual(expect.arrayContaining(before));
      expect(await listedBySummary()).not.toContain(tenant);
      const ready = await within(5_000, 'readyTenants', worker.readyTenants(now, 1_000));
      expect(ready).not.toContain(tenant);
      expect(ready).toEqual(expect.arrayContaining(before));
      expect(await within(5_000, 'a claim', worker.claim(tenant, 10, now, 60_000))).toEqual([]);
      await host.commit();
    } catch (error) {
      await host.rollback();
      throw error;
    }
    expect(await worker.readyTenants(now, 1_000)).toContain(tenant);
  });

  it("never makes a host's enqueue wait on a worker that holds signals and summary rows", async () => {
    const tenant = tenantNamed('busy');
    await other.enqueue([{ tenantId: tenant, kind: 'customer', hostId: '1' }]);
    // A fold in progress: the signals read for update, the company's summary row held.
    const fold = await db.knex.transaction({ isolationLevel: 'read committed' });
    try {
      await fold(tables.outboxSignals).select('id').forUpdate();
      await lockTenantRows(fold, tables, [tenant]);
      const host = await peer.transaction();
      await within(5_000, "the host's enqueue", other.enqueue([{ tenantId: tenant, kind: 'customer', hostId: '2' }], host));
      await within(5_000, "the host's commit", host.commit());
    } finally {
      await fold.commit();
    }
    expect(await worker.readyTenants(now, 1_000)).toContain(tenant);
  });

  it('matches the outbox exactly after hosts and workers ran at once on three pools', async () => {
    const tenants = Array.from({ length: 12 }, (_, i) => tenantNamed(`soak${i}`));
    const pools = [db.knex, peer, db.openPeer()];
    const stores = pools.map((knex) => new KnexOutboxStore(knex, contractPrefix, clock));
    let hostsDone = false;
    let seed = 17;
    // The high bits of the generator: its low bits repeat with a short period.
    const random = (n: number): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), Math.floor(seed / 2 ** 16) % n);
    const host = async (knex: Knex, store: KnexOutboxStore, offset: number): Promise<void> => {
      for (let i = 0; i < 40; i += 1) {
        const trx = await knex.transaction();
        await store.enqueue([{ tenantId: tenants[(i * 5 + offset) % tenants.length]!, kind: 'customer', hostId: String(i % 7) }], trx);
        await trx.commit();
      }
    };
    const work = async (store: KnexOutboxStore): Promise<void> => {
      while (!hostsDone) {
        for (const tenant of await store.readyTenants(now, 1_000)) {
          if (!tenants.includes(tenant)) continue;
          for (const claimed of await store.claim(tenant, 3, now, 60_000)) {
            const pick = random(4);
            if (pick === 0) await store.complete(claimed.id, claimed.attemptToken, now);
            else if (pick === 1) await store.retryLater(claimed.id, claimed.attemptToken, now + 1_000 * (1 + random(5)), 'later');
            else if (pick === 2) await store.release(claimed.id, claimed.attemptToken, now);
            // else: left claimed, its lease running
          }
        }
      }
    };
    const hosts = Promise.all(pools.map((knex, i) => host(knex, stores[i]!, i))).finally(() => (hostsDone = true));
    await Promise.all([hosts, work(stores[0]!), work(stores[1]!)]);

    const truth = (await db.knex(tables.outbox).select('tenant_id').min({ first: 'available_at' }).whereIn('state', ['pending', 'in_flight']).whereIn('tenant_id', tenants).groupBy('tenant_id')) as { tenant_id: string; first: unknown }[];
    // Signals not folded in yet are read from the outbox: the list is exact before the fold too.
    const readyNow = truth.filter((row) => Number(row.first) <= now).sort((a, b) => Number(a.first) - Number(b.first) || (a.tenant_id < b.tenant_id ? -1 : 1));
    expect((await stores[2]!.readyTenants(now, 1_000)).filter((tenant) => tenants.includes(tenant))).toEqual(readyNow.map((row) => row.tenant_id));
    await consumeSignals(pools[2]!, tables);
    const index = (await db.knex(tables.outboxTenants).select('tenant_id', 'next_ready_at').whereIn('tenant_id', tenants).whereNotNull('next_ready_at')) as { tenant_id: string; next_ready_at: unknown }[];
    const asMap = (rows: { tenant_id: string }[], value: (row: never) => unknown): Record<string, number> =>
      Object.fromEntries(rows.map((row) => [row.tenant_id, Number(value(row as never))]));
    const states = (await db.knex(tables.outbox).distinct('state').whereIn('tenant_id', tenants)) as { state: string }[];
    // The run left every kind of row behind, or it proved less than it says.
    expect(states.map((row) => row.state).sort()).toEqual(['done', 'in_flight', 'pending']);
    expect(asMap(index, (row: { next_ready_at: unknown }) => row.next_ready_at)).toEqual(asMap(truth, (row: { first: unknown }) => row.first));
  });
});
