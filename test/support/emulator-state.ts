/** Reads the emulator's control API: what QBO holds, and which requests it received (the tests' witness). */
export interface EmulatorRecord {
  readonly Id: string;
  readonly SyncToken: string;
  readonly [field: string]: unknown;
}

export const emulatorState = async (emulatorUrl: string, realmId: string): Promise<Record<string, EmulatorRecord[]>> => {
  const response = await fetch(`${emulatorUrl}/__emulator/realms/${realmId}/state`);
  if (!response.ok) throw new Error(`emulator state for realm ${realmId}: HTTP ${response.status}`);
  return (await response.json()) as Record<string, EmulatorRecord[]>;
};

export const emulatorCustomers = async (emulatorUrl: string, realmId: string): Promise<EmulatorRecord[]> =>
  (await emulatorState(emulatorUrl, realmId)).Customer ?? [];

export const emulatorRequests = async (emulatorUrl: string, realmId: string): Promise<Array<{ method: string; path: string; requestid?: string; status: number }>> => {
  const response = await fetch(`${emulatorUrl}/__emulator/realms/${realmId}/requests`);
  if (!response.ok) throw new Error(`emulator requests for realm ${realmId}: HTTP ${response.status}`);
  const body = (await response.json()) as { requests?: unknown } | unknown[];
  return (Array.isArray(body) ? body : (body as { requests: unknown[] }).requests) as Array<{ method: string; path: string; requestid?: string; status: number }>;
};
