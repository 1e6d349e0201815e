import request from 'supertest';
import { createSqliteDatabase } from '../support/database';
import { useHostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';
import { ActivityLog } from '../../src/plugin';

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

describe('GET /activity shows ids that tell nothing about other tenants', () => {
  const stack = useHostStack({ database: createSqliteDatabase, hostTables: false });

  it("hands out opaque entry ids and cursors, not the log's one sequence, and one tenant's open nothing for another", async () => {
    const log = stack.host.plugin.container.get<ActivityLog>(ActivityLog);
    const record = (tenantId: string, n: number) =>
      log.record({ tenantId, at: n, action: 'create', kind: 'customer', hostId: String(n), qboId: null, outcome: 'failure', message: `entry ${n}`, outboxId: String(n) });
    for (let n = 1; n <= 6; n += 1) await record(n % 2 ? 'odd' : 'even', n); // interleaved: odd sees rows 1, 3, 5
    const page = await request(stack.host.app).get(`${mountPath}/activity?limit=2`).set('x-company-id', 'odd').expect(200);

    expect(page.body.items.map((i: { message: string }) => i.message)).toEqual(['entry 5', 'entry 3']);
    for (const item of page.body.items) {
      expect(item.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(item.outboxId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    }
    expect(page.body.nextCursor).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const next = await request(stack.host.app).get(`${mountPath}/activity?limit=2&cursor=${page.body.nextCursor}`).set('x-company-id', 'odd').expect(200);
    expect(next.body).toEqual({ items: [expect.objectContaining({ message: 'entry 1' })], nextCursor: null });

    await request(stack.host.app).get(`${mountPath}/activity?cursor=${page.body.nextCursor}`).set('x-company-id', 'even').expect(400);
    const foreign = await request(stack.host.app).post(`${mountPath}/activity/${page.body.items[0].id}/retry`).set('x-company-id', 'even').expect(404);
    expect(foreign.body.error.code).toBe('activity_not_found');
  });
});
