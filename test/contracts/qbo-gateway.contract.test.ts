import { InMemoryConnectionStore } from '../../src/adapters/memory/in-memory-connection.store';
import { startQboEmulator } from '../../src/emulator/start-qbo-emulator';
import { createQboAdapters } from '../../src/adapters/qbo/create-qbo-adapters';
import type { QboLimits } from '../../src/adapters/qbo/qbo-options';
import type { QboGateway } from '../../src/application/ports/qbo-gateway.port';
import { QboFailure } from '../../src/application/ports/qbo-gateway.port';
import { InMemoryQboGateway } from '../../src/adapters/memory/in-memory-qbo.gateway';
import { recordingLogger } from '../adapters/qbo/fake-token-server';
import { accountsOf, all, customer, describeQboGatewayContract, requestId, unique, valueOf } from './qbo-gateway.contract';

// One contract for both QboGateways (the HTTP one against the emulator over real HTTP, the in-memory one);
// what only HTTP has (intuit_tid, dropped connections, retries, throttling, token refresh) is tested below on its own.
const timeScale = 0.01;
const limits: QboLimits = { perMinute: 20, concurrent: 3, batchPerMinute: 5 };

let emulator: { url: string; close(): Promise<void> };
let tenants = 0;

beforeAll(async () => {
  emulator = await startQboEmulator({ port: 0 });
  await control('POST', '/__emulator/config', { rateLimits: limits, latencyMs: 0, timeScale });
});
afterAll(() => emulator.close());

async function control(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  return response.json();
}

interface Tenant {
  readonly tenantId: string;
  seedPerson(entity: 'Vendor' | 'Employee', displayName: string): Promise<void>;
  readonly realmId: string;
  readonly gateway: QboGateway;
  readonly connections: InMemoryConnectionStore;
  readonly requests: () => Promise<{ method: string; path: string; requestid?: string; status: number }[]>;
  readonly fault: (kind: string, count?: number) => Promise<void>;
}

const newTenant = async (salesTax?: 'automated' | 'manual' | 'off', homeCurrency?: string): Promise<Tenant> => {
  const body = { ...(salesTax ? { salesTax } : {}), ...(homeCurrency ? { homeCurrency } : {}) };
  const realm = (await control('POST', '/__emulator/realms', Object.keys(body).length > 0 ? body : undefined)) as { realmId: string; accessToken: string; refreshToken: string };
  const tenantId = `tenant-${(tenants += 1)}`;
  const connections = new InMemoryConnectionStore();
  const now = Date.now();
  await connections.save({
    tenantId,
    realmId: realm.realmId,
    companyName: null,
    status: 'connected',
    statusReason: null,
    tokens: { accessToken: realm.accessToken, refreshToken: realm.refreshToken, createdAt: now, accessTokenExpiresAt: now + 3_600_000, refreshTokenExpiresAt: now + 8_726_400_000 },
  });
  const { gateway } = createQboAdapters({
    options: { clientId: 'client', clientSecret: 'secret', redirectUri: 'http://localhost/cb', environment: 'sandbox', apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url, timeScale, requestTimeoutMs: 400, limits },
    connections,
    clock: { now: () => Date.now() },
    logger: recordingLogger(),
  });
  return {
    tenantId,
    realmId: realm.realmId,
    gateway,
    connections,
    seedPerson: async (entity, displayName) => {
      await control('POST', `/__emulator/realms/${realm.realmId}/entities/${entity}`, { DisplayName: displayName });
    },
    requests: async () => {
      const log = await control('GET', `/__emulator/realms/${realm.realmId}/requests`);
      return Array.isArray(log) ? log : log.requests;
    },
    fault: async (kind, count = 1) => {
      await control('POST', '/__emulator/faults', { realmId: realm.realmId, kind, count });
    },
  };
};

describeQboGatewayContract('HTTP gateway against the emulator', newTenant);

let memoryTenants = 0;
describeQboGatewayContract('in memory', async (salesTax = 'off', homeCurrency?: string) => {
  const gateway = new InMemoryQboGateway();
  const tenantId = `memory-tenant-${(memoryTenants += 1)}`;
  gateway.setSalesTax(tenantId, salesTax);
  if (homeCurrency) gateway.setHomeCurrency(tenantId, homeCurrency);
  return {
    tenantId,
    gateway,
    seedPerson: async (entity, displayName) => {
      gateway.seed(tenantId, entity, { displayName, active: true });
    },
  };
});

describe('HttpQboGateway against the emulator: what only HTTP has', () => {
  let tenant: Tenant;
  beforeEach(async () => {
    tenant = await newTenant();
  });

  it("keeps QBO's intuit_tid on a refusal, for Intuit support", async () => {
    const name = unique('Traced');
    valueOf(await tenant.gateway.create(tenant.tenantId, customer(name), requestId()));
    const duplicate = await tenant.gateway.create(tenant.tenantId, customer(name), requestId());
    expect(duplicate.ok ? null : duplicate.error.intuitTid).toEqual(expect.any(String));
  });

  it('answers ClosedPeriod, in plain words, for a payment dated in books the bookkeeper closed', async () => {
    const { bankId } = await accountsOf(tenant);
    const customerRef = valueOf(await tenant.gateway.create(tenant.tenantId, customer(unique('Closed')), requestId()));
    await control('POST', `/__emulator/realms/${tenant.realmId}/close-books`, { closedThrough: '2026-03-31' });
    const payment = await tenant.gateway.create(tenant.tenantId, { entity: 'Payment', fields: { customerId: customerRef.id, totalCents: 100, txnDate: '2026-03-02', depositAccountId: bankId, invoiceId: null, paymentRefNum: null, privateNote: unique('qbo-sync:t:payment') } }, requestId());
    expect(payment.ok ? null : { kind: payment.error.kind, code: payment.error.code }).toEqual({ kind: 'ClosedPeriod', code: '6210' });
    expect(payment.ok ? '' : payment.error.message).toMatch(/\S/);
  });

  describe('faults', () => {
    it('settles a create whose connection dropped after QBO applied it: exactly one record', async () => {
      const name = unique('Dropped');
      await tenant.fault('apply-then-drop');
      const ref = valueOf(await tenant.gateway.create(tenant.tenantId, customer(name), requestId()));
      const matching = (await all(tenant.gateway, tenant.tenantId, 'Customer')).filter((row) => row.fields.displayName === name);
      expect(matching.map((row) => row.ref.id)).toEqual([ref.id]);
      // Found by its name, not answered: another host record could own a record of that name.
      expect(ref.answered).toBeUndefined();
    });

    it('settles a dropped transaction create through its PrivateNote marker', async () => {
      const { bankId } = await accountsOf(tenant);
      const customerRef = valueOf(await tenant.gateway.create(tenant.tenantId, customer(unique('Credit')), requestId()));
      const marker = unique('qbo-sync:t:payment');
      await tenant.fault('apply-then-drop');
      const ref = valueOf(await tenant.gateway.create(tenant.tenantId, { entity: 'Payment', fields: { customerId: customerRef.id, totalCents: 100, txnDate: '2026-03-02', depositAccountId: bankId, invoiceId: null, paymentRefNum: null, privateNote: marker } }, requestId()));
      const matching = (await all(tenant.gateway, tenant.tenantId, 'Payment')).filter((row) => row.fields.privateNote === marker);
      expect(matching.map((row) => row.ref.id)).toEqual([ref.id]);
    });

    it('waits out a timeout, a 500 and an HTML 503, then succeeds', async () => {
      for (const kind of ['timeout', 'server-error', 'unavailable']) {
        await tenant.fault(kind);
        expect(valueOf(await tenant.gateway.create(tenant.tenantId, customer(unique(kind)), requestId()))).toMatchObject({ id: expect.any(String) });
      }
    });

    it('gives up with Unavailable after its bounded retries', async () => {
      await tenant.fault('server-error', 10);
      expect(await tenant.gateway.get(tenant.tenantId, 'Customer', '1')).toMatchObject({ ok: false, error: { kind: 'Unavailable' } });
    });

    it('waits after a 429 burst and succeeds, without itself exceeding the limits', async () => {
      await tenant.fault('throttle', 2);
      const results = await Promise.all(Array.from({ length: 30 }, () => tenant.gateway.companyName(tenant.tenantId)));
      expect(results.every((result) => result.ok)).toBe(true);
      const statuses = (await tenant.requests()).map((request) => request.status);
      expect(statuses.filter((status) => status === 429)).toHaveLength(2);
    });

    it('refreshes once after a 401 and retries', async () => {
      await tenant.fault('expire-access-token');
      expect(valueOf(await tenant.gateway.companyName(tenant.tenantId))).toEqual(expect.any(String));
      const stored = await tenant.connections.get(tenant.tenantId);
      expect(stored?.status).toBe('connected');
    });

    it('marks the connection needs_reconnect when the refresh token was revoked, and stops calling QBO', async () => {
      await tenant.fault('revoke-refresh-token');
      await tenant.fault('expire-access-token');
      expect(await tenant.gateway.companyName(tenant.tenantId)).toMatchObject({ ok: false, error: { kind: 'NotConnected' } });
      expect((await tenant.connections.get(tenant.tenantId))?.status).toBe('needs_reconnect');
      const before = (await tenant.requests()).length;
      expect(await tenant.gateway.get(tenant.tenantId, 'Customer', '1')).toMatchObject({ ok: false, error: { kind: 'NotConnected' } });
      expect((await tenant.requests()).length).toBe(before);
    });

    it('throws a QboFailure from list when QBO cannot be read', async () => {
      await tenant.fault('server-error', 10);
      await expect(all(tenant.gateway, tenant.tenantId, 'Customer')).rejects.toBeInstanceOf(QboFailure);
    });
  });
});
