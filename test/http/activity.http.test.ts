import request from 'supertest';
import { startQboEmulator } from '../../src/adapters/qbo/emulator/start-qbo-emulator';
import { createSqliteDatabase } from '../support/database';
import { createTestHost, mountPath, type TestHost } from '../support/test-host';

describe('GET /activity answers bad input with a 4xx and a message', () => {
  let host: TestHost;
  let emulator: Awaited<ReturnType<typeof startQboEmulator>>;
  let closeDb: () => Promise<void>;

  beforeAll(async () => {
    const db = await createSqliteDatabase();
    closeDb = () => db.destroy();
    emulator = await startQboEmulator({ port: 0 });
    host = await createTestHost(db.knex, emulator.url);
  });

  afterAll(async () => {
    await emulator.close();
    await closeDb();
  });

  it.each([
    ['limit=0', 'invalid_query'],
    ['limit=abc', 'invalid_query'],
    ['limit=5000', 'invalid_query'],
    ['kind=vendor', 'invalid_query'],
    ['outcome=maybe', 'invalid_query'],
    ['limit=1&limit=2', 'invalid_query'],
    ['cursor=not-a-cursor-we-gave', 'invalid_cursor'],
  ])('%s → 400 %s', async (query, code) => {
    const response = await request(host.app).get(`${mountPath}/activity?${query}`).set('x-company-id', '7');
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code, message: expect.any(String) });
  });

  it('answers an empty first page for a tenant with no activity', async () => {
    const response = await request(host.app).get(`${mountPath}/activity`).set('x-company-id', '7').expect(200);
    expect(response.body).toEqual({ items: [], nextCursor: null });
  });
});
