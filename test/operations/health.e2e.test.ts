import knexFactory from 'knex';
import request from 'supertest';
import express from 'express';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { createQboSyncPlugin, type PluginHealth, type QboSyncPlugin } from '../../src/plugin';
import { useHostStack } from '../support/host-stack';
import { testEncryptionKey, testQboOptions } from '../support/test-host';

const tenant = 'health-tenant-77';
const probe = (plugin: QboSyncPlugin) => request(express().get('/ready', plugin.readiness)).get('/ready');

describe('health and the readiness handler', () => {
  const stack = useHostStack({ tenant, worker: { enabled: true, pollMs: 600_000 }, timeoutMs: 30_000 });
  let now = Date.now();
  const clockStack = useHostStack({ hostTables: false, worker: { enabled: true, pollMs: 600_000 }, adapters: { clock: { now: () => now } } });

  it('is failing until the worker runs, then ok: database, migrations, worker and queue, naming no tenant', async () => {
    const before = await probe(stack.host.plugin).expect(503);
    expect(before.body).toMatchObject({ status: 'failing', database: { ok: true }, migrations: { ok: true, pending: [] }, worker: { ok: false, enabled: true, running: false } });
    await stack.host.plugin.start();
    // A company whose sync was on and is now paused: its change waits (ADR 0031) and stays in the queue the probe reports.
    await stack.db.knex('qbo_settings').insert({ tenant_id: 'another-tenant-88', sync_enabled: false, enabled_at: Date.now() - 60_000 });
    await stack.db.knex.transaction(async (trx) => {
      const customer = await new ReferenceHostSeeder(trx).customer('another-tenant-88', { firstName: 'Quiet', lastName: 'Pending' });
      await stack.host.plugin.notify({ tenantId: 'another-tenant-88', kind: 'customer', id: customer }, { trx });
    });
    // The worker's first round comes on its own clock: wait for it (a fixed 30 ms failed under machine load).
    const deadline = Date.now() + 10_000;
    while ((await probe(stack.host.plugin)).body?.worker?.lastRoundAt == null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const ready = await probe(stack.host.plugin).expect(200);
    const health: PluginHealth = ready.body;
    expect(health).toMatchObject({ status: 'ok', database: { ok: true, error: null }, migrations: { ok: true, pending: [] }, worker: { ok: true, running: true, lastRoundAt: expect.any(String) } });
    expect(health.database.latencyMs).toEqual(expect.any(Number));
    expect(health.outbox).toMatchObject({ pending: 1, failing: 0, failed: 0 });
    expect(health.outbox!.oldestPendingAgeMs).toBeGreaterThan(0);
    expect(ready.headers['cache-control']).toBe('no-store');
    expect(JSON.stringify(health)).not.toMatch(new RegExp(`${tenant}|another-tenant|${stack.realmId}|Quiet`));
    expect(await stack.host.plugin.health()).toMatchObject({ status: 'ok' });
  });

  it('says the worker is stuck when its last round is too long ago', async () => {
    await clockStack.host.plugin.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await clockStack.host.plugin.health()).worker).toMatchObject({ ok: true, running: true });
    // Stuck means no round for ten polls (here 100 minutes), or twice the lease, whichever is longer.
    now += 101 * 60_000;
    const stuck = await clockStack.host.plugin.health();
    expect(stuck).toMatchObject({ status: 'failing', worker: { ok: false, running: true, lastRoundAgeMs: expect.any(Number) } });
    expect(stuck.worker.lastRoundAgeMs!).toBeGreaterThanOrEqual(101 * 60_000);
    await clockStack.host.plugin.stop();
  });

  it('names the migrations not run yet, and a database that does not answer, within its time limit', async () => {
    const options = { qbo: testQboOptions('http://127.0.0.1:9'), encryptionKey: testEncryptionKey, resolveTenant: () => 't', authorize: () => true, worker: { enabled: false } };
    const fresh = await createQboSyncPlugin({ ...options, knex: stack.db.knex, tablePrefix: 'fresh_' });
    const unmigrated = await probe(fresh).expect(503);
    expect(unmigrated.body).toMatchObject({ status: 'failing', database: { ok: true }, migrations: { ok: false, pending: expect.arrayContaining(['0001-plugin-tables']) }, worker: { ok: true, enabled: false } });
    await fresh.migrate();
    await probe(fresh).expect(200);

    const gone = knexFactory({ client: 'mysql2', connection: 'mysql://root@127.0.0.1:9/none', pool: { min: 0, max: 1 }, acquireConnectionTimeout: 2_000 });
    try {
      const away = await createQboSyncPlugin({ ...options, knex: gone });
      const answer = await probe(away).expect(503);
      expect(answer.body).toMatchObject({ status: 'failing', database: { ok: false, latencyMs: null, error: expect.stringMatching(/^[A-Za-z0-9_]+$/) }, migrations: { ok: false, pending: null }, outbox: null });
    } finally {
      await gone.destroy();
    }
  });
});
