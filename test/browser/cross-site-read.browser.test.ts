import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { waitUntil } from '../support/workers/sync-tenant';
import { startBrowserSession, type BrowserSession } from './support/browser-session';

jest.setTimeout(90_000);

/** A page on another origin that makes the visitor's browser read the plugin's API: images, and a no-cors fetch. */
const attackerPage = (target: string): string =>
  `<!doctype html><html><body>${[1, 2, 3, 4, 5].map((n) => `<img src="${target}?n=${n}" alt="">`).join('')}` +
  `<script>fetch(${JSON.stringify(`${target}?n=fetch`)}, { mode: 'no-cors', credentials: 'include' })</script></body></html>`;

const serve = async (hostname: string, html: string): Promise<{ server: Server; url: string }> => {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://${hostname}:${(server.address() as AddressInfo).port}/` };
};

/**
 * Reads are protected like writes (issue 21): in real Chromium, pages on another site (127.0.0.1 against the demo's
 * localhost) and on a sibling origin of the same site (localhost on another port) load the match report as images
 * and by fetch; each request is refused and spends no QBO read, while the integration page itself still works. The
 * demo's own back-office forms refuse a post from another site too.
 */
describe('cross-site and same-site reads of the API, in Chromium', () => {
  let session: BrowserSession;
  let page: Page;
  const servers: Server[] = [];

  const qboRequests = async (): Promise<number> => {
    const log = (await (await fetch(`${session.demo.emulatorUrl}/__emulator/realms/${session.demo.realmId}/requests`)).json()) as { requests: unknown[] };
    return log.requests.length;
  };

  beforeAll(async () => {
    session = await startBrowserSession('cross-site-read');
    page = session.page;
    await session.openIntegration();
    await page.getByRole('button', { name: 'Connect to QuickBooks' }).click();
    await page.locator('#flash:text("QuickBooks is connected")').waitFor();
  });

  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await session?.close();
  });

  for (const [kind, hostname, site] of [['another site', '127.0.0.1', 'cross-site'], ['a sibling origin of the same site', 'localhost', 'same-site']] as const) {
    it(`refuses the reads a page on ${kind} makes the admin's browser send`, async () => {
      const target = `${session.demo.integrationUrl}match/customers`;
      const attacker = await serve(hostname, attackerPage(target));
      servers.push(attacker.server);
      const before = await qboRequests();
      const visitor = await page.context().newPage();
      // What the network saw: images answered 403 are then blocked by the browser (ORB), so the page's own events miss them.
      const network = await page.context().newCDPSession(visitor);
      const sent = new Map<string, { url: string; site?: string; status?: number }>();
      network.on('Network.requestWillBeSent', (event) => {
        if (event.request.url.startsWith(target)) sent.set(event.requestId, { ...sent.get(event.requestId), url: event.request.url });
      });
      network.on('Network.requestWillBeSentExtraInfo', (event) => {
        sent.set(event.requestId, { url: '', ...sent.get(event.requestId), site: String(event.headers['Sec-Fetch-Site'] ?? event.headers['sec-fetch-site']) });
      });
      network.on('Network.responseReceivedExtraInfo', (event) => {
        sent.set(event.requestId, { url: '', ...sent.get(event.requestId), status: event.statusCode });
      });
      await network.send('Network.enable');
      await visitor.goto(attacker.url);
      const answered = () => [...sent.values()].filter((request) => request.url.startsWith(target) && request.status !== undefined);
      await waitUntil('an answer to each read the attacker page made', async () => answered().length >= 6, 10_000);
      await visitor.close();

      expect(answered().map((request) => [request.site, request.status])).toEqual(Array(6).fill([site, 403]));
      expect(await qboRequests()).toBe(before);
    });
  }

  it("refuses a form another site posts to the demo's back office", async () => {
    const count = async () => Number((await session.knex('customers').count({ n: '*' }))[0]?.n);
    const before = await count();
    const attacker = await serve('127.0.0.1', `<!doctype html><html><body><form id="f" method="post" action="${session.demo.url}/customers">` +
      '<input name="first_name" value="Eve"><input name="last_name" value="Forged"></form><script>document.getElementById("f").submit()</script></body></html>');
    servers.push(attacker.server);
    const visitor = await page.context().newPage();
    const answer = visitor.waitForResponse((response) => response.url() === `${session.demo.url}/customers`);
    await visitor.goto(attacker.url);
    expect((await answer).status()).toBe(403);
    expect(await visitor.locator('[role="alert"]').innerText()).toContain('sent from another site and was refused');
    await visitor.close();
    expect(await count()).toBe(before);
  });

  it('still serves the integration page its own reads', async () => {
    await session.openIntegration();
    const report = await page.evaluate(async (url) => (await fetch(url)).status, `${session.demo.integrationUrl}match/customers`);
    expect(report).toBe(200);
  });
});
