// A host as a stranger would write it, run inside a scratch app that installed the packed tarball: it mounts the
// router on whichever Express the app installed, connects the emulator through OAuth, turns the sync on and carries
// one customer from the host's table to QBO. It writes what it saw to RESULT_FILE for the test to judge.
const { writeFileSync } = require('node:fs');
const express = require('express');
const knexFactory = require('knex');
const { createQboSyncPlugin } = require('qbo-sync');
const { startQboEmulator } = require('qbo-sync/emulator');

const tenant = '7';
const mount = '/integrations/qbo';
const deadlineMs = 30_000;

const waitFor = async (what, probe) => {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const main = async () => {
  const emulator = await startQboEmulator({ port: 0 });
  const knex = knexFactory({ client: 'mysql2', connection: process.env.DATABASE_URL, pool: { min: 0, max: 5 } });
  const app = express();
  const server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const plugin = await createQboSyncPlugin({
    knex,
    qbo: { clientId: 'scratch-host', clientSecret: 'scratch-host-secret', redirectUri: `${origin}${mount}/oauth/callback`, environment: 'sandbox', apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url },
    encryptionKey: 'ab'.repeat(32),
    resolveTenant: (req) => String(req.header('x-company-id') ?? ''),
    authorize: () => true,
    worker: { pollMs: 50 },
  });
  const call = async (method, path, body) => {
    const headers = { 'x-company-id': tenant, ...(body ? { 'content-type': 'application/json' } : {}) };
    const response = await fetch(path.startsWith('http') ? path : `${origin}${mount}${path}`, { method, headers, body: body && JSON.stringify(body), redirect: 'manual' });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined;
    return { status: response.status, json, text };
  };
  try {
    await plugin.migrate();
    app.use(mount, plugin.router);
    await plugin.start();

    const authorize = await call('POST', '/connection/authorize');
    const consent = await fetch(authorize.json.url, { redirect: 'manual' });
    const callback = new URL(consent.headers.get('location'));
    const landed = await call('GET', `${origin}${callback.pathname}${callback.search}`);
    const connection = await call('GET', '/connection');
    const realmId = connection.json.realmId;
    const accounts = await call('GET', '/accounts');
    await call('PUT', '/settings', { incomeAccountId: accounts.json.income[0].id, depositAccountId: accounts.json.deposit[0].id });
    const enabled = await call('POST', '/sync/enable', { acknowledgeWarnings: true });
    const initialSync = await waitFor('the initial sync', async () => {
      const status = await call('GET', '/sync/status');
      return status.json.job && status.json.job.state !== 'running' && status.json.job;
    });

    await knex.transaction(async (trx) => {
      const now = new Date();
      const [id] = await trx('customers').insert({ company_id: tenant, first_name: 'Maria', last_name: 'Lopez', display_as_company: false, email: 'maria@example.com', is_active: true, created_at: now, updated_at: now });
      await plugin.notify({ tenantId: tenant, kind: 'customer', id }, { trx });
    });
    const customers = await waitFor('the customer reaching QBO', async () => {
      const state = await (await fetch(`${emulator.url}/__emulator/realms/${realmId}/state`)).json();
      const found = (state.Customer ?? []).filter((customer) => customer.DisplayName === 'Maria Lopez');
      return found.length > 0 && found;
    });

    // An async route that throws: Express 5 forwards the rejection itself, Express 4 only through the plugin's router.
    const badQuery = await call('GET', '/activity?limit=many');
    const page = await call('GET', '/');
    const asset = await call('GET', '/assets/qbo-page.js');
    const unknown = await call('GET', '/no-such-route');
    writeFileSync(process.env.RESULT_FILE, JSON.stringify({
      express: require('express/package.json').version,
      callbackStatus: landed.status,
      connection: connection.json.status,
      enableStatus: enabled.status,
      initialSync,
      customers: customers.map((customer) => ({ DisplayName: customer.DisplayName, GivenName: customer.GivenName, FamilyName: customer.FamilyName, Active: customer.Active })),
      badQuery: { status: badQuery.status, code: badQuery.json?.error?.code },
      page: { status: page.status, isHtml: page.text.startsWith('<!doctype html>') },
      asset: asset.status,
      unknown: { status: unknown.status, code: unknown.json?.error?.code },
    }));
  } finally {
    await plugin.stop();
    await new Promise((resolve) => server.close(resolve));
    await emulator.close();
    await knex.destroy();
  }
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
