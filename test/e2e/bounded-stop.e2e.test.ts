import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { emulatorRequests, emulatorState } from '../support/emulator-state';
import { useHostStack } from '../support/host-stack';
import { injectFault, waitUntil } from '../support/workers/sync-tenant';

const tenant = '1616';

describe('plugin.stop() returns within its bound while the worker sits in a 60 s throttle wait (MariaDB + emulator, real time)', () => {
  // Real time: after a 429 without Retry-After the client waits Intuit's 60 s before asking again.
  const stack = useHostStack({ tenant, worker: { enabled: true, pollMs: 50, stopTimeoutMs: 10_000 }, timeoutMs: 60_000 });

  it('cuts the wait short, gives the company back, loses nothing, and the change goes out after a restart', async () => {
    const { plugin } = stack.host;
    await plugin.start();
    const id = await new ReferenceHostSeeder(stack.db.knex).customer(tenant, { firstName: 'Stopped', lastName: 'Mid-Wait' });
    const before = (await emulatorRequests(stack.emulator.url, stack.realmId)).length;
    await injectFault(stack.emulator.url, stack.realmId, 'throttle', 1);
    await plugin.notify({ tenantId: tenant, kind: 'customer', id });
    await waitUntil('QBO throttled the write', async () => (await emulatorRequests(stack.emulator.url, stack.realmId)).slice(before).some((r) => (r as { status: number }).status === 429), 10_000);
    // The worker now waits 60 s for QBO; stop() must not.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await plugin.stop();
    const stopMs = Date.now() - started;
    expect(stopMs).toBeLessThan(10_000);
    expect(stopMs).toBeLessThan(3_000);
    // The company was given back (its lease row released, not left to run out), and the change waits, unlost, for the next worker.
    expect(await stack.db.knex('qbo_leases').where({ tenant_id: tenant }).andWhere('expires_at', '>', Date.now()).select('owner')).toEqual([]);
    expect(await stack.db.knex('qbo_outbox').where({ tenant_id: tenant, host_id: id }).whereIn('state', ['pending', 'in_flight']).count({ n: '*' })).toEqual([{ n: 1 }]);
    expect((await emulatorState(stack.emulator.url, stack.realmId)).Customer?.filter((c) => String(c.DisplayName).includes('Mid-Wait')) ?? []).toEqual([]);

    // QBO's 60 s are still honoured by the restarted worker (the pause is the realm's, not the stopped worker's).
    await plugin.start();
    await waitUntil('the change went out after the restart', async () => ((await emulatorState(stack.emulator.url, stack.realmId)).Customer ?? []).some((c) => String(c.DisplayName).includes('Mid-Wait')), 75_000);
    await plugin.stop();
    const copies = ((await emulatorState(stack.emulator.url, stack.realmId)).Customer ?? []).filter((c) => String(c.DisplayName).includes('Mid-Wait'));
    expect(copies).toHaveLength(1);
    // eslint-disable-next-line no-console
    console.log(`stop() during a 60 s throttle wait returned in ${stopMs} ms`);
  }, 120_000);
});
