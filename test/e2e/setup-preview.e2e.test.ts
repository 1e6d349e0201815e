import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { emulatorState } from '../support/emulator-state';
import { createRealm, seedQbo } from '../support/emulator-seed';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { waitForInitialSync } from '../support/setup-walk';
import { mountPath } from '../support/test-host';

const tenant = '502';
const as = (req: request.Test): request.Test => req.set('x-company-id', tenant);

interface Row {
  kind: 'customer' | 'item';
  hostId: string;
  name: string;
  action: string;
  qboId: string | null;
  qboName: string | null;
  changes: { field: string; label: string; from: string; to: string }[];
  makesInactive: boolean;
  makesActive: boolean;
  nameChanges: string[];
  reason: string | null;
}

/**
 * The preview of the first sync (GET /preview, /preview.csv) and the pre-flight's review and counts, compared record
 * by record with what the initial sync then does in QuickBooks (MariaDB + the emulator over HTTP).
 */
describe('the preview of the first sync is what the job does', () => {
  let realmId: string;
  const qbo: Record<string, string> = {};
  type Counts = { total: number; link: number; update: number; create: number; renamed: number; makeInactive: number; makeActive: number; notSent: number; linkedBefore: number };
  let preview: { rows: Row[]; counts: Record<'customer' | 'item', Counts> };
  let before: Awaited<ReturnType<typeof emulatorState>>;

  const stack = useHostStack({
    seed: async ({ db, emulator }) => {
      realmId = await createRealm(emulator.url, 'Preview Pools');
      const services = ((await emulatorState(emulator.url, realmId)).Account ?? []).find((a) => a.Name === 'Services')!.Id;
      qbo['maria'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: 'Maria Lopez', GivenName: 'Maria', FamilyName: 'Lopez', PrimaryEmailAddr: { Address: 'old@maria.example' } })).Id;
      qbo['bob'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: 'Bob Stone', Active: false })).Id;
      qbo['ann'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: 'Ann Reed', GivenName: 'Ann', FamilyName: 'Reed' })).Id;
      qbo['smiths'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: 'John and Jane Smith', GivenName: 'John', FamilyName: 'Smith' })).Id;
      qbo['vendor'] = (await seedQbo(emulator.url, realmId, 'vendor', { DisplayName: 'Kevin Park' })).Id;
      qbo['chlorine'] = (await seedQbo(emulator.url, realmId, 'item', { Name: 'Chlorine Tabs', Type: 'NonInventory', UnitPrice: 12.5, IncomeAccountRef: { value: services } })).Id;

      const seed = new ReferenceHostSeeder(db.knex);
      await seed.customer(tenant, { firstName: 'Maria', lastName: 'Lopez', email: 'maria@example.com', phone: null, street: null });
      await seed.customer(tenant, { firstName: 'Bob', lastName: 'Stone', isActive: true, email: null, phone: null, street: null });
      await seed.customer(tenant, { firstName: 'Ann', lastName: 'Reed', isActive: false, email: null, phone: null, street: null });
      await seed.customer(tenant, { companyName: 'The Smiths', displayAsCompany: true, firstName: 'John', lastName: 'Smith', email: null, phone: null, street: null });
      await seed.customer(tenant, { firstName: 'Kevin', lastName: 'Park', email: null, phone: null, street: null });
      await seed.customer(tenant, { firstName: 'Zoë', lastName: 'Ångström', email: null, phone: null, street: null });
      await seed.item(tenant, { kind: 'product', name: 'Chlorine Tabs', unitPriceCents: 1_399 });
      await seed.item(tenant, { kind: 'pool_service', name: 'Weekly Service', unitPriceCents: 12_000 });
      await seed.item(tenant, { kind: 'dosage', name: 'Broken Price', unitPriceCents: -5 });
    },
  });

  beforeAll(async () => {
    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
    const accounts = await as(request(stack.host.app).get(`${mountPath}/accounts`)).expect(200);
    await as(request(stack.host.app).put(`${mountPath}/settings`)).send({ incomeAccountId: accounts.body.income[0].id, depositAccountId: accounts.body.deposit[0].id }).expect(200);
  });

  const row = (kind: 'customer' | 'item', name: string): Row => {
    const found = preview.rows.find((r) => r.kind === kind && r.name === name);
    if (!found) throw new Error(`no preview row for ${kind} "${name}"`);
    return found;
  };

  it('says what will happen to every host record, with old → new values', async () => {
    preview = (await as(request(stack.host.app).get(`${mountPath}/preview`)).expect(200)).body;
    const hostCustomers = await stack.db.knex('customers').where({ company_id: tenant });
    const hostItems = await stack.db.knex('catalog_items').where({ company_id: tenant });
    expect(preview.rows).toHaveLength(hostCustomers.length + hostItems.length);

    expect(row('customer', 'Maria Lopez')).toMatchObject({ action: 'link', qboId: qbo['maria'], changes: [{ field: 'email', label: 'Email', from: 'old@maria.example', to: 'maria@example.com' }] });
    expect(row('customer', 'Bob Stone')).toMatchObject({ action: 'link', qboId: qbo['bob'], makesActive: true, changes: expect.arrayContaining([{ field: 'active', label: 'Status', from: 'inactive', to: 'active' }]) });
    expect(row('customer', 'Ann Reed')).toMatchObject({ action: 'link', qboId: qbo['ann'], makesInactive: true });
    expect(row('customer', 'The Smiths')).toMatchObject({ action: 'create', qboName: 'The Smiths' });
    const kevin = row('customer', 'Kevin Park');
    expect(kevin).toMatchObject({ action: 'create', nameChanges: [expect.stringContaining('Kevin Park')] });
    expect(kevin.qboName).not.toBe('Kevin Park');
    expect(row('customer', 'Zoë Ångström')).toMatchObject({ action: 'create', qboName: 'Zoë Ångström', nameChanges: [] });
    expect(row('item', 'Chlorine Tabs')).toMatchObject({ action: 'link', qboId: qbo['chlorine'], changes: [{ label: 'Price', from: '$12.50', to: '$13.99' }] });
    expect(row('item', 'Weekly Service')).toMatchObject({ action: 'create' });
    expect(row('item', 'Broken Price')).toMatchObject({ action: 'not-sent', reason: expect.stringContaining('negative price') });
    expect(preview.counts.customer).toEqual({ total: 6, link: 3, update: 3, create: 3, renamed: 1, makeInactive: 1, makeActive: 1, notSent: 0, linkedBefore: 0 });
    expect(preview.counts.item).toEqual({ total: 3, link: 1, update: 1, create: 1, renamed: 0, makeInactive: 0, makeActive: 0, notSent: 1, linkedBefore: 0 });
  });

  it('exports the preview as CSV with a byte-order mark, one row per record', async () => {
    const csv = await as(request(stack.host.app).get(`${mountPath}/preview.csv`)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(1 + preview.rows.length);
    expect(text).toContain('"Zoë Ångström"');
    expect(text).toContain(`"Link to QuickBooks record ${qbo['maria']} and update it"`);
    expect(text).toContain('"Email: old@maria.example → maria@example.com"');
  });

  it('lists in the pre-flight every change QBO will see, each with a fix, and the same counts', async () => {
    const { body } = await as(request(stack.host.app).get(`${mountPath}/preflight`)).expect(200);
    expect(body.summary).toEqual(preview.counts);
    const reasons = body.review.map((r: { reason: string; name: string }) => `${r.reason}:${r.name}`).sort();
    expect(reasons).toEqual(['name-changed:Kevin Park', 'near-match:The Smiths', 'not-sent:Broken Price', 'status-overwritten:Ann Reed', 'status-overwritten:Bob Stone']);
    const kevin = body.review.find((r: { reason: string }) => r.reason === 'name-changed');
    expect(kevin.explanation).toContain(`as "${row('customer', 'Kevin Park').qboName}"`);
    for (const item of body.review) expect(item.fix).toMatch(/\w/);
    expect(body.hasWarnings).toBe(true);
    await as(request(stack.host.app).post(`${mountPath}/sync/enable`)).send({}).expect(409, /5 other changes/);
  });

  it('runs the job with the counts the summary promised, and does to each record what its row said', async () => {
    before = await emulatorState(stack.emulator.url, realmId);
    await as(request(stack.host.app).post(`${mountPath}/sync/enable`)).send({ acknowledgeWarnings: true }).expect(202);
    const status = await waitForInitialSync(stack.host.app, tenant);
    const c = preview.counts.customer;
    const i = preview.counts.item;
    expect(status.job.byKind).toEqual({
      customer: { total: c.total, done: c.link + c.create, failed: c.notSent },
      item: { total: i.total, done: i.link + i.create, failed: i.notSent },
    });
    // The adopted pairs' updates go through the outbox (this host runs no worker): deliver until it is empty.
    const deadline = Date.now() + 20_000;
    for (;;) {
      await stack.host.plugin.deliverPending();
      const s = (await as(request(stack.host.app).get(`${mountPath}/sync/status`)).expect(200)).body;
      if (s.outbox.pending === 0 && s.outbox.failing === 0) break;
      if (Date.now() > deadline) throw new Error(`the outbox did not drain: ${JSON.stringify(s.outbox)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const after = await emulatorState(stack.emulator.url, realmId);
    expect((after.Customer ?? []).length - (before.Customer ?? []).length).toBe(c.create);
    expect((after.Item ?? []).length - (before.Item ?? []).length).toBe(i.create);
    const links = await stack.db.knex('qbo_links').where({ tenant_id: tenant });
    for (const r of preview.rows) {
      const link = links.find((l) => l.kind === r.kind && l.host_id === r.hostId);
      const list = (r.kind === 'customer' ? after.Customer : after.Item) ?? [];
      if (r.action === 'not-sent') {
        expect({ name: r.name, link }).toEqual({ name: r.name, link: undefined });
        continue;
      }
      const record = list.find((q) => q.Id === link?.qbo_id);
      expect({ name: r.name, found: record !== undefined }).toEqual({ name: r.name, found: true });
      if (r.action === 'link') expect({ name: r.name, qboId: link.qbo_id }).toEqual({ name: r.name, qboId: r.qboId });
      if (r.action === 'create') {
        expect({ name: r.name, qboName: record!['DisplayName'] ?? record!['Name'] }).toEqual({ name: r.name, qboName: r.qboName });
        expect(before[r.kind === 'customer' ? 'Customer' : 'Item']?.some((q) => q.Id === record!.Id)).toBe(false);
      }
      if (r.makesInactive) expect({ name: r.name, active: record!['Active'] }).toEqual({ name: r.name, active: false });
      if (r.makesActive) expect({ name: r.name, active: record!['Active'] }).toEqual({ name: r.name, active: true });
    }
    expect(after.Customer?.find((q) => q.Id === qbo['maria'])?.['PrimaryEmailAddr']).toEqual({ Address: 'maria@example.com' });
    expect(after.Item?.find((q) => q.Id === qbo['chlorine'])?.['UnitPrice']).toBe(13.99);
  });
});
