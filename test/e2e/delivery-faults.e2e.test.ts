import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { emulatorRequests, emulatorState } from '../support/emulator-state';
import { useHostStack } from '../support/host-stack';
import { drainInProcess, injectFault } from '../support/workers/sync-tenant';

const tenant = '808';
const customers = 40;
const items = 10;

describe('a 429 burst and writes QBO applies but never answers leave exactly one QBO record per host record', () => {
  const stack = useHostStack({
    tenant,
    // QBO's waits (60 s after a 429) at 1/1000 time; the outbox's own backoffs short.
    qbo: { timeScale: 0.001 },
    delivery: { baseBackoffMs: 20, maxBackoffMs: 200, maxAttempts: 50 },
    timeoutMs: 30_000,
  });

  const qboCopies = async (): Promise<{ customers: Map<string, number>; items: Map<string, number> }> => {
    const state = await emulatorState(stack.emulator.url, stack.realmId);
    const count = (names: string[]) => names.reduce((map, name) => map.set(name, (map.get(name) ?? 0) + 1), new Map<string, number>());
    return {
      customers: count((state.Customer ?? []).map((c) => String(c.DisplayName)).filter((n) => n.includes('Fault'))),
      items: count((state.Item ?? []).map((i) => String(i.Name)).filter((n) => n.includes('Fault'))),
    };
  };

  it('creates each customer and item once through 13 answers lost after QBO applied the request and a burst of 15 throttled ones', async () => {
    const seed = new ReferenceHostSeeder(stack.db.knex);
    const signals: Array<{ tenantId: string; kind: 'customer' | 'item'; id: string }> = [];
    for (let n = 0; n < customers; n++) signals.push({ tenantId: tenant, kind: 'customer', id: await seed.customer(tenant, { firstName: `Fault${n}`, lastName: 'Tolerant' }) });
    for (let n = 0; n < items; n++) signals.push({ tenantId: tenant, kind: 'item', id: await seed.item(tenant, { name: `Fault item ${n}`, unitPriceCents: 250 }) });
    const before = (await emulatorRequests(stack.emulator.url, stack.realmId)).length;
    // Faults are served in the order given: the first write is applied and its answer lost, then a 429 burst, then more lost answers.
    await injectFault(stack.emulator.url, stack.realmId, 'apply-then-drop', 1);
    await injectFault(stack.emulator.url, stack.realmId, 'throttle', 15);
    await injectFault(stack.emulator.url, stack.realmId, 'apply-then-drop', 12);
    await stack.host.plugin.notify(signals);
    await drainInProcess(stack.db.knex, () => stack.host.plugin.deliverPending());

    const log = (await emulatorRequests(stack.emulator.url, stack.realmId)).slice(before) as Array<{ status: number; dropped?: boolean; method: string; path: string }>;
    expect(log.filter((r) => r.status === 429)).toHaveLength(15);
    expect(log.filter((r) => r.dropped && r.status === 200)).toHaveLength(13);
    // The first answer lost was a write QBO applied: creates the engine never heard back about.
    expect(log[0]).toMatchObject({ method: 'POST', status: 200, dropped: true });
    const copies = await qboCopies();
    expect(copies.customers.size).toBe(customers);
    expect([...copies.customers.values()].every((n) => n === 1)).toBe(true);
    expect(copies.items.size).toBe(items);
    expect([...copies.items.values()].every((n) => n === 1)).toBe(true);
    expect(await stack.db.knex('qbo_outbox').where({ state: 'failed' }).select('last_error')).toEqual([]);
    expect(await stack.db.knex('qbo_activity').where({ outcome: 'failure' }).select('message')).toEqual([]);
  });

  it('renames each once more through dropped answers: still one QBO record each, with the host\'s last name', async () => {
    const ids = (await stack.db.knex('customers').where({ company_id: tenant }).select('id')).map((row) => String(row.id));
    const before = (await emulatorRequests(stack.emulator.url, stack.realmId)).length;
    await injectFault(stack.emulator.url, stack.realmId, 'apply-then-drop', 1);
    await injectFault(stack.emulator.url, stack.realmId, 'throttle', 5);
    await injectFault(stack.emulator.url, stack.realmId, 'apply-then-drop', 4);
    for (const [n, id] of ids.entries()) {
      await stack.db.knex.transaction(async (trx) => {
        await trx('customers').where({ id }).update({ first_name: `Fault${n} renamed`, updated_at: new Date() });
        await stack.host.plugin.notify({ tenantId: tenant, kind: 'customer', id }, { trx });
      });
    }
    await drainInProcess(stack.db.knex, () => stack.host.plugin.deliverPending());

    const log = (await emulatorRequests(stack.emulator.url, stack.realmId)).slice(before) as Array<{ status: number; dropped?: boolean; method: string; path: string }>;
    expect(log.filter((r) => r.dropped && r.status === 200)).toHaveLength(5);
    expect(log[0]).toMatchObject({ method: 'POST', status: 200, dropped: true });
    const copies = await qboCopies();
    expect(copies.customers.size).toBe(customers);
    expect([...copies.customers.keys()].every((name) => name.includes('renamed'))).toBe(true);
    expect([...copies.customers.values()].every((n) => n === 1)).toBe(true);
    expect(await stack.db.knex('qbo_outbox').where({ state: 'failed' }).select('last_error')).toEqual([]);
    expect(await stack.db.knex('qbo_activity').where({ outcome: 'failure' }).select('message')).toEqual([]);
  });
});
