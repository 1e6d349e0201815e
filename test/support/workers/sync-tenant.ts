import request from 'supertest';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { createRealm } from '../emulator-seed';
import { connectThroughOAuth } from '../oauth-walk';
import { enableSync } from '../setup-walk';
import { mountPath } from '../test-host';

/**
 * A tenant with the sync on, the way an admin gets there: a fresh QBO company, "Connect" through the OAuth walk
 * (the emulator consents for the company created last), accounts chosen, Save & Sync, initial sync finished.
 */
export const connectAndEnable = async (app: Express, emulatorUrl: string, tenantId: string, salesTax?: 'automated' | 'manual' | 'off'): Promise<string> => {
  await createRealm(emulatorUrl, `Pools of tenant ${tenantId}`, salesTax);
  const callback = await connectThroughOAuth(app, tenantId);
  if (callback.status !== 303) throw new Error(`connecting tenant ${tenantId}: HTTP ${callback.status}`);
  const connection = await request(app).get(`${mountPath}/connection`).set('x-company-id', tenantId).expect(200);
  const status = await enableSync(app, tenantId);
  if (status.job?.state !== 'completed') throw new Error(`the initial sync of tenant ${tenantId} ended ${JSON.stringify(status)}`);
  return connection.body.realmId as string;
};

/** Host dates are calendar days; money records dated today are inside the sync window. */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** Rows of the plugin's outbox not settled yet (pending or in flight), over every tenant. */
export const unsettledRows = async (knex: Knex): Promise<number> => {
  const [row] = await knex('qbo_outbox').whereIn('state', ['pending', 'in_flight']).count({ n: '*' });
  return Number(row?.['n'] ?? 0);
};

export const waitUntil = async (what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Runs delivery passes in this process until every outbox row is settled (backoffs and holds pass meanwhile). */
export const drainInProcess = async (knex: Knex, deliverPending: () => Promise<number>, timeoutMs = 30_000): Promise<void> => {
  await waitUntil('the outbox drained', async () => {
    await deliverPending();
    return (await unsettledRows(knex)) === 0;
  }, timeoutMs);
};

/** POST /__emulator/faults: the next `count` requests to the realm meet `kind`, or the tokens do at once. */
export const injectFault = async (emulatorUrl: string, realmId: string, kind: string, count = 1): Promise<void> => {
  const response = await fetch(`${emulatorUrl}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ realmId, kind, count }) });
  if (response.status !== 201) throw new Error(`fault ${kind}: HTTP ${response.status}`);
};
