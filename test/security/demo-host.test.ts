import knexFactory, { type Knex } from 'knex';
import { startDemoHost, type RunningDemoHost } from '../../examples/demo-host/start-demo-host';

/** The demo signs everyone in as its admin, so it keeps to this machine and to its own pages (issue 21). */
describe('the demo host', () => {
  let knex: Knex;
  let demo: RunningDemoHost;
  const customers = async () => Number((await knex('customers').count({ n: '*' }))[0]?.n);
  const post = (headers: Record<string, string>) =>
    fetch(`${demo.url}/customers`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'first_name=Eve&last_name=Forged' });

  beforeAll(async () => {
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    demo = await startDemoHost({ port: 0, database: knex, pollMs: 60_000 });
  });
  afterAll(async () => {
    await demo?.close();
    await knex?.destroy();
  });

  it('listens on 127.0.0.1 unless told otherwise', () => {
    expect(demo.address).toBe('127.0.0.1');
    expect(demo.url).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it('refuses a form posted from another site or origin, and takes its own', async () => {
    const before = await customers();
    const foreign: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site', origin: 'http://localhost:1' }];
    for (const headers of foreign) {
      const refused = await post(headers);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('sent from another site and was refused');
    }
    expect(await customers()).toBe(before);
    const own = await post({ origin: demo.url, 'sec-fetch-site': 'same-origin' });
    expect([own.status, own.headers.get('location')]).toEqual([303, '/#customers']);
    expect(await customers()).toBe(before + 1);
  });
});
