import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { createSqliteDatabase } from '../support/database';
import { useHostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';
import { discoverRoutes, isCsvRoute } from './support/route-catalogue';
import { connectTenant } from './support/two-tenants';

const tenant = '8201';
const formulas = ['=HYPERLINK("http://evil.test","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
const dangerous = /^[=+\-@\t\r]/;

/** RFC 4180 cells (quoted or not), enough to see what a spreadsheet would see. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i += 1;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
};

describe('CSV exports neutralise formulas; the page is locked down (SQLite + emulator)', () => {
  const stack = useHostStack({ database: createSqliteDatabase });

  beforeAll(async () => {
    await connectTenant(stack.host, stack.emulator.url, tenant, 'Formula Pools');
    const seeder = new ReferenceHostSeeder(stack.db.knex);
    const activity = stack.host.ports.activityLog;
    for (const formula of formulas) {
      // Twice each: the pre-flight lists them as potential duplicates, so their names reach its CSV.
      for (const copy of [1, 2]) await seeder.customer(tenant, { firstName: formula, lastName: '', displayAsCompany: true, companyName: formula, email: `${copy}${formula}@x.test` });
      await activity.record({ tenantId: tenant, at: Date.now(), action: 'create', kind: 'customer', hostId: formula, qboId: formula, outcome: 'failure', message: formula, outboxId: null });
    }
  });

  it('no cell of any CSV route starts with = + - @ tab or CR, and the planted values are all there, defused', async () => {
    const csvRoutes = discoverRoutes(stack.host.plugin.router).filter(isCsvRoute);
    expect(csvRoutes.map((r) => r.key)).toEqual(expect.arrayContaining(['GET /activity.csv']));
    for (const route of csvRoutes) {
      const response = await request(stack.host.app).get(`${mountPath}${route.path}`).set('x-company-id', tenant);
      expect({ route: route.key, status: response.status }).toEqual({ route: route.key, status: 200 });
      expect(response.headers['content-type']).toMatch(/text\/csv/);
      const cells = parseCsv(response.text).flat();
      expect({ route: route.key, dangerous: cells.filter((cell) => dangerous.test(cell)) }).toEqual({ route: route.key, dangerous: [] });
      // Proof the formulas were in the export (defused with a leading quote), so the check above was not vacuous.
      expect({ route: route.key, defused: cells.some((cell) => cell.startsWith("'=HYPERLINK")) }).toEqual({ route: route.key, defused: true });
    }
  });

  it('serves the page with a strict CSP, nosniff, frame-ancestors limited to the host, and no inline script', async () => {
    const page = await request(stack.host.app).get(`${mountPath}/`).set('x-company-id', tenant).expect(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp).toMatch(/frame-ancestors 'self'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const scripts = [...page.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="/);
      expect(body!.trim()).toBe('');
    }
    expect(page.text).not.toMatch(/\son[a-z]+\s*=/i);
    expect(page.text).not.toMatch(/javascript:/i);
  });
});
