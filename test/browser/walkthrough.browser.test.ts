import type { Knex } from 'knex';
import type { Page } from 'playwright-core';
import type { RunningDemoHost } from '../../examples/demo-host/start-demo-host';
import { demoTenantId } from '../../examples/demo-host/demo-seed';
import { eventually, startBrowserSession, type BrowserSession } from './support/browser-session';

/**
 * The admin's walkthrough of DESIGN.md §1 in a real browser (Debian's Chromium through playwright-core) against the
 * demo host: connect, import, fix a name, pick accounts, turn the sync on through both pop-ups and the confirmation,
 * watch the initial sync finish, then change host data and see it in the activity log and in QuickBooks.
 * Screenshots of every step, at desktop width and at 375 px, go to test/.artifacts/walkthrough/.
 */
jest.setTimeout(90_000);

describe('the integration page, walked through in Chromium', () => {
  let session: BrowserSession;
  let knex: Knex;
  let demo: RunningDemoHost;
  let page: Page;
  const shoot = (name: string) => session.shoot(name);
  const openIntegration = () => session.openIntegration();
  const text = (selector: string) => session.text(selector);

  beforeAll(async () => {
    session = await startBrowserSession('walkthrough');
    ({ knex, demo, page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('connects to QuickBooks: redirect to Intuit (the emulator) and back, then shows the company and realm', async () => {
    await openIntegration();
    expect(await text('#connection-summary')).toBe('Not connected to QuickBooks Online.');
    await shoot('01-disconnected');
    await page.getByRole('button', { name: 'Connect to QuickBooks' }).click();
    // Only the page Intuit sends back to says so (the "Not connected to…" line would match a looser wait).
    await page.locator('#flash:text("QuickBooks is connected")').waitFor();
    await page.locator('#connection-summary:text-matches("^Connected to")').waitFor();
    expect(await text('#connection-summary')).toBe('Connected to Blue Lagoon Pool Service (QuickBooks).');
    expect(await text('#connection-realm')).toBe(`Realm ID ${demo.realmId}`);
    expect(await text('#flash')).toMatch(/QuickBooks is connected/);
    expect(page.url()).not.toContain('connected=1');
    await page.locator('#match-body .summary').waitFor();
    await shoot('02-connected-match');
  });

  it('shows every match case on the customers tab and imports one QBO-only customer and all QBO-only items', async () => {
    const customersTab = page.getByRole('tab', { name: /^Customers/ });
    expect(await customersTab.getAttribute('aria-selected')).toBe('true');
    const body = page.locator('#match-body');
    await expect(body.innerText()).resolves.toContain('The Smiths');
    expect(await body.innerText()).toContain('John and Jane Smith');
    expect(await body.innerText()).toContain('Dana Whitfield');
    expect(await body.innerText()).toMatch(/Tom Baker, Thomas Baker|Thomas Baker, Tom Baker/);
    await page.getByLabel('Harbor View Marina').check();
    await page.getByRole('button', { name: 'Import selected (1)' }).click();
    await page.locator('#flash:text("Imported 1 customer")').waitFor();
    expect(await knex('customers').where({ company_id: demoTenantId, company_name: 'Harbor View Marina' }).first()).toBeDefined();

    await page.getByRole('tab', { name: /^Products and services/ }).click();
    await page.getByRole('button', { name: /^Import all 2$/ }).click();
    await page.locator('#flash:text("Imported 2 products and services")').waitFor();
    const names = (await knex('catalog_items').where({ company_id: demoTenantId }).select('name')).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['Pool opening', 'Filter cartridge']));
    await shoot('03-items-imported');
  });

  it('clears the near match and the status mismatch once the host side is fixed and the admin checks again', async () => {
    await page.goto(demo.url);
    const smiths = page.getByRole('form', { name: 'Rename The Smiths' });
    await smiths.getByLabel('First name').fill('John and Jane');
    await smiths.getByLabel('Last name').fill('Smith');
    await smiths.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('cell', { name: 'John and Jane Smith', exact: true }).waitFor();
    await page.getByRole('row', { name: /Dana Whitfield/ }).getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('row', { name: /Dana Whitfield.*inactive/ }).waitFor();
    await shoot('04-host-fixed');

    await openIntegration();
    await page.getByRole('tab', { name: /^Customers/ }).click();
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.locator('#flash:text("Matches checked again")').waitFor();
    const body = await text('#match-body');
    expect(body).toMatch(/Near matches \(0\)/);
    expect(body).toMatch(/Active on one side only \(0\)/);
    await shoot('05-matched');
  });

  it('fills the account lists and the tax codes from QBO, and saves the choice: the tax code and both payout accounts too', async () => {
    await page.getByLabel('Income account for the products and services the sync creates').selectOption({ label: 'Services' });
    // Payouts deposit payments that wait in Undeposited Funds, so payments go there.
    await page.getByLabel('Deposit account for payments and refunds').selectOption({ label: 'Undeposited Funds (Other Current Asset)' });
    const taxCode = page.getByLabel('Tax code for invoices that charge sales tax');
    expect(await taxCode.locator('option').allInnerTexts()).toEqual(['No tax code chosen', 'California', 'Tucson']);
    await taxCode.selectOption({ label: 'Tucson' });
    const payout = page.getByLabel('Bank account for processor payouts');
    expect(await payout.locator('option:checked').innerText()).toBe("Don't sync payouts");
    await payout.selectOption({ label: 'Checking (Bank)' });
    await page.getByLabel('Expense account for processing fees').selectOption({ label: 'Bank Charges & Fees (Expense)' });
    await page.getByRole('button', { name: 'Save accounts' }).click();
    await page.locator('#flash:text("The accounts are saved")').waitFor();
    await openIntegration();
    await page.locator('#accounts-status:text-is("Saved.")').waitFor();
    expect(await page.locator('#income-account option:checked').innerText()).toBe('Services');
    expect(await page.locator('#tax-code option:checked').innerText()).toBe('Tucson');
    expect(await page.locator('#payout-account option:checked').innerText()).toBe('Checking (Bank)');
    expect(await page.locator('#payout-fee-account option:checked').innerText()).toBe('Bank Charges & Fees (Expense)');
    await shoot('06-accounts');
  });

  it('turns the sync on by keyboard through the duplicates and credits pop-ups and Save & Sync, with focus managed', async () => {
    const toggle = page.getByRole('switch', { name: /Sync is off/ });
    await toggle.focus();
    await page.keyboard.press('Space');
    const duplicates = page.getByRole('dialog', { name: 'Possible duplicates' });
    await duplicates.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('dialog')?.id)).toBe('dialog-duplicates');
    expect(await duplicates.innerText()).toMatch(/Baker/);
    expect(await duplicates.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(`${demo.integrationUrl}preflight/duplicates.csv`);
    await shoot('07-duplicates-popup');
    await page.keyboard.press('Escape');
    await duplicates.waitFor({ state: 'hidden' });
    await page.locator('#flash:text-is("The sync is still off.")').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sync-toggle');
    expect(await toggle.getAttribute('aria-checked')).toBe('false');

    await page.keyboard.press('Enter');
    await duplicates.getByRole('button', { name: 'Continue' }).click();
    const credits = page.getByRole('dialog', { name: 'Customers with account credits' });
    await credits.waitFor();
    expect(await credits.innerText()).toMatch(/Sunset Villas HOA: \$150\.00/);
    await shoot('08-credits-popup');
    await credits.getByRole('button', { name: 'Continue' }).click();
    const confirm = page.getByRole('dialog', { name: 'Save & Sync' });
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(/will be created in QuickBooks/);
    await shoot('09-confirm');
    await confirm.getByRole('button', { name: 'Save & Sync' }).click();
    await page.locator('#sync-progress:not([hidden])').waitFor();
    await page.locator('#sync-progress-label:text("Initial sync finished")').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    const bar = await page.locator('#sync-progress-bar').evaluate((el) => ({ value: (el as HTMLProgressElement).value, max: (el as HTMLProgressElement).max }));
    expect(bar.value).toBe(bar.max);
    await shoot('10-initial-sync-done');

    await page.reload();
    await page.locator('#sync-progress-label:text("Initial sync finished")').waitFor();
  });

  it('sends a new customer and a payment from the host pages, and shows both in the activity log and in QuickBooks', async () => {
    await page.goto(demo.url);
    const add = page.locator('#add-customer');
    await add.getByLabel('First name').fill('Olivia');
    await add.getByLabel('Last name').fill('Park');
    await add.getByRole('button', { name: 'Add customer' }).click();
    await page.getByRole('cell', { name: 'Olivia Park', exact: true }).waitFor();
    const invoice = page.locator('#add-invoice');
    await invoice.getByLabel('Customer').selectOption({ label: 'Olivia Park' });
    await invoice.getByLabel('Item').selectOption({ label: 'Weekly pool service ($45.00)' });
    await invoice.getByRole('button', { name: 'Create invoice' }).click();
    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.getByRole('cell', { name: 'paid', exact: true }).waitFor();
    await shoot('11-host-changes');
    const customer = await knex('customers').where({ company_id: demoTenantId, first_name: 'Olivia' }).first();
    const payment = await knex('payments').where({ company_id: demoTenantId, customer_id: customer.id }).first();

    await openIntegration();
    await page.getByRole('tab', { name: 'Activity' }).click();
    const rows = page.locator('#activity-rows');
    await eventually(async () => {
      await page.getByRole('button', { name: 'Show' }).click();
      await page.locator('#activity-page').waitFor();
      return rows.innerText();
    }, /payment of \$45\.00 received/);
    // Records are named as the app shows them, never by the app's id.
    expect(await rows.innerText()).toContain('customer "Olivia Park"');
    const invoiceRow = await knex('invoices').where({ company_id: demoTenantId, customer_id: customer.id }).first();
    expect(await rows.innerText()).toContain(`invoice ${invoiceRow.number}`);
    expect(await rows.innerText()).not.toContain(`#${customer.id}`);
    const csvLink = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(csvLink).toBe(`${demo.integrationUrl}activity.csv`);
    const csv = await page.request.get(csvLink!);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toMatch(new RegExp(`"payment","${payment.id}","\\d+","success"`));
    await shoot('12-activity');

    // The payment's row opens it in QuickBooks (the emulator's record page), whose memo says what it is in words.
    const paymentLink = rows.locator('tr:has-text("payment of $45.00 received")').first().getByRole('link', { name: /^Open in QuickBooks/ });
    await page.goto((await paymentLink.getAttribute('href'))!);
    expect(await page.locator('main').innerText()).toMatch(new RegExp(`Memo\\s+Payment received ${payment.received_on instanceof Date ? payment.received_on.toISOString().slice(0, 10) : String(payment.received_on).slice(0, 10)} for invoice \\S+, from Blue Lagoon back office\\. Sync reference: qbo-sync:${demoTenantId}:payment:${payment.id}`));
    expect(await page.locator('main').innerText()).toMatch(/TotalAmt\s+45\.00/);
    await shoot('12b-payment-memo-in-quickbooks');

    await page.goto(`${demo.emulatorUrl}/__emulator/`);
    const qbo = await page.locator('body').innerText();
    expect(qbo).toContain('Olivia Park');
    expect(qbo).toMatch(/Olivia Park\s+45\.00/);
    await shoot('13-quickbooks');
  });

  it('records a processor payout on the Payouts page; QuickBooks gets one bank deposit of the payment less the fee', async () => {
    await page.goto(demo.url);
    await page.getByRole('link', { name: 'Payouts' }).click();
    const customer = await knex('customers').where({ company_id: demoTenantId, first_name: 'Olivia' }).first();
    const payment = await knex('payments').where({ company_id: demoTenantId, customer_id: customer.id }).first();
    const form = page.locator('#add-payout');
    await form.getByLabel(`#${payment.id} Olivia Park $45.00`).check();
    await form.getByLabel('Processing fee').fill('1.61');
    await form.getByLabel('Reference').fill('po_demo1');
    await form.getByRole('button', { name: 'Record payout' }).click();
    await page.getByRole('cell', { name: 'po_demo1', exact: true }).waitFor();
    expect(await page.locator('tbody').innerText()).toMatch(/\$45\.00\s+\$1\.61\s+\$43\.39\s+paid out/);
    await shoot('14-payouts');

    const payout = await knex('payouts').where({ company_id: demoTenantId, reference: 'po_demo1' }).first();
    const { realm_id: realmId } = await knex('qbo_connections').where({ tenant_id: demoTenantId }).first();
    // The deposit linked to this payout: the payment ($45.00) less the fee into Checking, the bank line's amount.
    await eventually(async () => {
      const link = await knex('qbo_links').where({ tenant_id: demoTenantId, kind: 'payout', host_id: String(payout.id) }).first();
      const state = (await (await fetch(`${demo.emulatorUrl}/__emulator/realms/${realmId}/state`)).json()) as { Deposit?: Array<{ Id: string; TotalAmt: number; DepositToAccountRef: { name?: string } }> };
      const deposit = state.Deposit?.find((each) => each.Id === link?.qbo_id);
      return deposit ? `${deposit.TotalAmt} into ${deposit.DepositToAccountRef.name}` : 'no deposit yet';
    }, /^43\.39 into Checking$/);
  });

  it('logged no console error, no failed request and no uncaught exception on the integration page', () => {
    expect(session.problems).toEqual([]);
  });
});
