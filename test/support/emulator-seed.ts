/** Seeds a QBO company through the emulator's control API, as if a bookkeeper had typed the records in. */
/** A new QBO company; `salesTax` says how it charges sales tax (automated, manual, or off: the default). */
export const createRealm = async (emulatorUrl: string, companyName: string, salesTax?: 'automated' | 'manual' | 'off'): Promise<string> => {
  const response = await fetch(`${emulatorUrl}/__emulator/realms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ companyName, ...(salesTax ? { salesTax } : {}) }) });
  if (!response.ok) throw new Error(`creating a company: HTTP ${response.status}`);
  return ((await response.json()) as { realmId: string }).realmId;
};

export const seedQbo = async (emulatorUrl: string, realmId: string, entity: string, body: Record<string, unknown>): Promise<{ Id: string; [field: string]: unknown }> => {
  const response = await fetch(`${emulatorUrl}/__emulator/realms/${realmId}/entities/${entity}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as Record<string, { Id: string }>;
  if (!response.ok) throw new Error(`seeding ${entity}: HTTP ${response.status} ${JSON.stringify(json)}`);
  return Object.values(json).find((value) => typeof value === 'object' && value !== null && 'Id' in value) as { Id: string };
};
