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
    // A zone other than the machine's (UTC): every time on the page must be in the page's zone, named.
    session = await startBrowserSession('bookkeeping', { timezoneId: 'America/Los_Angeles' });
    ({ demo, page } = session);
    // A QBO vendor named like a host customer that will be created: QBO refuses the name, so the review names the one it gets.
    const vendor = await fetch(`${demo.emulatorUrl}/__emulator/realms/${demo.realmId}/entities/Vendor`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ DisplayName: 'Sunset Villas HOA' }) });
    expect(vendor.ok).toBe(true);
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
    const planned = (await (await page.request.get(`${demo.integrationUrl}preview`)).json() as { rows: { name: string; qboName: string | null }[] }).rows.find((row) => row.name === 'Sunset Villas HOA');
    expect(planned?.qboName).toMatch(/^Sunset Villas HOA \S+/);
    expect(words).toContain(`as "${planned!.qboName}"`);
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
    // The "has started" line goes once the job is over; the progress line says how it ended.
    await page.waitForFunction(() => !document.getElementById('flash')?.textContent?.includes('has started'));
  });

  it('then does what the summary said: the job counts are the summary counts', async () => {
    const status = await (await page.request.get(`${demo.integrationUrl}sync/status`)).json() as { job: { byKind: Record<'customer' | 'item', { total: number; done: number; failed: number }> } };
    for (const kind of ['customer', 'item'] as const) {
      const s = summary[kind];
      expect({ kind, ...status.job.byKind[kind] }).toEqual({ kind, total: s.total, done: s.link + s.create + s.linkedBefore, failed: s.notSent });
    }
    await checked('07-sync-on');
  });

  it('makes step 1 an honest view once the sync is on: linked and waiting, no import offer for linked records or the plugin\'s own items, no resolved warnings', async () => {
    await session.openIntegration();
    const summaryLine = page.locator('#match-body .summary');
    await summaryLine.waitFor();
    const report = await (await page.request.get(`${demo.integrationUrl}match/customers`)).json() as { linked: number; failed: unknown[]; hostOnly: unknown[]; qboOnly: { name: string }[]; nearMatches: unknown[]; statusMismatches: unknown[] };
    expect(report.linked).toBe(summary.customer.link + summary.customer.create + summary.customer.linkedBefore);
    expect(report.nearMatches).toEqual([]);
    expect(report.statusMismatches).toEqual([]);
    // Records the initial sync could not send are failed, apart from the linked and the waiting.
    expect(report.failed).toHaveLength(summary.customer.notSent);
    expect(await summaryLine.innerText()).toMatch(new RegExp(`^${report.linked} linked to QuickBooks · ${report.failed.length} failed · ${report.hostOnly.length} waiting to be sent · ${report.qboOnly.length} only in QuickBooks · 0 near · 0 status`));
    const body = await session.text('#match-body');
    expect(body).not.toMatch(/will be created|will be linked/);
    await page.getByRole('tab', { name: /^Products and services/ }).click();
    await page.locator('#match-body .summary:text("linked to QuickBooks")').waitFor();
    const items = await (await page.request.get(`${demo.integrationUrl}match/items`)).json() as { qboOnly: { name: string }[] };
    expect(items.qboOnly.map((r) => r.name)).not.toContain('Refund');
    expect(await page.locator('#match-body label:text-is("Refund")').count()).toBe(0);
    await checked('07b-step-1-once-synced');
    await page.getByRole('tab', { name: /^Customers/ }).click();
  });

  it('speaks the bookkeeper\'s words in the activity log: renames old → new, plain QBO errors, times in the page\'s zone, search, dates, Retry all failed, Dismiss', async () => {
    const customers = await session.knex('customers').where({ company_id: '1', display_as_company: false, is_active: true }).orderBy('id').limit(3).select('id', 'first_name', 'last_name');
    expect(customers).toHaveLength(3);
    const rename = async (id: number, first: string, last: string): Promise<void> => {
      const answer = await fetch(`${demo.url}/customers/${id}/rename`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ first_name: first, last_name: last }) });
      expect(answer.status).toBe(303);
    };
    const refuse = (armed: boolean) => fetch(`${demo.emulatorUrl}/__emulator/refusals${armed ? '' : `?realmId=${demo.realmId}`}`, {
      method: armed ? 'POST' : 'DELETE', headers: { 'content-type': 'application/json' }, body: armed ? JSON.stringify({ realmId: demo.realmId, entity: 'Customer', count: null }) : undefined,
    });
    const [a, b, c] = customers as { id: number; first_name: string; last_name: string }[];
    const oldName = (x: { first_name: string; last_name: string }) => `${x.first_name} ${x.last_name}`;

    await rename(a!.id, 'Renata', 'Quill');
    await page.getByRole('tab', { name: 'Activity' }).click();
    const rows = page.locator('#activity-rows');
    const showAll = async () => page.getByRole('button', { name: 'Show', exact: true }).click();
    const waitRow = async (text: string) => {
      for (let i = 0; i < 80 && (await rows.locator(`tr:has-text(${JSON.stringify(text)})`).count()) === 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        await showAll();
      }
      await rows.locator(`tr:has-text(${JSON.stringify(text)})`).first().waitFor();
    };
    await waitRow(`Renamed customer from "${oldName(a!)}" to "Renata Quill" in QuickBooks`);
    // The row opens the record in QuickBooks: here the emulator's own page for it, at QBO's own path.
    const link = rows.locator('tr:has-text("Renata Quill")').first().getByRole('link', { name: /^Open in QuickBooks/ });
    const recordHref = await link.getAttribute('href');
    expect(recordHref?.startsWith(`${demo.emulatorUrl}/app/customerdetail?nameId=`)).toBe(true);
    expect(recordHref).toMatch(/\?nameId=\d+$/);
    const [opened] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await opened.waitForLoadState();
    expect(await opened.locator('h1').innerText()).toMatch(/^Customer \d+$/);
    expect(await opened.locator('main').innerText()).toContain('Renata Quill');
    await opened.close();

    // QuickBooks refuses the next two renames: the log says why in plain words, no API field names.
    expect((await refuse(true)).ok).toBe(true);
    await rename(b!.id, 'Otto', 'Brenner');
    await rename(c!.id, 'Ida', 'Vance');
    await waitRow('"Otto Brenner"');
    await waitRow('"Ida Vance"');
    const failedRows = rows.locator('tr.failed');
    await page.getByLabel('Outcome').selectOption({ label: 'Failed' });
    await showAll();
    await page.locator('#activity-rows tr.failed >> nth=1').waitFor();
    const failedText = await failedRows.allInnerTexts();
    expect(failedText.join('\n')).toContain('QuickBooks rejected the change');
    expect(failedText.join('\n')).not.toMatch(/givenName|familyName|displayName|billAddr|Customer #/);

    // One time base in every row: US date and time, the page's zone named beside the table.
    expect(await session.text('#activity-zone')).toBe('Times are in Pacific Standard Time (America/Los_Angeles).');
    for (const when of await rows.locator('time').allInnerTexts()) expect(when).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} (AM|PM) P[SD]T$/);
    await checked('10-activity-failures');

    // Step 1 lists them apart as failed, each with QuickBooks' reason in plain words and a Retry.
    await page.getByRole('tab', { name: 'Set-up' }).click();
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.locator('#flash:text("Matches checked again")').waitFor();
    const failedTable = page.getByRole('table', { name: 'Failed records' });
    for (const name of ['Otto Brenner', 'Ida Vance']) {
      const row = failedTable.locator(`tr:has-text(${JSON.stringify(name)})`);
      expect(await row.innerText()).toContain('QuickBooks rejected the change');
      await row.getByRole('button', { name: `Retry ${name}` }).waitFor();
    }
    expect(await session.text('#match-body .summary')).toContain(` · ${2 + summary.customer.notSent} failed · `);
    await checked('10b-step-1-failed');
    await page.getByRole('tab', { name: 'Activity' }).click();

    // Dismiss: Ida's rename was fixed by hand in QuickBooks.
    const ida = rows.locator('tr.failed:has-text("Ida Vance")').first();
    await ida.getByRole('button', { name: /^Dismiss as handled elsewhere/ }).click();
    await page.locator('#flash:text("dismissed as handled elsewhere")').waitFor();
    await page.locator('#activity-rows tr.dismissed:has-text("Ida Vance")').first().waitFor();
    expect(await session.text('#activity-rows tr.dismissed')).toMatch(/Failed, dismissed[\s\S]*Dismissed [A-Z][a-z]{2} \d{1,2}, \d{4}, .* P[SD]T as handled elsewhere\./);

    // "Retry all failed" once QuickBooks takes them again: Otto's rename goes through, Ida's dismissed one is not sent.
    expect((await refuse(false)).ok).toBe(true);
    await page.getByRole('button', { name: 'Retry all failed' }).click();
    await page.locator('#flash:text("1 failed change was sent again")').waitFor();
    await page.getByLabel('Outcome').selectOption({ label: 'All outcomes' });
    await waitRow(`Renamed customer from "${oldName(b!)}" to "Otto Brenner" in QuickBooks`);
    const books = (await (await fetch(`${demo.emulatorUrl}/__emulator/realms/${demo.realmId}/state`)).json()) as { Customer?: { DisplayName: string }[] };
    const names = (books.Customer ?? []).map((x) => x.DisplayName);
    expect(names).toEqual(expect.arrayContaining(['Renata Quill', 'Otto Brenner']));
    expect(names).not.toContain('Ida Vance');
    const status = await (await page.request.get(`${demo.integrationUrl}sync/status`)).json() as { outbox: { failed: number } };
    expect(status.outbox.failed).toBe(0);
    // Step 1 is honest again: Otto's rename went through and Ida's failure was dismissed, so neither is failed there.
    const afterRetry = await (await page.request.get(`${demo.integrationUrl}match/customers`)).json() as { failed: { name: string }[] };
    expect(afterRetry.failed.map((record) => record.name)).not.toContain('Otto Brenner');
    expect(afterRetry.failed.map((record) => record.name)).not.toContain('Ida Vance');

    // Search by name and a date range, on the page and in the CSV alike (with the dismissed column).
    const today = await page.evaluate(() => new Date().toLocaleDateString('en-CA'));
    await page.getByLabel('Name or number').fill('ida vance');
    await page.getByRole('textbox', { name: 'From', exact: true }).fill(today);
    await page.getByRole('textbox', { name: 'To', exact: true }).fill(today);
    await showAll();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#activity-rows tr')).every((tr) => /Ida Vance/.test(tr.textContent ?? '')));
    const shown = await rows.locator('tr').count();
    expect(shown).toBeGreaterThanOrEqual(1);
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(href).toContain('search=ida+vance');
    const csvText = (await (await page.request.get(href!)).body()).toString('utf8');
    // A byte-order mark first, so a spreadsheet reads the accents and arrows as UTF-8.
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    const csv = csvText.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv[0]).toMatch(/"dismissed"$/);
    expect(csv).toHaveLength(shown + 1);
    expect(csv.slice(1).some((line) => /"failure",".*Ida Vance.*","\d{4}-\d{2}-\d{2}T[^"]*Z"$/.test(line))).toBe(true);
    await checked('11-activity-search-and-dismissed');
    await page.getByRole('textbox', { name: 'From', exact: true }).fill(today);
    await page.getByRole('textbox', { name: 'To', exact: true }).fill('2020-01-01');
    await showAll();
    expect(await session.text('#activity-range-problem')).toBe('The last day is before the first day: change one of them.');
    await page.getByLabel('Name or number').fill('');
    await page.getByRole('textbox', { name: 'From', exact: true }).fill('');
    await page.getByRole('textbox', { name: 'To', exact: true }).fill('');
    await showAll();
    await page.getByRole('tab', { name: 'Set-up' }).click();
  });

  it('makes a lost connection a state of the page: paused, no "Loading…", logged, and says what happens after reconnecting', async () => {
    for (const kind of ['expire-access-token', 'revoke-refresh-token']) {
      await fetch(`${demo.emulatorUrl}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ realmId: demo.realmId, kind }) });
    }
    // The next read of QuickBooks meets the refused refresh and the connection is lost. The page's reads are kept a
    // few seconds (QboPageReads), so an earlier step's reads may answer first: read until QuickBooks is asked.
    const deadline = Date.now() + 20_000;
    let connection = '';
    do {
      await page.request.get(`${demo.integrationUrl}accounts`);
      connection = ((await (await page.request.get(`${demo.integrationUrl}connection`)).json()) as { status: string }).status;
      if (connection === 'connected') await new Promise((resolve) => setTimeout(resolve, 500));
    } while (connection === 'connected' && Date.now() < deadline);
    expect(connection).toBe('needs_reconnect');
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
    expect(session.problems.filter((p) => !/HTTP 409 GET .*\/(accounts|match\/customers|match\/items)$|status of 409/.test(p))).toEqual([]);
  });
});
