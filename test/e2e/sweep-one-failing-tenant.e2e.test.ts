import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import type { HostDirectory } from '../../src/application/ports/host-directory.port';
import { useHostStack } from '../support/host-stack';
import { connectAndEnable } from '../support/workers/sync-tenant';

/** The host directory, except that one company's changes cannot be read (as a connection QBO has not confirmed could not be used). */
const failingFor = (tenantId: string) => (standard: HostDirectory): HostDirectory =>
  new Proxy(standard, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'changedSince') return typeof value === 'function' ? value.bind(target) : value;
      return (tenant: string, ...rest: unknown[]) => {
        if (tenant !== tenantId) return (value as (...args: unknown[]) => unknown).call(target, tenant, ...rest);
        return (async function* () {
          throw new Error(`company ${tenant} cannot be read now.`);
        })();
      };
    },
  });

/**
 * Issue 16's chaos run: while one company's new connection waited for QBO's confirmation, the sweep threw on it and
 * the companies after it went unswept (and the worker skipped the delivery pass after the sweep).
 */
describe('the sweep: a company that cannot be swept never keeps the others from theirs (MariaDB + emulator)', () => {
  const stack = useHostStack({ tenant: 'a-broken', adapters: { hostDirectory: failingFor('a-broken') }, timeoutMs: 30_000 });

  it('sweeps the other companies, then says which one it could not look at', async () => {
    await connectAndEnable(stack.host.app, stack.emulator.url, 'b-fine');
    const missed = await new ReferenceHostSeeder(stack.db.knex).customer('b-fine', { firstName: 'Never', lastName: 'Signalled' });

    // 'a-broken' is swept first (by company id): its failure must not end the sweep.
    await expect(stack.host.plugin.sweep()).rejects.toThrow(/could not look at 1 of 2 companies \(a-broken\): company a-broken cannot be read now\. The others were swept \(1 changes queued\)/);
    expect(await stack.db.knex('qbo_outbox').where({ tenant_id: 'b-fine', state: 'pending' }).select('kind', 'host_id')).toEqual([{ kind: 'customer', host_id: missed }]);
  });
});
