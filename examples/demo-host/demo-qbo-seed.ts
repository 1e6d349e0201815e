/**
 * The emulator's QuickBooks company for the demo, created through its control API before the admin connects (the
 * emulator's consent picks the company created last) and filled as if someone had typed records into QuickBooks.
 */
const post = async (url: string, body: unknown): Promise<Record<string, unknown>> => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`The emulator refused ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
};

const qboCustomers = [
  { DisplayName: 'Maria Lopez', GivenName: 'Maria', FamilyName: 'Lopez', PrimaryEmailAddr: { Address: 'maria.lopez@example.com' } },
  { DisplayName: 'John and Jane Smith', GivenName: 'John', FamilyName: 'Smith', PrimaryEmailAddr: { Address: 'smiths@example.com' } },
  { DisplayName: 'Dana Whitfield', GivenName: 'Dana', FamilyName: 'Whitfield', Active: false },
  { DisplayName: 'Harbor View Marina', CompanyName: 'Harbor View Marina', PrimaryEmailAddr: { Address: 'office@harborview.example' } },
  { DisplayName: 'Oak Ridge Apartments', CompanyName: 'Oak Ridge Apartments' },
];

export interface DemoQboCompany {
  readonly realmId: string;
}

/** `homeCurrency`: the company's ISO 4217 home currency, USD unless said (a Canadian company is CAD). */
export const seedDemoQboCompany = async (emulatorUrl: string, options: { readonly homeCurrency?: string; readonly salesTax?: 'automated' | 'manual' | 'off' } = {}): Promise<DemoQboCompany> => {
  // Chemicals are taxable: the company charges sales tax with its own codes and rates (manual), as a pool company does;
  // `salesTax` plays one that has not set sales tax up yet ('off').
  const realm = await post(`${emulatorUrl}/__emulator/realms`, { companyName: 'Blue Lagoon Pool Service (QuickBooks)', salesTax: options.salesTax ?? 'manual', ...(options.homeCurrency ? { homeCurrency: options.homeCurrency } : {}) });
  const realmId = String(realm.realmId);
  const entities = `${emulatorUrl}/__emulator/realms/${realmId}/entities`;
  for (const customer of qboCustomers) await post(`${entities}/Customer`, customer);

  const state = (await (await fetch(`${emulatorUrl}/__emulator/realms/${realmId}/state`)).json()) as { Account?: { Id: string; Name: string }[] };
  const services = state.Account?.find((account) => account.Name === 'Services');
  if (!services) throw new Error('The emulator company has no "Services" income account.');
  const income = { value: services.Id };
  await post(`${entities}/Item`, { Name: 'Weekly pool service', Type: 'Service', UnitPrice: 45, IncomeAccountRef: income });
  await post(`${entities}/Item`, { Name: 'Pool opening', Type: 'Service', UnitPrice: 175, IncomeAccountRef: income });
  await post(`${entities}/Item`, { Name: 'Filter cartridge', Type: 'NonInventory', UnitPrice: 62.5, IncomeAccountRef: income });
  return { realmId };
};
