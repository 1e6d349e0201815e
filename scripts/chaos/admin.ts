import express, { type Express } from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import type { RunningQboEmulator } from '../../src/emulator/start-qbo-emulator';
import { createQboSyncPlugin, type QboSyncPlugin } from '../../src/plugin';
import { chaosMountPath, chaosPluginOptions } from './chaos-options';

/** The admin's clicks on the plugin's page, through its HTTP API (one more host process, without a worker). */
export class ChaosAdmin {
  private constructor(readonly plugin: QboSyncPlugin, private readonly app: Express, private readonly emulator: RunningQboEmulator) {}

  /** `unthrottled`: QBO's 500 requests a minute lifted from the plugin's own pacing (the reference replay only). */
  static async open(knex: Knex, emulator: RunningQboEmulator, unthrottled = false): Promise<ChaosAdmin> {
    const options = chaosPluginOptions(knex, emulator.url);
    const plugin = await createQboSyncPlugin(unthrottled ? { ...options, qbo: { ...options.qbo, limits: { perMinute: 1_000_000, concurrent: 10, batchPerMinute: 1_000_000 } } } : options);
    const app = express();
    app.use(chaosMountPath, plugin.router);
    return new ChaosAdmin(plugin, app, emulator);
  }

  private call(method: 'get' | 'post' | 'put', path: string, tenant: string, body?: object): request.Test {
    const test = request(this.app)[method](`${chaosMountPath}${path}`).set('x-company-id', tenant);
    return body === undefined ? test : test.send(body);
  }

  /** "Connect to QuickBooks" for `realmId` (the emulator consents for the company it is told), through the callback. */
  async connect(tenant: string, realmId: string): Promise<void> {
    const authorize = await this.call('post', '/connection/authorize', tenant, {});
    if (authorize.status !== 200) throw new Error(`authorize: HTTP ${authorize.status} ${JSON.stringify(authorize.body)}`);
    this.emulator.app.emulatorState.lastCreatedRealmId = realmId;
    const consent = await fetch(authorize.body.url as string, { redirect: 'manual' });
    const callback = new URL(consent.headers.get('location') ?? '');
    const answer = await request(this.app).get(`${callback.pathname}${callback.search}`).set('x-company-id', tenant);
    if (answer.status !== 303) throw new Error(`callback: HTTP ${answer.status}`);
    // QBO confirms the company; when it is busy the plugin asks again after the wait QBO asked for (up to 60 s).
    for (let attempt = 0; attempt < 1500; attempt += 1) {
      const status = (await this.call('get', '/connection', tenant)).body.status;
      if (status === 'connected') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`tenant ${tenant}: the connection was not confirmed within 150 s`);
  }

  async status(tenant: string): Promise<string> {
    return String((await this.call('get', '/connection', tenant)).body.status);
  }

  /** Accounts chosen (first income, first deposit), Save & Sync, the initial sync waited for. */
  async enable(tenant: string): Promise<void> {
    const accounts = await this.call('get', '/accounts', tenant);
    if (accounts.status !== 200) throw new Error(`accounts: HTTP ${accounts.status} ${JSON.stringify(accounts.body)}`);
    await this.call('put', '/settings', tenant, { incomeAccountId: accounts.body.income[0].id, depositAccountId: accounts.body.deposit[0].id }).expect(200);
    await this.call('post', '/sync/enable', tenant, { acknowledgeWarnings: true }).expect(202);
    for (let attempt = 0; attempt < 1200; attempt += 1) {
      const status = (await this.call('get', '/sync/status', tenant)).body;
      if (status.job && status.job.state !== 'running') {
        if (status.job.state !== 'completed') throw new Error(`tenant ${tenant}: initial sync ${JSON.stringify(status.job)}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`tenant ${tenant}: the initial sync did not end within 120 s`);
  }

  async createRealm(companyName: string): Promise<string> {
    const response = await fetch(`${this.emulator.url}/__emulator/realms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ companyName }) });
    return ((await response.json()) as { realmId: string }).realmId;
  }
}
