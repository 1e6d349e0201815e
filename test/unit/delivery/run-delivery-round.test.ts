import { InMemoryHostDirectory } from '../../../src/adapters/memory/in-memory-host.directory';
import type { HostRecordKind } from '../../../src/domain/host/host-records';
import { createRoundFixture, tenantId, unusedGateway } from './delivery-round.fixture';

/** A host whose read of one record throws, as a bug or a lost database connection would. */
class PoisonedHost extends InMemoryHostDirectory {
  override async read<K extends HostRecordKind>(tenant: string, kind: K, id: string) {
    if (id === 'poison') throw new Error('Connection lost: The server closed the connection.\n    at Socket.<anonymous> (secret stack)');
    return super.read(tenant, kind, id);
  }
}

describe('a delivery round', () => {
  it('goes on past a row that throws, retries it with backoff, and shows it as failed after the last attempt', async () => {
    const f = await createRoundFixture(unusedGateway, new PoisonedHost());
    await f.outbox.enqueue(['1', 'poison', '3'].map((hostId) => ({ tenantId, kind: 'customer' as const, hostId })));

    expect(await f.round.execute(tenantId, 'worker')).toEqual({ settled: 3, leased: true });
    expect(await f.outbox.stats(tenantId, f.clock.now())).toMatchObject({ pending: 1, failing: 1, failed: 0 });
    // The batch read fails as a whole first; then each row goes on its own and only the poisoned one fails.
    expect(f.logger.lines.filter((line) => 'hostId' in line.context)).toEqual([
      expect.objectContaining({ level: 'error', context: expect.objectContaining({ hostId: 'poison', error: 'Connection lost: The server closed the connection.' }) }),
    ]);
    expect(await f.failures()).toEqual([]);

    f.clock.time += 1_000;
    expect(await f.round.execute(tenantId, 'worker')).toEqual({ settled: 1, leased: true });
    expect(await f.outbox.stats(tenantId, f.clock.now())).toMatchObject({ pending: 0, failed: 1 });
    const [failure] = await f.failures();
    expect(failure).toMatchObject({ hostId: 'poison', outcome: 'failure', outboxId: expect.any(String) });
    expect(failure!.message).toMatch(/unexpected error stopped this change \(Connection lost.*Gave up after 2 attempts; retry it from the activity log/);
    expect(failure!.message).not.toContain('secret stack');
  });

  it('fails a change whose host row cannot be read, with the reason, and never takes it for deleted', async () => {
    const f = await createRoundFixture(unusedGateway);
    const link = { kind: 'item' as const, hostId: '17', qboEntity: 'Item' as const, qboId: '9', syncToken: '0', fingerprint: 'f', pushed: { name: 'Salt' }, retired: false };
    await f.links.save(tenantId, link);
    f.host.putUnreadable('item', tenantId, '17', 'the item has no name', f.clock.now());
    await f.outbox.enqueue([{ tenantId, kind: 'item', hostId: '17' }]);

    expect(await f.round.execute(tenantId, 'worker')).toEqual({ settled: 1, leased: true });
    const [failure] = await f.failures();
    expect(failure?.message).toBe(
      'Did not send item "Salt" to QuickBooks: it could not be read from the app (the item has no name). Correct the record in the app; the change is sent again when it is saved, or retry it from the activity log.',
    );
    expect(await f.outbox.stats(tenantId, f.clock.now())).toMatchObject({ pending: 0, failed: 1 });
    expect(await f.links.get(tenantId, 'item', '17')).toEqual(link);
  });
});
