import { InMemoryActivityLog } from '../../../src/adapters/memory/in-memory-activity.log';
import { InMemoryOpaqueIds } from '../../../src/adapters/memory/in-memory-opaque.ids';
import { InMemoryConnectionStore } from '../../../src/adapters/memory/in-memory-connection.store';
import { InMemoryHostDirectory } from '../../../src/adapters/memory/in-memory-host.directory';
import { InMemoryLinkStore } from '../../../src/adapters/memory/in-memory-link.store';
import { InMemoryOutboxStore } from '../../../src/adapters/memory/in-memory-outbox.store';
import { InMemorySettingsStore } from '../../../src/adapters/memory/in-memory-settings.store';
import { InMemorySweepMarkStore } from '../../../src/adapters/memory/in-memory-sweep-mark.store';
import { InMemoryTenantLease } from '../../../src/adapters/memory/in-memory-tenant.lease';
import { InMemoryWriteJournal } from '../../../src/adapters/memory/in-memory-write.journal';
import { createQboAdapters } from '../../../src/adapters/qbo/create-qbo-adapters';
import { RememberedConnections } from '../../../src/application/connection/remembered-connections';
import { defaultDeliveryPolicy } from '../../../src/application/delivery/delivery-policy';
import { RecordDecider } from '../../../src/application/delivery/record-decider';
import { createDeliveryEngine } from '../../../src/composition/delivery-engine';
import { startQboEmulator, type RunningQboEmulator } from '../../../src/emulator/start-qbo-emulator';
import { aCustomer, anInvoice, anItem, aPayment } from '../../support/domain/host-records.builder';
import { emulatorRequests } from '../../support/emulator-state';
import { RecordingLogger } from '../../support/recording-logger';

// One trickle change, from the outbox row to QBO: every input of its decision is read once per round, and it is
// decided once. In-memory stores behind counting proxies; QBO is the emulator over real HTTP.
const tenantId = 'trickle-co';

/** Counts calls per method; calls an adapter makes to itself (readMany → read) are not counted twice. */
const counted = <T extends object>(target: T, calls: Map<string, number>): T =>
  new Proxy(target, {
    get: (object, property) => {
      const value = (object as Record<PropertyKey, unknown>)[property];
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(property), (calls.get(String(property)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });

const sum = (calls: Map<string, number>, methods: readonly string[]) => methods.reduce((total, method) => total + (calls.get(method) ?? 0), 0);

describe('one trickle change', () => {
  let emulator: RunningQboEmulator;
  beforeAll(async () => {
    emulator = await startQboEmulator({ port: 0 });
  });
  afterAll(() => emulator.close());

  /**
   * `homeCurrency`: the company's currency as kept; null: not read yet, so the first round reads it once.
   * `remember`: the plugin's wiring, every port and the gateway sharing one RememberedConnections (ADR 0075).
   */
  const stack = async (homeCurrency: string | null = 'USD', remember = false) => {
    const realm = (await (await fetch(`${emulator.url}/__emulator/realms`, { method: 'POST' })).json()) as { realmId: string; accessToken: string; refreshToken: string };
    const clock = { now: () => Date.now() };
    const activity = new InMemoryActivityLog();
    const [host, links, journal, settings, connections, outbox] = [new InMemoryHostDirectory(), new InMemoryLinkStore(), new InMemoryWriteJournal(), new InMemorySettingsStore(), new InMemoryConnectionStore(), new InMemoryOutboxStore(clock)];
    const now = clock.now();
    await connections.save({
      tenantId, realmId: realm.realmId, companyName: null, status: 'connected', statusReason: null,
      tokens: { accessToken: realm.accessToken, refreshToken: realm.refreshToken, createdAt: now, accessTokenExpiresAt: now + 3_600_000, refreshTokenExpiresAt: now + 8_726_400_000 },
    });
    await settings.update(tenantId, { syncEnabled: true, enabledAt: now, incomeAccountId: '1', depositAccountId: '2', linkedRealmId: realm.realmId, homeCurrency });
    const reads = { settings: new Map<string, number>(), connection: new Map<string, number>(), tokens: new Map<string, number>(), host: new Map<string, number>(), links: new Map<string, number>(), journal: new Map<string, number>() };
    const logger = new RecordingLogger();
    // The gateway looks the tenant's token up itself, once per QBO request; it is counted apart from delivery's reads.
    const remembered = new RememberedConnections(counted(connections, reads.connection), clock);
    const { gateway } = createQboAdapters({ options: { clientId: 'c', clientSecret: 's', redirectUri: 'http://localhost/cb', environment: 'sandbox', apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url }, connections: remember ? remembered : counted(connections, reads.tokens), clock, logger });
    const engine = createDeliveryEngine(
      {
        clock, logger, randomSource: { next: () => 0.5 }, opaqueIds: new InMemoryOpaqueIds(), outboxStore: outbox, activityLog: activity, tenantLease: new InMemoryTenantLease(), sweepMarkStore: new InMemorySweepMarkStore(), qboGateway: gateway,
        settingsStore: counted(settings, reads.settings), connectionStore: remember ? remembered : counted(connections, reads.connection), hostDirectory: counted(host, reads.host), linkStore: counted(links, reads.links), writeJournal: counted(journal, reads.journal),
      },
      defaultDeliveryPolicy,
    );
    const decisions = jest.spyOn(RecordDecider.prototype, 'decide');
    const deliver = async (change: () => void) => {
      change();
      await outbox.enqueue([{ tenantId, kind: 'customer', hostId: '17' }]);
      for (const calls of Object.values(reads)) calls.clear();
      decisions.mockClear();
      const requestsBefore = (await emulatorRequests(emulator.url, realm.realmId)).length;
      expect(await engine.runDeliveryRound.execute(tenantId, 'worker')).toEqual({ settled: 1, leased: true });
      return {
        settings: sum(reads.settings, ['get']),
        connection: sum(reads.connection, ['get']),
        hostRow: sum(reads.host, ['read', 'readMany', 'getCustomer']),
        link: sum(reads.links, ['get', 'getMany', 'findByQboId']),
        journal: sum(reads.journal, ['get', 'getMany', 'withLookup']),
        decisions: decisions.mock.calls.length,
        qboRequests: (await emulatorRequests(emulator.url, realm.realmId)).length - requestsBefore,
        gatewayTokenLookups: sum(reads.tokens, ['get']),
      };
    };
    return { host, links, settings, outbox, engine, activity, deliver, reads, restore: () => decisions.mockRestore() };
  };

  it('reads settings, connection, host row, link and journal once each, and decides once, for a create and then an update', async () => {
    const s = await stack();
    const once = { settings: 1, connection: 1, hostRow: 1, link: 1, journal: 1, decisions: 1, qboRequests: 1, gatewayTokenLookups: 1 };
    try {
      expect(await s.deliver(() => s.host.putCustomer(tenantId, aCustomer({ id: '17' }), Date.now()))).toEqual(once);
      expect(await s.links.get(tenantId, 'customer', '17')).toMatchObject({ qboEntity: 'Customer', fingerprint: expect.any(String) });
      expect(await s.deliver(() => s.host.putCustomer(tenantId, aCustomer({ id: '17', email: 'maria@lopez.example' }), Date.now()))).toEqual(once);
    } finally {
      s.restore();
    }
  });

  it('reads the company\'s home currency once, in the first round that needs it, and keeps it', async () => {
    const s = await stack(null);
    const once = { settings: 1, connection: 1, hostRow: 1, link: 1, journal: 1, decisions: 1, qboRequests: 1, gatewayTokenLookups: 1 };
    try {
      expect(await s.deliver(() => s.host.putCustomer(tenantId, aCustomer({ id: '17' }), Date.now()))).toEqual({ ...once, qboRequests: 2, gatewayTokenLookups: 2 });
      expect((await s.settings.get(tenantId)).homeCurrency).toBe('USD');
      expect(await s.deliver(() => s.host.putCustomer(tenantId, aCustomer({ id: '17', email: 'maria@lopez.example' }), Date.now()))).toEqual(once);
    } finally {
      s.restore();
    }
  });

  it('reads the connection once a round when the gateway shares it: no request reads it again (ADR 0075)', async () => {
    const s = await stack('USD', true);
    const once = { settings: 1, connection: 1, hostRow: 1, link: 1, journal: 1, decisions: 1, qboRequests: 1, gatewayTokenLookups: 0 };
    try {
      expect(await s.deliver(() => s.host.putCustomer(tenantId, aCustomer({ id: '17' }), Date.now()))).toEqual(once);
      expect(await s.deliver(() => s.host.putCustomer(tenantId, aCustomer({ id: '17', email: 'maria@lopez.example' }), Date.now()))).toEqual(once);
    } finally {
      s.restore();
    }
  });

  /** Money's accounts, customer 17 and items i-1 and i-2 in the host; when they were written. */
  const withCustomerAndItems = async (s: Awaited<ReturnType<typeof stack>>): Promise<number> => {
    const now = Date.now();
    // The emulator's accounts in the order it makes them: Checking (1), …, Services (6), an income account.
    await s.settings.update(tenantId, { incomeAccountId: '6', depositAccountId: '1' });
    s.host.putCustomer(tenantId, aCustomer({ id: '17' }), now);
    for (const id of ['i-1', 'i-2']) s.host.putItem(tenantId, anItem({ id, name: `Item ${id}`, sku: null }), now);
    return now;
  };

  it('leaves nothing to look at again after a paid invoice whose invoice and payment rows went in one round', async () => {
    const s = await stack();
    try {
      const now = await withCustomerAndItems(s);
      s.host.putInvoice(tenantId, anInvoice({ issuedOn: new Date(now).toISOString().slice(0, 10) }), now);
      s.host.putPayment(tenantId, aPayment({ receivedOn: new Date(now).toISOString().slice(0, 10) }), now);
      await s.outbox.enqueue([{ tenantId, kind: 'invoice', hostId: 'inv-1' }, { tenantId, kind: 'payment', hostId: 'p-1' }]);
      expect(await s.engine.runDeliveryRound.execute(tenantId, 'worker')).toEqual({ settled: 2, leased: true });
      expect(await s.links.get(tenantId, 'payment', 'p-1')).toMatchObject({ qboEntity: 'Payment' });
      // The payment's write would bring its invoice back; the round delivered the invoice with the payment's row in place.
      expect(await s.outbox.stats(tenantId, Date.now())).toMatchObject({ pending: 0, failing: 0, failed: 0 });
    } finally {
      s.restore();
    }
  });

  it('sends ten paid invoices that piled up as two QBO batches, the invoices and then their payments, and leaves nothing to look at again', async () => {
    const s = await stack();
    try {
      const now = await withCustomerAndItems(s);
      const today = new Date(now).toISOString().slice(0, 10);
      // The customer and the items first, as a company's initial sync leaves them.
      await s.outbox.enqueue([{ tenantId, kind: 'customer', hostId: '17' }, { tenantId, kind: 'item', hostId: 'i-1' }, { tenantId, kind: 'item', hostId: 'i-2' }]);
      expect(await s.engine.runDeliveryRound.execute(tenantId, 'worker')).toEqual({ settled: 3, leased: true });
      const pairs = Array.from({ length: 10 }, (_, n) => ({ invoiceId: `inv-${n}`, paymentId: `p-${n}`, cents: 10_000 + n }));
      for (const { invoiceId, paymentId, cents } of pairs) {
        s.host.putInvoice(tenantId, anInvoice({ id: invoiceId, number: `10${n(invoiceId)}`, issuedOn: today, totalCents: cents, lines: [{ id: `l-${invoiceId}`, catalogItemId: 'i-1', description: 'Service', quantity: 1, unitPriceCents: cents, amountCents: cents, taxable: false }] }), now);
        s.host.putPayment(tenantId, aPayment({ id: paymentId, invoiceId, amountCents: cents, receivedOn: today }), now);
      }
      await s.outbox.enqueue(pairs.flatMap(({ invoiceId, paymentId }) => [{ tenantId, kind: 'invoice' as const, hostId: invoiceId }, { tenantId, kind: 'payment' as const, hostId: paymentId }]));
      const realm = (await s.settings.get(tenantId)).linkedRealmId!;
      const before = (await emulatorRequests(emulator.url, realm)).length;
      expect(await s.engine.runDeliveryRound.execute(tenantId, 'worker')).toEqual({ settled: 20, leased: true });
      const sent = (await emulatorRequests(emulator.url, realm)).slice(before);
      expect(sent.map((request) => `${request.method} ${request.path.split('/').pop()}`)).toEqual(['POST batch', 'POST batch']);
      for (const { invoiceId, paymentId } of pairs) {
        expect(await s.links.get(tenantId, 'invoice', invoiceId)).toMatchObject({ qboEntity: 'Invoice' });
        expect(await s.links.get(tenantId, 'payment', paymentId)).toMatchObject({ qboEntity: 'Payment' });
      }
      expect(await s.outbox.stats(tenantId, Date.now())).toMatchObject({ pending: 0, failing: 0, failed: 0 });
    } finally {
      s.restore();
    }
  });
  it('reads the customer, the item, each invoice\'s payments and the links a round of ten paid invoices names once, not once per decision (ADR 0078)', async () => {
    const s = await stack();
    try {
      const now = await withCustomerAndItems(s);
      const today = new Date(now).toISOString().slice(0, 10);
      await s.outbox.enqueue([{ tenantId, kind: 'customer', hostId: '17' }, { tenantId, kind: 'item', hostId: 'i-1' }, { tenantId, kind: 'item', hostId: 'i-2' }]);
      expect(await s.engine.runDeliveryRound.execute(tenantId, 'worker')).toEqual({ settled: 3, leased: true });
      const pairs = Array.from({ length: 10 }, (_, k) => ({ invoiceId: `inv-${k}`, paymentId: `p-${k}`, cents: 10_000 + k }));
      for (const { invoiceId, paymentId, cents } of pairs) {
        s.host.putInvoice(tenantId, anInvoice({ id: invoiceId, number: `10${n(invoiceId)}`, issuedOn: today, totalCents: cents, lines: [{ id: `l-${invoiceId}`, catalogItemId: 'i-1', description: 'Service', quantity: 1, unitPriceCents: cents, amountCents: cents, taxable: false }] }), now);
        s.host.putPayment(tenantId, aPayment({ id: paymentId, invoiceId, amountCents: cents, receivedOn: today }), now);
      }
      await s.outbox.enqueue(pairs.flatMap(({ invoiceId, paymentId }) => [{ tenantId, kind: 'invoice' as const, hostId: invoiceId }, { tenantId, kind: 'payment' as const, hostId: paymentId }]));
      for (const calls of Object.values(s.reads)) calls.clear();
      expect(await s.engine.runDeliveryRound.execute(tenantId, 'worker')).toEqual({ settled: 20, leased: true });
      // Host rows and links alike: the round's invoices and payments (at its start), the customer, the item, and the
      // invoices once more after their writes (read anew, as the round's own states are). Each decision reading them
      // again, as before, made 152 host reads and 62 link reads here (the customer's row 50 times, each invoice's payments 6).
      expect(Object.fromEntries(s.reads.host)).toEqual({ readMany: 5, everyPaymentForInvoices: 1 });
      expect(Object.fromEntries(s.reads.links)).toEqual({ getMany: 5, saveMany: 2 });
      expect(await s.outbox.stats(tenantId, Date.now())).toMatchObject({ pending: 0, failing: 0, failed: 0 });
    } finally {
      s.restore();
    }
  });
});

const n = (id: string): string => id.split('-')[1]!;
