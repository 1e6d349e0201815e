import { ClaimExtensions } from '../../../src/application/delivery/claim-extensions';
import { InMemoryOutboxStore } from '../../../src/adapters/memory/in-memory-outbox.store';
import type { OutboxStore } from '../../../src/application/ports/outbox-store.port';

const lease = 10_000;

/** An in-memory outbox with two companies' rows claimed, and a count of the writes that extend them. */
const claimedTwice = async (withBatches: boolean) => {
  const clock = { now: () => 1_000 };
  const memory = new InMemoryOutboxStore(clock);
  await memory.enqueue([{ tenantId: 'a', kind: 'customer', hostId: '1' }, { tenantId: 'b', kind: 'customer', hostId: '1' }]);
  const [a] = await memory.claim('a', 10, clock.now(), lease);
  const [b] = await memory.claim('b', 10, clock.now(), lease);
  const writes: string[] = [];
  const store: OutboxStore = Object.create(memory, {
    extendClaim: { value: (tenantId: string, token: string, until: number) => (writes.push(`one ${tenantId}`), memory.extendClaim(tenantId, token, until)) },
    extendClaims: {
      value: withBatches ? (claims: { tenantId: string }[], until: number) => (writes.push(`many ${claims.map((c) => c.tenantId).join(',')} ${until}`), memory.extendClaims(claims as never, until)) : undefined,
    },
  });
  return { memory, store, writes, a: a!, b: b! };
};

describe('ClaimExtensions', () => {
  it("sends the asks of one beat for one end as one write, and each ask's rows are extended", async () => {
    const { memory, store, writes, a, b } = await claimedTwice(true);
    const extensions = new ClaimExtensions(store);
    await Promise.all([extensions.extend('a', a.attemptToken, 30_000), extensions.extend('b', b.attemptToken, 30_000)]);
    expect(writes).toEqual(['many a,b 30000']);
    expect(await memory.readyTenants(29_999, 10)).toEqual([]);
    expect(await memory.readyTenants(30_000, 10)).toEqual(['a', 'b']);
  });

  it('sends asks for different ends, or asked after a write went, separately', async () => {
    const { store, writes, a, b } = await claimedTwice(true);
    const extensions = new ClaimExtensions(store);
    await Promise.all([extensions.extend('a', a.attemptToken, 30_000), extensions.extend('b', b.attemptToken, 40_000)]);
    await extensions.extend('a', a.attemptToken, 50_000);
    expect(writes).toEqual(['many a 30000', 'many b 40000', 'many a 50000']);
  });

  it('tells every ask of a write that failed', async () => {
    const { store, a, b } = await claimedTwice(true);
    const failing: OutboxStore = Object.create(store, { extendClaims: { value: () => Promise.reject(new Error('database away')) } });
    const extensions = new ClaimExtensions(failing);
    const asks = [extensions.extend('a', a.attemptToken, 30_000), extensions.extend('b', b.attemptToken, 30_000)];
    for (const ask of asks) await expect(ask).rejects.toThrow('database away');
  });

  it("extends each claim on its own with a store that has no extendClaims (a host's own outbox)", async () => {
    const { store, writes, a, b } = await claimedTwice(false);
    const extensions = new ClaimExtensions(store);
    await Promise.all([extensions.extend('a', a.attemptToken, 30_000), extensions.extend('b', b.attemptToken, 30_000)]);
    expect(writes).toEqual(['one a', 'one b']);
  });
});
