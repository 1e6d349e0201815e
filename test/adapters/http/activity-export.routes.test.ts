import express, { type Express } from 'express';
import request from 'supertest';
import type { ActivityEntryInput } from '../../../src/application/ports/activity-log.port';
import type { Logger } from '../../../src/application/ports/logger.port';
import { ListActivity } from '../../../src/application/use-cases/list-activity.use-case';
import { InMemoryActivityLog } from '../../../src/adapters/memory/in-memory-activity.log';
import { InMemoryOpaqueIds } from '../../../src/adapters/memory/in-memory-opaque.ids';
import { createQboSyncRouter } from '../../../src/adapters/http/qbo-sync.router';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const entry = (n: number, fields: Partial<ActivityEntryInput> = {}): ActivityEntryInput => ({
  tenantId: '1', at: Date.UTC(2026, 0, 1, 0, 0, n), action: 'create', kind: 'customer', hostId: String(n), qboId: String(100 + n),
  outcome: 'success', message: `Created customer ${n} in QuickBooks.`, outboxId: null, ...fields,
});

/** The real router over an in-memory activity log; tenant from `x-company-id`, `x-deny` refuses that action. */
const hostWith = async (entries: readonly ActivityEntryInput[]): Promise<Express> => {
  const log = new InMemoryActivityLog();
  for (const e of entries) await log.record(e);
  const listActivity = new ListActivity(log, new InMemoryOpaqueIds());
  const router = createQboSyncRouter(
    { resolveTenant: (req) => String(req.header('x-company-id') ?? ''), authorize: (req, action) => req.header('x-deny') !== action },
    ((useCase: unknown) => {
      if (useCase === ListActivity) return listActivity;
      throw new Error('only ListActivity is bound here');
    }) as never,
    silent,
  );
  return express().use('/q', router);
};

/** The rows, without the byte-order mark the file starts with. */
const lines = (text: string): string[] => text.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');

describe('GET /activity.csv', () => {
  it('exports every page of the tenant\'s log, newest first, as a CSV attachment', async () => {
    const app = await hostWith([...Array.from({ length: 450 }, (_, i) => entry(i + 1)), entry(9, { tenantId: '2', message: 'other tenant' })]);
    const response = await request(app).get('/q/activity.csv').set('x-company-id', '1').expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename=qbo-activity.csv');
    expect(response.text.startsWith('\uFEFF"when (UTC)"')).toBe(true);
    const rows = lines(response.text);
    expect(rows[0]).toBe('"when (UTC)","action","record kind","host id","QuickBooks id","outcome","message","dismissed"');
    expect(rows).toHaveLength(451);
    expect(rows[1]).toBe('"2026-01-01T00:07:30.000Z","create","customer","450","550","success","Created customer 450 in QuickBooks.",""');
    expect(response.text).not.toContain('other tenant');
  });

  it('applies the same kind and outcome filters as GET /activity', async () => {
    const app = await hostWith([entry(1), entry(2, { kind: 'payment', outcome: 'failure', message: 'QuickBooks refused the payment.' }), entry(3, { kind: 'payment' })]);
    const rows = lines((await request(app).get('/q/activity.csv?kind=payment&outcome=failure').set('x-company-id', '1').expect(200)).text);
    expect(rows.slice(1)).toEqual(['"2026-01-01T00:00:02.000Z","create","payment","2","102","failure","QuickBooks refused the payment.",""']);
  });

  it('neutralises cells a spreadsheet would run as formulas and escapes quotes', async () => {
    const app = await hostWith([entry(1, { message: '=HYPERLINK("http://evil")' })]);
    const rows = lines((await request(app).get('/q/activity.csv').set('x-company-id', '1').expect(200)).text);
    expect(rows[1]).toContain('"\'=HYPERLINK(""http://evil"")"');
  });

  it.each([
    ['kind=vendor', 'invalid_query'],
    ['outcome=maybe', 'invalid_query'],
    ['kind=customer&kind=item', 'invalid_query'],
    ['kind=CUSTOMER', 'invalid_query'],
  ])('refuses ?%s with a 400 and a JSON error', async (query, code) => {
    const app = await hostWith([entry(1)]);
    const response = await request(app).get(`/q/activity.csv?${query}`).set('x-company-id', '1').expect(400);
    expect(response.body).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('is refused without the right or without a tenant', async () => {
    const app = await hostWith([entry(1)]);
    expect((await request(app).get('/q/activity.csv').set('x-company-id', '1').set('x-deny', 'activity:read').expect(403)).body.error.code).toBe('forbidden');
    expect((await request(app).get('/q/activity.csv').expect(401)).body.error.code).toBe('no_tenant');
  });
});
