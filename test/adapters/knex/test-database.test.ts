import { createTestDatabase } from '../../support/database';

describe('the test database helper', () => {
  const saved = process.env['MYSQL_URL'];
  afterEach(() => {
    if (saved === undefined) delete process.env['MYSQL_URL'];
    else process.env['MYSQL_URL'] = saved;
  });

  it('fails loudly, naming the URL, when MariaDB does not answer', async () => {
    process.env['MYSQL_URL'] = 'mysql://root@127.0.0.1:1/test';
    await expect(createTestDatabase()).rejects.toThrow(/MariaDB at mysql:\/\/root@127\.0\.0\.1:1\/test did not answer/);
  });

  it('creates a database of its own and drops it', async () => {
    const db = await createTestDatabase();
    const [rows] = (await db.knex.raw('SELECT DATABASE() AS name')) as [{ name: string }[]];
    expect(rows[0]?.name).toBe(db.name);
    await db.destroy();
    const probe = await createTestDatabase();
    const [left] = (await probe.knex.raw('SHOW DATABASES LIKE ?', [db.name])) as [unknown[]];
    expect(left).toEqual([]);
    await probe.destroy();
  });
});
