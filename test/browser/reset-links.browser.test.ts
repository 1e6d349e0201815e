import type { Knex } from 'knex';
import type { Page } from 'playwright-core';
import type { RunningDemoHost } from '../../examples/demo-host/start-demo-host';
import { demoTenantId } from '../../examples/demo-host/demo-seed';
import { KnexActivityLog } from '../../src/adapters/knex/knex-activity.log';
import { createRealm } from '../support/emulator-seed';
import { startBrowserSession, type BrowserSession } from './support/browser-session';

/**
 * A bookkeeper who reconnects to another QuickBooks company than the one the records are linked to: the refusal, the
 * way back to the page with its explanation, "Reset links…" through its dialog by keyboard, then connecting the new
 * company and turning the sync on again. Also the Activity pager keeping the keyboard focus on its first and last
 * page. Screenshots at desktop width and at 375 px go to test/.artifacts/reset-links/.
 */
jest.setTimeout(90_000);

interface SyncStatus {
  readonly enabled: boolean;
  readonly job: { readonly state: string } | null;
}

describe('resetting the links after a wrong-company refusal, in Chromium', () => {
  let session: BrowserSession;
  let knex: Knex;
  let demo: RunningDemoHost;
  let page: Page;
  let secondRealm: string;
  const links = async (): Promise<number> => Number((await knex('qbo_links').where({ tenant_id: demoTenantId }).count({ n: '*' }))[0]?.n);
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || '');
  /** Waits (briefly) for the focus to land on `id`, then asserts where it is, so a failure names the culprit. */
  const expectFocusOn = async (id: string): Promise<void> => {
    await page.waitForFunction((target) => document.activeElement?.id === target, id, { timeout: 3_000 }).catch(() => undefined);
    expect(await focused()).toBe(id);
  };
  const api = async <T>(method: 'GET' | 'PUT' | 'POST', path: string, data?: unknown): Promise<T> => {
    const response = await page.request.fetch(`${demo.integrationUrl}${path}`, { method, data });
    if (!response.ok()) throw new Error(`${method} ${path}: HTTP ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    session = await startBrowserSession('reset-links');
    ({ knex, demo, page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('links the records to the first company (connect, accounts, Save & Sync), then disconnects', async () => {
    await session.openIntegration();
    await page.getByRole('button', { name: 'Connect to QuickBooks' }).click();
    await page.locator('#flash:text("QuickBooks is connected")').waitFor();
    expect(await session.text('#connection-realm')).toBe(`Realm ID ${demo.realmId}`);
    // The walkthrough drives this set-up through the page; here it only has to leave links behind.
    const accounts = await api<{ income: { id: string; name: string }[]; deposit: { id: string; name: string }[] }>('GET', 'accounts');
    await api('PUT', 'settings', { incomeAccountId: accounts.income.find((a) => a.name === 'Services')!.id, depositAccountId: accounts.deposit.find((a) => a.name === 'Checking')!.id });
    await api('POST', 'sync/enable', { acknowledgeWarnings: true });
    const deadline = Date.now() + 30_000;
    let status = await api<SyncStatus>('GET', 'sync/status');
    while (status.job?.state !== 'completed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await api<SyncStatus>('GET', 'sync/status');
    }
    expect(status.job?.state).toBe('completed');
    expect(await links()).toBeGreaterThan(0);

    await session.openIntegration();
    // Let the page's first reads finish: a QBO read still in flight when Disconnect lands answers 409 (not connected).
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('dialog', { name: 'Disconnect QuickBooks?' }).getByRole('button', { name: 'Disconnect' }).click();
    await page.locator('#flash:text("QuickBooks is disconnected")').waitFor();
    // Disconnected with linked records: a fresh start is offered, quietly, next to Connect.
    await page.locator('#reset-links:not([hidden])').waitFor();
    expect(await page.locator('#wrong-company').isHidden()).toBe(true);
    await session.shoot('01-disconnected-with-links');
  });

  it('refuses the second company with a page whose way back explains the choices', async () => {
    secondRealm = await createRealm(demo.emulatorUrl, 'Second Pool Books');
    await page.getByRole('button', { name: 'Connect to QuickBooks' }).click();
    await page.getByRole('heading', { name: 'QuickBooks was not connected' }).waitFor();
    expect(page.url()).toContain('/oauth/callback');
    expect(await page.getByRole('alert').innerText()).toContain(`already synced with company ${demo.realmId}`);
    await session.shoot('02-refused');

    await page.getByRole('link', { name: 'Back to the QuickBooks integration' }).click();
    const banner = page.locator('#wrong-company');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/your records are linked to a different QuickBooks company than the one you picked/);
    expect(await banner.getByRole('button', { name: 'Connect to the original company' }).isVisible()).toBe(true);
    expect(await banner.getByRole('button', { name: 'Reset links…' }).isVisible()).toBe(true);
    // One reset button at a time; the marker is said once, not kept for a reload.
    expect(await page.locator('#reset-links').isHidden()).toBe(true);
    expect(page.url()).toBe(demo.integrationUrl);
    expect(await session.text('#connection-summary')).toBe('Not connected to QuickBooks Online.');
    await session.shoot('03-wrong-company-banner');
  });

  it('explains the reset in a dialog; Escape changes nothing and gives the focus back', async () => {
    const before = await links();
    await page.locator('#wrong-company-reset').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Reset the links to QuickBooks?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('dialog')?.id)).toBe('dialog-reset');
    const words = await dialog.innerText();
    expect(words).toMatch(/forgets which QuickBooks record each of your customers, products and services is linked to/);
    expect(words).toMatch(/deletes nothing, neither in QuickBooks nor in your records/);
    expect(words).toMatch(/keeps the activity log/);
    expect(words).toMatch(/matched by name again/);
    expect(await page.locator('#reset-disconnect-first').isHidden()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Reset links' }).getAttribute('class')).toBe('danger');
    await session.shoot('04-reset-dialog');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expectFocusOn('wrong-company-reset');
    expect(await links()).toBe(before);
  });

  it('resets the links by keyboard, says so, and moves the focus to Connect', async () => {
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Reset the links to QuickBooks?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Reset links' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#flash:text("The links are reset")').waitFor();
    expect(await session.text('#flash')).toMatch(/^The links are reset: \d+ links forgotten, nothing deleted\./);
    expect(await links()).toBe(0);
    expect(await page.locator('#wrong-company').isHidden()).toBe(true);
    expect(await page.locator('#reset-links').isHidden()).toBe(true);
    await expectFocusOn('connect');
    await session.shoot('05-links-reset');
  });

  it('connects the second company and lets the admin turn the sync on again', async () => {
    await page.keyboard.press('Enter');
    await page.locator('#flash:text("QuickBooks is connected")').waitFor();
    expect(await session.text('#connection-realm')).toBe(`Realm ID ${secondRealm}`);
    // The reset cleared the accounts of the old company's books, and the old initial sync is not shown as this one's.
    await page.locator('#accounts-status:text-is("Not saved yet: choose both accounts.")').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('#sync-progress').isHidden()).toBe(true);
    await page.getByLabel('Income account for the products and services the sync creates').selectOption({ label: 'Services' });
    await page.getByLabel('Deposit account for payments and refunds').selectOption({ label: 'Checking (Bank)' });
    await page.getByRole('button', { name: 'Save accounts' }).click();
    await page.locator('#flash:text("The accounts are saved")').waitFor();

    await page.getByRole('switch', { name: /Sync is off/ }).click();
    await page.getByRole('dialog', { name: 'Possible duplicates' }).getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('dialog', { name: 'Customers with account credits' }).getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('dialog', { name: 'Save & Sync' }).getByRole('button', { name: 'Save & Sync' }).click();
    await page.locator('#sync-progress-label:text("Initial sync finished")').waitFor({ timeout: 60_000 });
    await page.locator('#sync-toggle[aria-checked="true"]').waitFor();
    expect(await page.locator('#alert').isHidden()).toBe(true);
    const books = (await (await fetch(`${demo.emulatorUrl}/__emulator/realms/${secondRealm}/state`)).json()) as { Customer?: { DisplayName: string }[] };
    expect((books.Customer ?? []).map((c) => c.DisplayName)).toContain('Maria Lopez');
    await session.shoot('06-synced-with-second-company');
  });

  it('keeps the keyboard focus in the Activity pager on its last and first page', async () => {
    // Enough history for several pages, whatever the syncs above logged.
    const log = new KnexActivityLog(knex, 'qbo_'); // the demo's activity table
    for (let i = 0; i < 50; i += 1) {
      await log.record({ tenantId: demoTenantId, at: Date.now() - 86_400_000 - i * 1000, action: 'update', kind: 'customer', hostId: String(1000 + i), qboId: null, outcome: 'success', message: 'Updated in QuickBooks.', outboxId: null });
    }
    await session.openIntegration();
    await page.getByRole('tab', { name: 'Activity' }).click();
    await page.locator('#activity-page:text-is("Page 1")').waitFor();
    const older = page.locator('#activity-older');
    await older.focus();
    let pageNumber = 1;
    while (await older.isEnabled()) {
      await page.keyboard.press('Enter');
      pageNumber += 1;
      await page.locator(`#activity-page:text-is("Page ${pageNumber}")`).waitFor();
      await expectFocusOn((await older.isEnabled()) ? 'activity-older' : 'activity-newer');
    }
    expect(pageNumber).toBeGreaterThanOrEqual(3);
    expect(await focused()).toBe('activity-newer');
    await session.shoot('07-activity-last-page');

    while (pageNumber > 1) {
      await page.keyboard.press('Enter');
      pageNumber -= 1;
      await page.locator(`#activity-page:text-is("Page ${pageNumber}")`).waitFor();
    }
    await expectFocusOn('activity-older');
    expect(await page.locator('#activity-newer').isDisabled()).toBe(true);
  });

  it('logged no console error and no uncaught exception; the only failed request is the refused callback', () => {
    // The refusal is a 409 by design; Chromium reports a document's error status on the console too.
    const refused = /\/oauth\/callback\?/;
    expect([...session.problems].sort()).toEqual([
      expect.stringMatching(new RegExp(`^HTTP 409 GET .*${refused.source}`)),
      expect.stringMatching(new RegExp(`^console: Failed to load resource: the server responded with a status of 409 \\(Conflict\\) \\(.*${refused.source}`)),
    ]);
  });
});
