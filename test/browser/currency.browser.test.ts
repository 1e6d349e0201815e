import { startBrowserSession } from './support/browser-session';

/**
 * Money in the QBO company's home currency (issue 18), in Chromium: the same demo against an emulated company in CAD
 * and in USD. The preview's price change ("Price: CA$1,234.50 → …") reads "CA$" for the
 * Canadian company and "$" for the US one, never a bare "$" for Canadian dollars. Screenshots go to
 * test/.artifacts/currency-CAD/ and currency-USD/.
 */
jest.setTimeout(120_000);

describe('the integration page shows money in the QBO company\'s currency, in Chromium', () => {
  it.each([
    ['CAD', 'CA$'],
    ['USD', '$'],
  ])('a company in %s: the price change in the preview reads %s', async (currency, symbol) => {
    const session = await startBrowserSession(`currency-${currency}`, { homeCurrency: currency });
    try {
      const { page, demo } = session;
      // A price edited in QBO (as in its UI) that the host's differs from: linking updates it, so the preview shows money.
      const realm = `${demo.emulatorUrl}/__emulator/realms/${demo.realmId}`;
      const books = (await (await fetch(`${realm}/state`)).json()) as { Item?: { Id: string; Name: string }[] };
      const service = books.Item?.find((item) => item.Name === 'Weekly pool service');
      expect(service).toBeDefined();
      const edited = await fetch(`${realm}/entities/Item/${service!.Id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ UnitPrice: 1234.5 }) });
      expect(edited.status).toBe(200);
      await session.openIntegration();
      await page.getByRole('button', { name: 'Connect to QuickBooks' }).click();
      await page.locator('#flash:text("QuickBooks is connected")').waitFor();
      const preview = await (await page.request.get(`${demo.integrationUrl}preview`)).json() as { currency: string; rows: { changes: { cents?: unknown }[] }[] };
      const preflight = await (await page.request.get(`${demo.integrationUrl}preflight`)).json() as { currency: string };
      expect({ preview: preview.currency, preflight: preflight.currency }).toEqual({ preview: currency, preflight: currency });

      await page.getByRole('button', { name: 'Show the preview' }).click();
      const table = page.locator('#preview-body table');
      await table.waitFor();
      const text = await table.innerText();
      const amounts = text.match(/(?:CA)?\$[\d,]+\.\d\d/g) ?? [];
      expect(preview.rows.some((row) => row.changes.some((change) => change.cents !== undefined))).toBe(true);
      expect(text).toContain(`${symbol}1,234.50`);
      expect(amounts.length).toBeGreaterThan(1);
      expect(amounts.filter((amount) => !amount.startsWith(symbol))).toEqual([]);
      // The preview's CSV writes the same amounts in the same currency.
      const csv = (await (await page.request.get(`${demo.integrationUrl}preview.csv`)).body()).toString('utf8');
      const csvAmounts = csv.match(/(?:CA)?\$[\d,]+\.\d\d/g) ?? [];
      expect(csv).toContain(`${symbol}1,234.50`);
      expect(csvAmounts.filter((amount) => !amount.startsWith(symbol))).toEqual([]);
      await session.shoot('preview');
      expect(await session.accessibility()).toEqual([]);
      expect(session.problems).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
