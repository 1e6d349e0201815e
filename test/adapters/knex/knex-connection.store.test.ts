import { randomBytes } from 'node:crypto';
import { AesGcmSecretCipher } from '../../../src/adapters/crypto/aes-gcm-secret.cipher';
import { KnexConnectionStore } from '../../../src/adapters/knex/knex-connection.store';
import { migratePluginTables } from '../../../src/adapters/knex/plugin-migrations';
import type { QboConnection } from '../../../src/application/ports/connection-store.port';
import { createSqliteDatabase } from '../../support/database';
import { RecordingLogger } from '../../support/recording-logger';

const connection = (tenantId: string, refreshToken: string): QboConnection => ({
  tenantId,
  realmId: '9130',
  companyName: 'Pools',
  status: 'connected',
  statusReason: null,
  tokens: { accessToken: `AT-${refreshToken}`, refreshToken, createdAt: 1, accessTokenExpiresAt: 2, refreshTokenExpiresAt: 3 },
});

describe('KnexConnectionStore keeps tokens encrypted at rest', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  let db: Awaited<ReturnType<typeof createSqliteDatabase>>;
  beforeAll(async () => {
    db = await createSqliteDatabase();
    await migratePluginTables(db.knex, 'qbo_');
  });
  afterAll(() => db.destroy());

  const storeWith = (cipher: AesGcmSecretCipher, logger = new RecordingLogger()) => new KnexConnectionStore(db.knex, 'qbo_', cipher, logger);

  it('never writes a token in clear', async () => {
    await storeWith(AesGcmSecretCipher.fromKey(oldKey)).save(connection('t1', 'canary-refresh-token'));
    const row = await db.knex('qbo_connections').where({ tenant_id: 't1' }).first();
    expect(JSON.stringify(row)).not.toContain('canary-refresh-token');
    expect(row.refresh_token).toMatch(/^v1\./);
  });

  it('shows a connection whose tokens were moved from another tenant as needing a reconnect, and logs why without secrets', async () => {
    const logger = new RecordingLogger();
    const store = storeWith(AesGcmSecretCipher.fromKey(oldKey), logger);
    await store.save(connection('victim', 'victim-token'));
    await store.save(connection('attacker', 'attacker-token'));
    const stolen = await db.knex('qbo_connections').where({ tenant_id: 'victim' }).first();
    await db.knex('qbo_connections').where({ tenant_id: 'attacker' }).update({ access_token: stolen.access_token, refresh_token: stolen.refresh_token });
    const read = await store.get('attacker');
    expect(read).toMatchObject({ status: 'needs_reconnect', tokens: { accessToken: '', refreshToken: '' } });
    expect(read?.statusReason).toMatch(/Reconnect/);
    expect(logger.lines).toEqual([expect.objectContaining({ level: 'warn', context: expect.objectContaining({ tenantId: 'attacker', reason: 'TamperedCiphertext' }) })]);
    expect(JSON.stringify(logger.lines)).not.toMatch(/victim-token|v1\./);
  });

  it('opens tokens sealed with a retired key, and reseals them with the current key on the next save', async () => {
    await storeWith(AesGcmSecretCipher.fromKey(oldKey)).save(connection('rotating', 'before-rotation'));
    const rotated = AesGcmSecretCipher.fromKey(newKey, [oldKey]);
    const store = storeWith(rotated);
    const current = await store.get('rotating');
    expect(current?.tokens.refreshToken).toBe('before-rotation');
    await store.save(current!);
    const row = await db.knex('qbo_connections').where({ tenant_id: 'rotating' }).first();
    expect(rotated.isStale(row.refresh_token)).toBe(false);
    expect(await storeWith(AesGcmSecretCipher.fromKey(newKey)).get('rotating')).toEqual(connection('rotating', 'before-rotation'));
  });
});
