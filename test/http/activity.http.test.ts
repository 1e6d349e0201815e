import request from 'supertest';
import { createSqliteDatabase } from '../support/database';
import { useHostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';

describe('GET /activity answers bad input with a 4xx and a message', () => {
  const stack = useHostStack({ database: createSqliteDatabase, hostTables: false });

  it.each([
    ['limit=0', 'invalid_query'],
    ['limit=abc', 'invalid_query'],
    ['limit=5000', 'invalid_query'],
    ['kind=vendor', 'invalid_query'],
    ['outcome=maybe', 'invalid_query'],
    ['limit=1&limit=2', 'invalid_query'],
    ['cursor=not-a-cursor-we-gave', 'invalid_cursor'],
  ])('%s → 400 %s', async (query, code) => {
    const response = await request(stack.host.app).get(`${mountPath}/activity?${query}`).set('x-company-id', '7');
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code, message: expect.any(String) });
  });

  it('answers an empty first page for a tenant with no activity', async () => {
    const response = await request(stack.host.app).get(`${mountPath}/activity`).set('x-company-id', '7').expect(200);
    expect(response.body).toEqual({ items: [], nextCursor: null });
  });
});
