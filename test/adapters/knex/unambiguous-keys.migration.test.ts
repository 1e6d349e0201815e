import type { Knex } from 'knex';
import { AesGcmSecretCipher } from '../../../src/adapters/crypto/aes-gcm-secret.cipher';
import { KnexConnectionStore } from '../../../src/adapters/knex/knex-connection.store';
import { KnexOutboxStore } from '../../../src/adapters/knex/knex-outbox.store';
import { dedupeKeyOf } from '../../../src/adapters/knex/outbox-row';
import { migratePluginTables, migratePluginTablesUpTo } from '../../../src/adapters/knex/plugin-migrations';
import type { OutboxChange } from '../../../src/application/ports/outbox-store.port';
import { recordingLogger } from '../qbo/fake-token-server';
import { createSqliteDatabase, createTestDatabase } from '../../support/database';

const key = Buffer.alloc(32, 9);
const clock = { now: () => 1_800_000_000_000 };

/** Before migration 0005 these two records shared one dedupe key, `t:customer:x:customer:y`, and one signal was lost. */
const confusable: OutboxChange[] = [
  { tenantId: 't', kind: 'customer', hostId: 'x:customer:y' },
  { tenantId: 't:customer:x', kind: 'customer', hostId: 'y' },
];

describe.each(['SQLite', 'MariaDB'] as const)('migration 0005, unambiguous composite keys, on %s', (name) => {
  let knex: Knex;
  let destroy: () => Promise<void>;
  beforeAll(async () => {
    const db = name === 'SQLite' ? await createSqliteDatabase() : await createTestDatabase();
    ({ knex, destroy } = db);
    await migratePluginTablesUpTo(knex, 'qbo_', '0004-initial-sync-sends');
    // What an install before the migration holds: tokens sealed under `${tenant}:${realm}`, pending rows under joined keys.
    const cipher = AesGcmSecretCipher.fromKey(key);
    await knex('qbo_connections').insert({
      tenant_id: 'acme:7', realm_id: '9130', company_name: 'Acme', status: 'connected', status_reason: null,
      access_token: cipher.encrypt('access-old', 'acme:7:9130'), refresh_token: cipher.encrypt('refresh-old', 'acme:7:9130'),
      tokens_created_at: 1, access_expires_at: 2, refresh_expires_at: 3,
    });
    await knex('qbo_outbox').insert([
      { tenant_id: 't', kind: 'customer', host_id: 'x:customer:y', state: 'pending', available_at: 0, enqueued_at: 0, dedupe_key: 't:customer:x:customer:y' },
      { tenant_id: 'u', kind: 'item', host_id: '5', state: 'done', available_at: 0, enqueued_at: 0, dedupe_key: null },
    ]);
    await migratePluginTables(knex, 'qbo_');
  });
  afterAll(() => destroy());

  it('opens tokens sealed under the old context, then reseals them under the new one', async () => {
    const store = new KnexConnectionStore(knex, 'qbo_', AesGcmSecretCipher.fromKey(key), recordingLogger());
    const before = await knex('qbo_connections').where({ tenant_id: 'acme:7' }).first();
    expect(Number(before.sealing_version)).toBe(1);

    expect(await store.get('acme:7')).toMatchObject({ status: 'connected', tokens: { accessToken: 'access-old', refreshToken: 'refresh-old' } });
    const after = await knex('qbo_connections').where({ tenant_id: 'acme:7' }).first();
    expect(Number(after.sealing_version)).toBe(2);
    expect(after.access_token).not.toBe(before.access_token);
    expect(await store.get('acme:7')).toMatchObject({ status: 'connected', tokens: { accessToken: 'access-old' } });

    // Under the new context the row's tokens are bound to exactly ("acme:7", "9130"), not to any split of "acme:7:9130".
    await knex('qbo_connections').insert({ ...after, tenant_id: 'acme', realm_id: '7:9130' });
    expect(await store.get('acme')).toMatchObject({ status: 'needs_reconnect', tokens: { accessToken: '' } });
  });

  it('rebuilds the dedupe keys of pending rows, so new signals coalesce with them and no two records share one', async () => {
    const pending = await knex('qbo_outbox').where({ state: 'pending' });
    expect(pending.map((row) => row.dedupe_key)).toEqual([dedupeKeyOf(confusable[0]!)]);
    expect(await knex('qbo_outbox').where({ state: 'done' }).first()).toMatchObject({ dedupe_key: null });

    const outbox = new KnexOutboxStore(knex, 'qbo_', clock);
    await outbox.enqueue(confusable);
    const rows = await knex('qbo_outbox').where({ state: 'pending' }).orderBy('id');
    expect(rows.map((row) => [row.tenant_id, row.host_id])).toEqual([['t', 'x:customer:y'], ['t:customer:x', 'y']]);
  });
});
