import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createReferenceHostTables } from '../../examples/reference-host/reference-host-schema';
import { StaticKeyProvider } from '../../src/adapters/crypto/key-provider';
import { startQboEmulator } from '../../src/emulator/start-qbo-emulator';
import { createQboSyncPlugin, type QboSyncPluginOptions } from '../../src/plugin';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { connectThroughOAuth } from '../support/oauth-walk';
import { createTestHost, mountPath, testEncryptionKey } from '../support/test-host';

const table = 'qbo_connections';

describe('tokens at rest, and what the plugin refuses at start-up (MariaDB + emulator)', () => {
  let db: TestDatabase;
  let emulator: Awaited<ReturnType<typeof startQboEmulator>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await createReferenceHostTables(db.knex);
    emulator = await startQboEmulator({ port: 0 });
  });

  afterAll(async () => {
    await emulator?.close();
    await db?.destroy();
  });

  const baseOptions = (): QboSyncPluginOptions => ({
    knex: db.knex,
    qbo: { clientId: 'c', clientSecret: 's', redirectUri: 'http://host.test/cb', environment: 'sandbox' },
    encryptionKey: testEncryptionKey,
    resolveTenant: () => 't',
    authorize: () => true,
    worker: { enabled: false },
  });

  it.each([
    ['a key of 16 bytes', Buffer.alloc(16, 1)],
    ['a short hex string', 'abcdef0123'],
    ['a passphrase', 'correct horse battery staple'],
    ['an empty string', ''],
    ['a number', 42],
  ])('refuses %s as encryptionKey with a message that says what a key is', async (_what, key) => {
    await expect(createQboSyncPlugin({ ...baseOptions(), encryptionKey: key as never })).rejects.toThrow(/qbo-sync cannot start:[\s\S]*"encryptionKey": encryptionKey must be 32 bytes/);
  });

  it('refuses a missing key, and a missing authorize or resolveTenant, naming each', async () => {
    const { encryptionKey: _k, authorize: _a, resolveTenant: _r, ...rest } = baseOptions();
    const failure = createQboSyncPlugin(rest as QboSyncPluginOptions);
    await expect(failure).rejects.toThrow(/"encryptionKey" \(32 bytes\) is required/);
    await expect(createQboSyncPlugin(rest as QboSyncPluginOptions)).rejects.toThrow(/"authorize\(req, action\)" is required/);
    await expect(createQboSyncPlugin(rest as QboSyncPluginOptions)).rejects.toThrow(/"resolveTenant\(req\)" is required/);
  });

  it('refuses a retired key that is not a key, and a keyProvider without its methods', async () => {
    await expect(createQboSyncPlugin({ ...baseOptions(), retiredEncryptionKeys: ['short'] })).rejects.toThrow(/"retiredEncryptionKeys\[0\]": encryptionKey must be 32 bytes/);
    const { encryptionKey: _k, ...rest } = baseOptions();
    await expect(createQboSyncPlugin({ ...rest, keyProvider: {} as never })).rejects.toThrow(/"keyProvider" must have currentKeyId\(\) and keyById\(id\)/);
  });

  it('stores tokens sealed (v1.<keyId>.…), never in plain text, and they open only in their own tenant row', async () => {
    const host = await createTestHost(db.knex, emulator.url);
    expect((await connectThroughOAuth(host.app, 'iso-a')).status).toBe(303);
    const row = await db.knex(table).where({ tenant_id: 'iso-a' }).first();
    for (const column of ['access_token', 'refresh_token']) {
      expect(row[column]).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
      expect(row[column]).not.toMatch(/RT1-|eyJemu/);
    }
    await db.knex(table).insert({ ...row, tenant_id: 'iso-b' });
    const stolen = await request(host.app).get(`${mountPath}/connection`).set('x-company-id', 'iso-b').expect(200);
    expect(stolen.body.status).toBe('needs_reconnect');
    const own = await request(host.app).get(`${mountPath}/connection`).set('x-company-id', 'iso-a').expect(200);
    expect(own.body.status).toBe('connected');
    // The copy must not be usable to turn the sync on in the other tenant either.
    const enable = await request(host.app).post(`${mountPath}/sync/enable`).set('x-company-id', 'iso-b').send({ acknowledgeWarnings: true });
    expect(enable.status).toBeGreaterThanOrEqual(400);
    expect(enable.status).toBeLessThan(500);
  });

  it('after rotation, opens old tokens with the retired key and reseals them with the new one on first use', async () => {
    const oldHost = await createTestHost(db.knex, emulator.url);
    expect((await connectThroughOAuth(oldHost.app, 'rot-a')).status).toBe(303);
    const before = await db.knex(table).where({ tenant_id: 'rot-a' }).first();
    const newKey = randomBytes(32);
    const rotated = await createTestHost(db.knex, emulator.url, { encryptionKey: newKey, retiredEncryptionKeys: [testEncryptionKey] });
    expect((await request(rotated.app).get(`${mountPath}/connection`).set('x-company-id', 'rot-a').expect(200)).body.status).toBe('connected');
    const after = await db.knex(table).where({ tenant_id: 'rot-a' }).first();
    expect(after.refresh_token.split('.')[1]).not.toBe(before.refresh_token.split('.')[1]);
    expect(after.access_token.split('.')[1]).toBe(after.refresh_token.split('.')[1]);
    // The old key can now be dropped: the row opens with the new key alone, through a pluggable key provider.
    const newOnly = await createTestHost(db.knex, emulator.url, { encryptionKey: undefined, keyProvider: new StaticKeyProvider(newKey) });
    expect((await request(newOnly.app).get(`${mountPath}/connection`).set('x-company-id', 'rot-a').expect(200)).body.status).toBe('connected');
    // And a plugin that never had either key sees a connection that needs attention, not someone's tokens.
    const stranger = await createTestHost(db.knex, emulator.url, { encryptionKey: randomBytes(32) });
    expect((await request(stranger.app).get(`${mountPath}/connection`).set('x-company-id', 'rot-a').expect(200)).body.status).toBe('needs_reconnect');
  });
});
