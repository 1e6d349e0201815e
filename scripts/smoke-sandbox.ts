import { writeFileSync } from 'node:fs';
import { InMemoryConnectionStore } from '../src/adapters/memory/in-memory-connection.store';
import { createQboAdapters } from '../src/adapters/qbo/create-qbo-adapters';
import type { QboGateway } from '../src/application/ports/qbo-gateway.port';
import type { QboError } from '../src/domain/qbo/qbo-error';
import type { Result } from '../src/domain/shared/result';

/**
 * The gateway's read/write contract subset against a real Intuit sandbox company. It creates one customer named
 * "qbo-sync smoke <time>" and leaves it inactive (QBO has no customer delete).
 */
const required = ['QBO_CLIENT_ID', 'QBO_CLIENT_SECRET', 'QBO_REALM_ID', 'QBO_REFRESH_TOKEN'] as const;

const usage = `The sandbox smoke run talks to a real Intuit sandbox company and needs these environment variables:
  QBO_CLIENT_ID        your app's development client id (developer.intuit.com → your app → Keys & credentials)
  QBO_CLIENT_SECRET    the matching client secret
  QBO_REALM_ID         the sandbox company id
  QBO_REFRESH_TOKEN    a refresh token for that company (e.g. from Intuit's OAuth 2.0 Playground, accounting scope)
Optional:
  QBO_REDIRECT_URI     the redirect URI registered for the app (default https://developer.intuit.com/v2/OAuth2Playground/RedirectUrl)
  QBO_REFRESH_TOKEN_OUT  a file to write the rotated refresh token to (Intuit rotates it; the old one lasts 24 h)`;

class SmokeFailure extends Error {}

const must = async <T>(step: string, result: Promise<Result<T, QboError>>): Promise<T> => {
  const settled = await result;
  if (!settled.ok) throw new SmokeFailure(`${step}: ${settled.error.kind} — ${settled.error.message}${settled.error.detail ? ` [${settled.error.detail}]` : ''}${settled.error.intuitTid ? ` (intuit_tid ${settled.error.intuitTid})` : ''}`);
  console.log(`ok   ${step}`);
  return settled.value;
};

const run = async (gateway: QboGateway, tenantId: string): Promise<void> => {
  const company = await must('company name', gateway.companyName(tenantId));
  console.log(`     company: ${company}`);
  let accounts = 0;
  for await (const _account of gateway.list(tenantId, 'Account')) accounts += 1;
  console.log(`ok   list accounts (${accounts}, inactive included)`);
  const name = `qbo-sync smoke ${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const draft = { entity: 'Customer' as const, fields: { displayName: name, givenName: null, familyName: null, companyName: null, email: 'smoke@example.com', phone: null, billAddr: null, active: true } };
  const requestId = `smoke-${Date.now()}`;
  const ref = await must('create customer', gateway.create(tenantId, draft, requestId));
  const replay = await must('create again with the same requestid (QBO replays)', gateway.create(tenantId, draft, requestId));
  if (replay.id !== ref.id) throw new SmokeFailure(`the replayed create made a second customer (${replay.id} besides ${ref.id})`);
  const read = await must('read customer', gateway.get(tenantId, 'Customer', ref.id));
  if (read.fields.email !== 'smoke@example.com') throw new SmokeFailure(`read back email ${String(read.fields.email)}`);
  const duplicate = await gateway.create(tenantId, draft, `${requestId}-dup`);
  if (duplicate.ok || duplicate.error.kind !== 'DuplicateName') throw new SmokeFailure(`a duplicate name answered ${duplicate.ok ? 'ok' : duplicate.error.kind}, not DuplicateName`);
  console.log('ok   duplicate name refused as DuplicateName');
  const updated = await must('sparse update (inactive)', gateway.update(tenantId, ref, { entity: 'Customer', fields: { active: false } }, `${requestId}-off`));
  const stale = await gateway.update(tenantId, ref, { entity: 'Customer', fields: { phone: '555-0100' } }, `${requestId}-stale`);
  if (stale.ok || stale.error.kind !== 'StaleObject') throw new SmokeFailure(`an old SyncToken answered ${stale.ok ? 'ok' : stale.error.kind}, not StaleObject`);
  console.log(`ok   old SyncToken refused as StaleObject (current ${updated.syncToken})`);
  const found = await must('find inactive customer by name', gateway.findByName(tenantId, 'Customer', name.toUpperCase()));
  if (found?.ref.id !== ref.id || found.fields.active) throw new SmokeFailure('the inactive customer was not found by name');
};

const main = async (): Promise<number> => {
  const missing = required.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    console.error(`Missing: ${missing.join(', ')}\n\n${usage}`);
    return 2;
  }
  const env = process.env as Record<(typeof required)[number], string>;
  const tenantId = 'smoke';
  const connections = new InMemoryConnectionStore();
  // An expired access token: the run starts with a real refresh against Intuit.
  await connections.save({
    tenantId,
    realmId: env.QBO_REALM_ID,
    companyName: null,
    status: 'connected',
    statusReason: null,
    tokens: { accessToken: 'expired', refreshToken: env.QBO_REFRESH_TOKEN, createdAt: 0, accessTokenExpiresAt: 0, refreshTokenExpiresAt: Date.now() + 86_400_000 },
  });
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const { gateway } = createQboAdapters({
    options: {
      clientId: env.QBO_CLIENT_ID,
      clientSecret: env.QBO_CLIENT_SECRET,
      redirectUri: process.env.QBO_REDIRECT_URI ?? 'https://developer.intuit.com/v2/OAuth2Playground/RedirectUrl',
      environment: 'sandbox',
    },
    connections,
    clock: { now: () => Date.now() },
    logger: quiet,
  });
  try {
    await run(gateway, tenantId);
    console.log('\nThe sandbox smoke run passed.');
    return 0;
  } catch (error) {
    if (error instanceof SmokeFailure) {
      console.error(`FAIL ${error.message}`);
      return 1;
    }
    console.error(`FAIL ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    const rotated = (await connections.get(tenantId))?.tokens.refreshToken;
    const out = process.env.QBO_REFRESH_TOKEN_OUT;
    if (rotated && rotated !== env.QBO_REFRESH_TOKEN && out) {
      writeFileSync(out, `${rotated}\n`, { mode: 0o600 });
      console.log(`The rotated refresh token was written to ${out}.`);
    } else if (rotated && rotated !== env.QBO_REFRESH_TOKEN) {
      console.log('Intuit rotated the refresh token; the one you passed stays valid for 24 hours (set QBO_REFRESH_TOKEN_OUT to keep the new one).');
    }
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`FAIL ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
