import request from 'supertest';
import type { Express } from 'express';
import { mountPath } from './test-host';

/** GET /accounts, then PUT /settings with the first income and the first deposit account (Undeposited Funds). */
export const chooseAccounts = async (app: Express, tenantId: string): Promise<{ incomeAccountId: string; depositAccountId: string }> => {
  const accounts = await request(app).get(`${mountPath}/accounts`).set('x-company-id', tenantId).expect(200);
  const settings = { incomeAccountId: accounts.body.income[0].id as string, depositAccountId: accounts.body.deposit[0].id as string };
  await request(app).put(`${mountPath}/settings`).set('x-company-id', tenantId).send(settings).expect(200);
  return settings;
};

/** Polls GET /sync/status until the initial-sync job is no longer running; returns the last status. */
export const waitForInitialSync = async (app: Express, tenantId: string, timeoutMs = 20_000): Promise<Record<string, any>> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await request(app).get(`${mountPath}/sync/status`).set('x-company-id', tenantId);
    // A stack with the admin rate limit on answers a long poll with 429: wait as Retry-After says, as a well-behaved client does.
    if (status.status === 429 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Number(status.headers['retry-after'] ?? 1) * 1000));
      continue;
    }
    expect(status.status).toBe(200);
    if (status.body.job && status.body.job.state !== 'running') return status.body;
    if (Date.now() > deadline) throw new Error(`the initial sync did not finish within ${timeoutMs} ms: ${JSON.stringify(status.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Save & Sync as an admin who chose the accounts and acknowledged the warnings; waits for the initial sync. */
export const enableSync = async (app: Express, tenantId: string): Promise<Record<string, any>> => {
  await chooseAccounts(app, tenantId);
  await request(app).post(`${mountPath}/sync/enable`).set('x-company-id', tenantId).send({ acknowledgeWarnings: true }).expect(202);
  return waitForInitialSync(app, tenantId);
};
