import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createReferenceHostTables } from '../../examples/reference-host/reference-host-schema';
import { InMemoryQboAuthorizer } from '../../src/adapters/memory/in-memory-qbo.authorizer';
import { InMemoryQboGateway } from '../../src/adapters/memory/in-memory-qbo.gateway';
import { InMemoryQboCompanyCheck } from '../../src/adapters/memory/in-memory-qbo-company.check';
import { createQboEmulatorApp } from '../../src/emulator/start-qbo-emulator';
import { QboAuthorizer, QboCompanyCheck, QboGateway } from '../../src/plugin';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { enableSync } from '../support/setup-walk';
import { createTestHost, mountPath, type TestHost } from '../support/test-host';

// How a maintainer swaps an adapter: rebind its port in `overrides`. Here the three QBO ports go in-memory, and the
// emulator the host is configured with must hear nothing at all.
const tenant = '77';
const redirectUri = `http://host.test${mountPath}/oauth/callback`;

describe('adapters swapped through the overrides option (MariaDB + in-memory QBO)', () => {
  let db: TestDatabase;
  let emulator: Server;
  let emulatorHits = 0;
  let host: TestHost;
  const gateway = new InMemoryQboGateway();
  const authorizer = new InMemoryQboAuthorizer({ now: () => Date.now() }, { redirectUri });
  const companyCheck = new InMemoryQboCompanyCheck(authorizer, () => 'Swapped Pools LLC');

  beforeAll(async () => {
    db = await createTestDatabase();
    await createReferenceHostTables(db.knex);
    const app = createQboEmulatorApp();
    emulator = createServer((req, res) => {
      emulatorHits += 1;
      app(req, res);
    });
    await new Promise<void>((resolve) => emulator.listen(0, '127.0.0.1', resolve));
    const emulatorUrl = `http://127.0.0.1:${(emulator.address() as AddressInfo).port}`;
    host = await createTestHost(db.knex, emulatorUrl, {
      overrides: (container) => {
        container.rebind(QboGateway).toConstantValue(gateway);
        container.rebind(QboAuthorizer).toConstantValue(authorizer);
        container.rebind(QboCompanyCheck).toConstantValue(companyCheck);
      },
    });
  });

  afterAll(async () => {
    await host?.plugin.stop();
    await new Promise((resolve) => emulator?.close(resolve));
    await db?.destroy();
  });

  it('connects, enables the sync and delivers a host customer to the in-memory QBO; the emulator receives nothing', async () => {
    gateway.open(tenant, 'Swapped Pools LLC');
    const authorize = await request(host.app).post(`${mountPath}/connection/authorize`).set('x-company-id', tenant).expect(200);
    const callback = new URL(authorizer.consent(authorize.body.url as string, '4620816365000000001'));
    await request(host.app).get(`${callback.pathname}${callback.search}`).set('x-company-id', tenant).expect(303);
    const connection = await request(host.app).get(`${mountPath}/connection`).set('x-company-id', tenant).expect(200);
    expect(connection.body).toMatchObject({ status: 'connected', realmId: '4620816365000000001', companyName: 'Swapped Pools LLC' });
    await enableSync(host.app, tenant);

    const writesBefore = gateway.writeCount;
    await db.knex.transaction(async (trx) => {
      const [id] = await trx('customers').insert({
        company_id: tenant, first_name: 'Maria', last_name: 'Lopez', company_name: null, display_as_company: false, email: 'maria@example.com',
        phone: '813-555-0100', street: '12 Palm Way', city: 'Tampa', state: 'FL', zip: '33601', is_active: true, created_at: new Date(), updated_at: new Date(),
      });
      await host.plugin.notify({ tenantId: tenant, kind: 'customer', id: id! }, { trx });
    });
    await host.plugin.deliverPending();

    const found = await gateway.findByName(tenant, 'Customer', 'Maria Lopez');
    expect(found).toMatchObject({ ok: true, value: { fields: { givenName: 'Maria', familyName: 'Lopez', email: 'maria@example.com', active: true } } });
    expect(gateway.writeCount).toBe(writesBefore + 1);
    expect(emulatorHits).toBe(0);
  });
});
