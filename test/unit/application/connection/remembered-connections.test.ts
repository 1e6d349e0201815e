import { InMemoryConnectionStore } from '../../../../src/adapters/memory/in-memory-connection.store';
import { RememberedConnections, rememberConnectionMs } from '../../../../src/application/connection/remembered-connections';
import type { QboConnection } from '../../../../src/application/ports/connection-store.port';

const at = 1_800_000_000_000;

const connection = (accessToken: string, realmId = 'r1'): QboConnection => ({
  tenantId: 't1', realmId, companyName: null, status: 'connected', statusReason: null,
  tokens: { accessToken, refreshToken: `refresh-${accessToken}`, createdAt: at, accessTokenExpiresAt: at + 3_600_000, refreshTokenExpiresAt: at + 10 ** 9 },
});

/** The store as every process shares it (the database), with its reads counted. */
class SharedStore extends InMemoryConnectionStore {
  reads = 0;
  override async get(tenantId: string): Promise<QboConnection | null> {
    this.reads += 1;
    return super.get(tenantId);
  }
}

describe('RememberedConnections', () => {
  const build = async () => {
    const clock = { time: at, now: () => clock.time };
    const shared = new SharedStore();
    await shared.save(connection('a-1'));
    return { clock, shared, remembered: new RememberedConnections(shared, clock) };
  };

  it('answers recent from what it read, until it is older than its bound; get always reads', async () => {
    const { clock, shared, remembered } = await build();
    expect((await remembered.recent('t1'))?.tokens.accessToken).toBe('a-1');
    expect((await remembered.recent('t1'))?.tokens.accessToken).toBe('a-1');
    expect(shared.reads).toBe(1);
    // Another process writes the row: seen by the next get, and by recent once the bound has passed.
    await shared.save(connection('a-2'));
    clock.time += rememberConnectionMs - 1;
    expect((await remembered.recent('t1'))?.tokens.accessToken).toBe('a-1');
    clock.time += 1;
    expect((await remembered.recent('t1'))?.tokens.accessToken).toBe('a-2');
    await shared.save(connection('a-3'));
    expect((await remembered.get('t1'))?.tokens.accessToken).toBe('a-3');
    expect((await remembered.recent('t1'))?.tokens.accessToken).toBe('a-3');
    expect(shared.reads).toBe(3);
  });

  it('forgets a tenant this process writes: a save, a reconnect needed, a removal', async () => {
    const { remembered } = await build();
    await remembered.recent('t1');
    await remembered.save(connection('a-2', 'r2'));
    expect(await remembered.recent('t1')).toMatchObject({ realmId: 'r2', tokens: { accessToken: 'a-2' } });
    await remembered.markNeedsReconnect('t1', 'refused');
    expect(await remembered.recent('t1')).toMatchObject({ status: 'needs_reconnect', statusReason: 'refused' });
    await remembered.remove('t1');
    expect(await remembered.recent('t1')).toBeNull();
  });

  it('never keeps a read that ran beside a write of the same tenant', async () => {
    const { clock, shared } = await build();
    const answers: (() => void)[] = [];
    // A read that returns what it found only once the test lets it: the write lands in between.
    const held = Object.assign(Object.create(shared) as SharedStore, {
      get: async (tenantId: string) => {
        const read = await shared.get(tenantId);
        await new Promise<void>((resolve) => answers.push(resolve));
        return read;
      },
    });
    const remembered = new RememberedConnections(held, clock);
    const reading = remembered.recent('t1');
    await new Promise((resolve) => setImmediate(resolve));
    await remembered.save(connection('a-2'));
    answers.shift()!();
    expect((await reading)?.tokens.accessToken).toBe('a-1');
    const next = remembered.recent('t1');
    await new Promise((resolve) => setImmediate(resolve));
    answers.shift()!();
    expect((await next)?.tokens.accessToken).toBe('a-2');
  });

  it('keeps what the refresh lock read, so the request after a 401 uses the row as it is now', async () => {
    const { shared, remembered } = await build();
    await remembered.recent('t1');
    await shared.save(connection('a-other'));
    const seen = await remembered.withRefreshLock('t1', async (current) => current?.tokens.accessToken);
    expect(seen).toBe('a-other');
    const readsBefore = shared.reads;
    expect((await remembered.recent('t1'))?.tokens.accessToken).toBe('a-other');
    expect(shared.reads).toBe(readsBefore);
  });
});
