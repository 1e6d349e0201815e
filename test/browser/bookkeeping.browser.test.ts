import type { Page } from 'playwright-core';
import type { RunningDemoHost } from '../../examples/demo-host/start-demo-host';
import { startBrowserSession, type BrowserSession } from './support/browser-session';

/**
 * The page speaks bookkeeping (issue 18), in Chromium at 1280 and 375 px with axe-core on every state: accounts
 * required where they are chosen, the preview of the first sync (on the page and as CSV), every change QBO will see
 * listed with its fix and accepted one by one, a confirmation whose counts are the job's, then the job doing exactly
 * that. Screenshots go to test/.artifacts/bookkeeping/.
 */
jest.setTimeout(120_000);

interface Counts { total: number; link: number; update: number; create: number; notSent: number; linkedBefore: number }

describe('the integration page speaks bookkeeping, in Chromium', () => {
  let session: BrowserSession;
  let demo: RunningDemoHost;
  let page: Page;
  let summary: { customer: Counts; item: Counts };
  const checked = async (name: string): Promise<void> => {
    await session.shoot(name);
    expect({ state: name, violations: await session.accessibility() }).toEqual({ state: name, violations: [] });
  };

  beforeAll(async () => {
    session = await startBrowserSession('bookkeeping');
    ({ demo, page } = session);
    await session.openIntegration();
    await checked('01-disconnected');
    await page.getByRole('button', { name: 'Connect to QuickBooks' }).click();
    await page.locator('#flash:text("QuickBooks is connected")').waitFor();
    await page.locator('#match-body .summary').waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('asks for the accounts where they are chosen before anything else, with the focus there', async () => {
    await checked('02-connected');
    await page.getByRole('switch', { name: /Sync is off/ }).click();
    const required = page.locator('#accounts-required');
    await required.waitFor();
    expect(await required.innerText()).toBe('Choose the income account and the deposit account and save them before turning the sync on.');
    await page.waitForFunction(() => document.activeElement?.id === 'income-account');
    expect(await page.locator('dialog[open]').count()).toBe(0);
    expect(await page.locator('#alert').isHidden()).toBe(true);
    expect(await page.getByRole('switch').getAttribute('aria-checked')).toBe('false');
    await checked('03-accounts-required');
    await page.getByLabel('Income account for the products and services the sync creates').selectOption({ label: 'Services' });
    await page.getByLabel('Deposit account for payments and refunds').selectOption({ label: 'Checking (Bank)' });
    await page.getByRole('button', { name: 'Save accounts' }).click();
    await page.locator('#flash:text("The accounts are saved")').waitFor();
    expect(await required.isHidden()).toBe(true);
  });

  it('previews the first sync record by record, on the page and as CSV with a byte-order mark', async () => {
    await page.getByRole('button', { name: 'Show the preview' }).click();
    const table = page.locator('#preview-body table');
    await table.waitFor();
    const preview = await (await page.request.get(`${demo.integrationUrl}preview`)).json() as { rows: { name: string; action: string }[]; counts: { customer: Counts; item: Counts } };
    expect(await table.locator('tbody tr').count()).toBe(preview.rows.length);
    const text = await table.innerText();
    expect(text).toMatch(/The Smiths\s+Create as “The Smiths”/);
    expect(text).toMatch(/Link to QuickBooks record \d+/);
    expect(await session.text('#preview-summary')).toContain(`${preview.counts.customer.total} customers: ${preview.counts.customer.link} will be linked to QuickBooks records`);
    const href = await page.getByRole('link', { name: 'Download the preview (CSV)' }).getAttribute('href');
    expect(href).toBe(`${demo.integrationUrl}preview.csv`);
    const csv = await page.request.get(href!);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').trim().split('\r\n')).toHaveLength(preview.rows.length + 1);
    await checked('04-preview');
  });

  it('lists every change QuickBooks will see with its fix, and goes on only once each is accepted', async () => {
    const preflight = await (await page.request.get(`${demo.integrationUrl}preflight`)).json() as { review: { explanation: string; reason: string }[]; summary: { customer: Counts; item: Counts } };
    summary = preflight.summary;
    expect(preflight.review.map((r) => r.reason)).toEqual(expect.arrayContaining(['near-match', 'status-overwritten']));
    await page.getByRole('switch', { name: /Sync is off/ }).click();
    const review = page.getByRole('dialog', { name: 'Check what will change in QuickBooks' });
    await review.waitFor();
    const items = review.locator('#review-list > li');
    expect(await items.count()).toBe(preflight.review.length);
    const words = await review.innerText();
    expect(words).toContain('"The Smiths" will be created in QuickBooks as a new customer next to "John and Jane Smith"');
    expect(words).toMatch(/Dana Whitfield.*the sync will make it (in)?active in QuickBooks/);
    expect(words).toContain('To fix:');
    await checked('05-review');
    await review.getByRole('button', { name: 'Continue' }).click();
    expect(await session.text('#review-status')).toMatch(/Tick "Accept this" for each item/);
    expect(await review.isVisible()).toBe(true);
    for (const box of await review.getByRole('checkbox', { name: 'Accept this' }).all()) await box.check();
    expect(await session.text('#review-status')).toBe('Everything is accepted.');
    await review.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('dialog', { name: 'Possible duplicates' }).getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('dialog', { name: 'Customers with account credits' }).getByRole('button', { name: 'Continue' }).click();
    const confirm = page.getByRole('dialog', { name: 'Save & Sync' });
    await confirm.waitFor();
    const c = summary.customer;
    expect(await confirm.innerText()).toContain(`${c.total} customers: ${c.link} will be linked to QuickBooks records${c.update > 0 ? ` (${c.update} updated)` : ''}, ${c.create} will be created in QuickBooks`);
    await checked('06-confirm-with-the-jobs-counts');
    await confirm.getByRole('button', { name: 'Save & Sync' }).click();
    await page.locator('#sync-progress-label:text("Initial sync finished")').waitFor({ timeout: 60_000 });
  });

  it('then does what the summary said: the job counts are the summary counts', async () => {
    const status = await (await page.request.get(`${demo.integrationUrl}sync/status`)).json() as { job: { byKind: Record<'customer' | 'item', { total: number; done: number; failed: number }> } };
    for (const kind of ['customer', 'item'] as const) {
      const s = summary[kind];
      expect({ kind, ...status.job.byKind[kind] }).toEqual({ kind, total: s.total, done: s.link + s.create + s.linkedBefore, failed: s.notSent });
    }
    await checked('07-sync-on');
  });

  it('makes a lost connection a state of the page: paused, no "Loading…", logged, and says what happens after reconnecting', async () => {
    for (const kind of ['expire-access-token', 'revoke-refresh-token']) {
      await fetch(`${demo.emulatorUrl}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ realmId: demo.realmId, kind }) });
    }
    await page.request.get(`${demo.integrationUrl}accounts`); // QuickBooks refuses the refresh: the connection is lost
    await session.openIntegration();
    await page.locator('#sync-toggle-text:text-is("Sync is paused")').waitFor();
    expect(await session.text('#sync-hint')).toMatch(/^Paused until you reconnect QuickBooks/);
    expect(await session.text('#match-body')).toMatch(/cannot be read until you reconnect/);
    expect(await page.locator('#income-account option').first().innerText()).toBe('Unavailable until you reconnect QuickBooks');
    expect(await page.locator('body').innerText()).not.toContain('Loading…');
    await page.getByRole('tab', { name: 'Activity' }).click();
    await page.locator('#activity-rows tr:has-text("Lost the connection to QuickBooks")').waitFor();
    await checked('08-connection-lost');
    await page.getByRole('tab', { name: 'Set-up' }).click();
    await page.getByRole('button', { name: 'Reconnect' }).click();
    await page.locator('#flash:text("QuickBooks is connected again")').waitFor();
    expect(await session.text('#flash')).toMatch(/the changes that waited are being sent now/);
    await page.locator('#sync-toggle-text:text-is("Sync is on")').waitFor();
    await checked('09-reconnected');
  });

  it('logged no console error and no uncaught exception; the only failed requests are the lost connection\'s', () => {
    expect(session.problems.filter((p) => !/HTTP 409 GET .*\/accounts|status of 409/.test(p))).toEqual([]);
  });
});
