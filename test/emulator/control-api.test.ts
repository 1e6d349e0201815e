import { EmulatorClient, type Company } from './emulator-client';

describe('emulator: control API', () => {
  const emulator = EmulatorClient.use({}, 'each');

  it('creates a company with the default chart of accounts', async () => {
    const company = await emulator.company('Chart Co');
    const accounts = (await emulator.state(company)).Account as any[];
    const byName = new Map(accounts.map((account) => [account.Name, account]));
    expect(byName.get('Services')).toMatchObject({ AccountType: 'Income', Classification: 'Revenue' });
    expect(byName.get('Sales of Product Income')).toMatchObject({ AccountType: 'Income', AccountSubType: 'SalesOfProductIncome' });
    expect(byName.get('Checking')).toMatchObject({ AccountType: 'Bank' });
    expect(byName.get('Undeposited Funds')).toMatchObject({ AccountType: 'Other Current Asset', AccountSubType: 'UndepositedFunds' });
    expect([...byName.values()].some((account) => account.AccountType === 'Accounts Receivable')).toBe(true);
  });

  it('state lists every entity, inactive ones included; requests lists what the API received, in order', async () => {
    const company = await emulator.company();
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'Gone Quiet' });
    await emulator.api(company, 'POST', 'customer?requestid=r-2', { Id: customer.Id, SyncToken: '0', sparse: true, Active: false });
    const state = await emulator.state(company);
    expect(state.Customer).toEqual([expect.objectContaining({ DisplayName: 'Gone Quiet', Active: false, SyncToken: '1' })]);
    const requests = await emulator.requests(company);
    expect(requests.map((entry) => [entry.method, entry.path, entry.requestid, entry.status])).toEqual([
      ['POST', `/v3/company/${company.realmId}/customer`, null, 200],
      ['POST', `/v3/company/${company.realmId}/customer`, 'r-2', 200],
    ]);
    expect(Date.parse(requests[0].time)).not.toBeNaN();
  });

  it('seeds records as if typed into QBO and edits them to raise their SyncToken, without touching the request log', async () => {
    const company = await emulator.company();
    const seeded = await emulator.control('POST', `/realms/${company.realmId}/entities/customer`, { DisplayName: 'Made In QBO' });
    expect(seeded.status).toBe(201);
    const id = seeded.body.Customer.Id;
    const edited = await emulator.control('POST', `/realms/${company.realmId}/entities/customer/${id}`, { Notes: 'edited by the bookkeeper' });
    expect(edited.body.Customer).toMatchObject({ SyncToken: '1', Notes: 'edited by the bookkeeper', DisplayName: 'Made In QBO' });
    const invalid = await emulator.control('POST', `/realms/${company.realmId}/entities/customer`, { DisplayName: 'made in qbo' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.Fault.Error[0].code).toBe('6240');
    expect(await emulator.requests(company)).toEqual([]);
  });

  it('reset forgets companies and tokens', async () => {
    const company = await emulator.company();
    expect((await emulator.control('POST', '/reset')).status).toBe(204);
    expect((await emulator.control('GET', `/realms/${company.realmId}/state`)).status).toBe(404);
    expect((await emulator.api(company, 'GET', `companyinfo/${company.realmId}`)).status).toBe(401);
  });

  it('creates a company in the home currency asked (Preferences.CurrencyPrefs.HomeCurrency), USD when not asked', async () => {
    const usd = await emulator.company('Dollar Co');
    expect((await emulator.api(usd, 'GET', 'preferences')).body.Preferences.CurrencyPrefs.HomeCurrency).toEqual({ value: 'USD' });
    const made = await emulator.control('POST', '/realms', { companyName: 'Loonie Co', homeCurrency: 'CAD' });
    expect(made.status).toBe(201);
    const cad: Company = { realmId: made.body.realmId, accessToken: made.body.accessToken, refreshToken: made.body.refreshToken };
    expect((await emulator.api(cad, 'GET', 'preferences')).body.Preferences.CurrencyPrefs.HomeCurrency).toEqual({ value: 'CAD' });
  });

  it('refuses bad control input with a 4xx and a message', async () => {
    expect((await emulator.control('POST', '/faults', { kind: 'meteor' })).status).toBe(400);
    expect((await emulator.control('POST', '/config', { timeScale: -1 })).status).toBe(400);
    expect((await emulator.control('POST', '/realms', { companyName: 42 })).status).toBe(400);
    expect((await emulator.control('POST', '/realms', { homeCurrency: 'dollars' })).status).toBe(400);
    expect((await emulator.control('GET', '/realms/000/requests')).status).toBe(404);
  });

  it('serves a page for people with each company\'s data, escaped', async () => {
    const company = await emulator.company('<b>Bold</b> & Co');
    await emulator.created(company, 'Customer', { DisplayName: '<script>alert(1)</script>' });
    const page = await fetch(`${emulator.url}/__emulator/`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;Bold&lt;/b&gt; &amp; Co');
    expect(html).not.toContain('<script>alert');
  });
});
