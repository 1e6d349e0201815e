import knexFactory, { type Knex } from 'knex';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemoHost, type RunningDemoHost } from '../../../examples/demo-host/start-demo-host';

export const desktop = { width: 1280, height: 900 };
export const phone = { width: 375, height: 740 };

export interface BrowserSession {
  readonly demo: RunningDemoHost;
  /** The demo host's database (SQLite in a temporary directory). */
  readonly knex: Knex;
  readonly page: Page;
  /** Console errors, uncaught exceptions and failed requests (4xx/5xx) seen on the plugin's own pages. */
  readonly problems: string[];
  /** Screenshots at desktop width and at 375 px into test/.artifacts/<folder>/, checking nothing scrolls sideways and axe finds no serious or critical violation on the plugin's page at either width. */
  shoot(name: string): Promise<void>;
  /** Opens the integration page and waits until the connection is loaded. */
  openIntegration(): Promise<void>;
  text(selector: string): Promise<string>;
  /** axe-core's serious and critical violations on the page as it is now (each as "rule: target"). */
  accessibility(): Promise<string[]>;
  close(): Promise<void>;
}

const axeSource = (): string => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page (through the DevTools protocol, so the page's CSP does not apply) at both widths. */
export const seriousViolations = async (page: Page): Promise<string[]> => {
  const found: string[] = [];
  for (const viewport of [desktop, phone]) {
    await page.setViewportSize(viewport);
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    });
    found.push(...violations.map((v) => `${viewport.width}px ${v}`));
  }
  await page.setViewportSize(desktop);
  return found;
};

/**
 * The demo host (emulator, host data, plugin with its worker) on SQLite, and Debian's Chromium through
 * playwright-core pointed at it, watching the plugin's page for console errors and failed requests.
 */
export const startBrowserSession = async (folder: string, options: { readonly timezoneId?: string; readonly homeCurrency?: string; readonly salesTax?: 'automated' | 'manual' | 'off' } = {}): Promise<BrowserSession> => {
  const shots = join(__dirname, '../../.artifacts', folder);
  mkdirSync(shots, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), `qbo-${folder}-`));
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: join(dir, 'demo.sqlite') }, useNullAsDefault: true });
  let demo: RunningDemoHost | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await demo?.close();
    await knex.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    demo = await startDemoHost({ port: 0, database: knex, pollMs: 100, ...(options.homeCurrency ? { homeCurrency: options.homeCurrency } : {}), ...(options.salesTax ? { salesTax: options.salesTax } : {}) });
    browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const page = await (await browser.newContext({ viewport: desktop, ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}) })).newPage();
    const running = demo;
    const problems = watchPluginPage(page, running.integrationUrl);
    return {
      demo: running, knex, page, problems, close,
      shoot: async (name) => {
        // Every state of the plugin's page shot is checked by axe at both widths too (issue 18: no serious or critical
        // violation). The demo's back office and the emulator page are not the product.
        const ours = page.url().startsWith(running.integrationUrl);
        await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
        const wide = ours ? await seriousViolations(page) : [];
        await page.setViewportSize(phone);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        await page.screenshot({ path: join(shots, `${name}.375px.png`), fullPage: true });
        const narrow = ours ? await seriousViolations(page) : [];
        await page.setViewportSize(desktop);
        // The plugin's pages are readable at 375 px: nothing makes the whole page scroll sideways (wide tables scroll
        // in their own box).
        if (ours) expect({ step: name, overflow, wide, narrow }).toEqual({ step: name, overflow: 0, wide: [], narrow: [] });
      },
      openIntegration: async () => {
        await page.goto(running.integrationUrl);
        await page.locator('#connection-summary:not(:text("Loading"))').waitFor();
      },
      text: (selector) => page.locator(selector).innerText(),
      accessibility: () => seriousViolations(page),
    };
  } catch (error) {
    await close();
    throw error;
  }
};

/** The plugin's page must stay clean; the emulator's page (no favicon) and the demo's pages are not the product. */
const watchPluginPage = (page: Page, integrationUrl: string): string[] => {
  const problems: string[] = [];
  const onPluginPage = (): boolean => page.url().startsWith(integrationUrl);
  page.on('console', (message) => {
    if (message.type() === 'error' && onPluginPage()) problems.push(`console: ${message.text()} (${page.url()})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().startsWith(integrationUrl)) problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('pageerror', (error) => {
    if (onPluginPage()) problems.push(`page error: ${error.message} (${page.url()})`);
  });
  return problems;
};

/** Re-reads until the text matches (the worker delivers on its own clock), then asserts on the last reading. */
export const eventually = async (read: () => Promise<string>, pattern: RegExp, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!pattern.test(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await read();
  }
  expect(last).toMatch(pattern);
};
