import request from 'supertest';
import { createReferenceHostTables } from '../../examples/reference-host/reference-host-schema';
import { startQboEmulator } from '../../src/adapters/qbo/emulator/start-qbo-emulator';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createRealm, seedQbo } from '../support/emulator-seed';
import { connectThroughOAuth } from '../support/oauth-walk';
import { createTestHost, mountPath, type TestHost } from '../support/test-host';

const tenant = '741';
const qboOnly = 60;

/** Two admins (or a double click) importing at the same moment: each QBO record lands in the host once. */
describe('concurrent POST /import/* on MariaDB and the emulator', () => {
  let db: TestDatabase;
  let emulator: Awaited<ReturnType<typeof startQboEmulator>>;
  let host: TestHost;
  let realmId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await createReferenceHostTables(db.knex);
    emulator = await startQboEmulator({ port: 0 });
    realmId = await createRealm(emulator.url, 'Twice Pools');
    for (let n = 0; n < qboOnly; n++) await seedQbo(emulator.url, realmId, 'customer', { DisplayName: `Twice Customer ${n}`, GivenName: 'Twice', FamilyName: `Customer ${n}` });
    host = await createTestHost(db.knex, emulator.url);
    expect((await connectThroughOAuth(host.app, tenant)).status).toBe(303);
    // Slow QBO reads so that both requests are reading QuickBooks at the same time.
    await fetch(`${emulator.url}/__emulator/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 100 }) });
  });

  afterAll(async () => {
    await host?.plugin.stop();
    await emulator?.close();
    await db?.destroy();
  });

  const importAll = () => request(host.app).post(`${mountPath}/import/customers`).set('x-company-id', tenant).send({});

  const hostNameCounts = async (): Promise<Map<string, number>> => {
    const rows: { first_name: string; last_name: string; n: number }[] = await db.knex('customers')
      .where({ company_id: tenant }).select('first_name', 'last_name').count({ n: '*' }).groupBy('first_name', 'last_name');
    return new Map(rows.map((row) => [`${row.first_name} ${row.last_name}`, Number(row.n)]));
  };

  it('inserts every QBO-only customer once: one request imports them, the other imports none or is told to try again', async () => {
    const answers = await Promise.all([importAll(), importAll(), importAll()]);

    for (const answer of answers) {
      if (answer.status === 200) continue;
      expect(answer.status).toBe(409);
      expect(answer.body.error).toMatchObject({ code: 'import_busy', message: expect.stringMatching(/nothing was imported\. Try again in a moment/) });
    }
    const imported = answers.filter((answer) => answer.status === 200).map((answer) => answer.body.imported as number);
    expect(imported.reduce((sum, n) => sum + n, 0)).toBe(qboOnly);
    expect(imported).toContain(qboOnly);
    const counts = await hostNameCounts();
    expect(counts.size).toBe(qboOnly);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const links = await db.knex('qbo_links').where({ tenant_id: tenant, kind: 'customer' }).count({ n: '*' }).first();
    expect(Number(links!.n)).toBe(qboOnly);
  });

  it('imports nothing more when asked again once the others are done', async () => {
    expect((await importAll().expect(200)).body).toEqual({ imported: 0 });
    expect((await hostNameCounts()).size).toBe(qboOnly);
  });
});
