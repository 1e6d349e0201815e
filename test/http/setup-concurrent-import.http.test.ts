import request from 'supertest';
import { createRealm, seedQbo } from '../support/emulator-seed';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { mountPath } from '../support/test-host';

const tenant = '741';
const qboOnly = 60;

/** Two admins (or a double click) importing at the same moment: each QBO record lands in the host once. */
describe('concurrent POST /import/* on MariaDB and the emulator', () => {
  let realmId: string;

  const stack = useHostStack({
    seed: async ({ emulator }) => {
      realmId = await createRealm(emulator.url, 'Twice Pools');
      for (let n = 0; n < qboOnly; n++) await seedQbo(emulator.url, realmId, 'customer', { DisplayName: `Twice Customer ${n}`, GivenName: 'Twice', FamilyName: `Customer ${n}` });
    },
  });

  beforeAll(async () => {
    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
    // Slow QBO reads so that both requests are reading QuickBooks at the same time.
    await fetch(`${stack.emulator.url}/__emulator/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 100 }) });
  });

  const importAll = () => request(stack.host.app).post(`${mountPath}/import/customers`).set('x-company-id', tenant).send({});

  const hostNameCounts = async (): Promise<Map<string, number>> => {
    const rows: { first_name: string; last_name: string; n: number }[] = await stack.db.knex('customers')
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
    const links = await stack.db.knex('qbo_links').where({ tenant_id: tenant, kind: 'customer' }).count({ n: '*' }).first();
    expect(Number(links!.n)).toBe(qboOnly);
  });

  it('imports nothing more when asked again once the others are done', async () => {
    expect((await importAll().expect(200)).body).toEqual({ imported: 0 });
    expect((await hostNameCounts()).size).toBe(qboOnly);
  });
});
