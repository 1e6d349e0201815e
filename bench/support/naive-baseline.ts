import QuickBooks from 'node-quickbooks';
import type { EmulatorProcess } from './emulator-process';

/** node-quickbooks is callback based; one call as a promise. */
const call = <T>(run: (callback: (error: unknown, data: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => run((error, data) => (error ? reject(error) : resolve(data))));

/**
 * The integration most shops write: node-quickbooks, one createCustomer per host record, one at a time, waiting
 * for each answer. Returns records per second over `count` customers in a company of its own.
 */
export const naiveCustomersPerSecond = async (emulator: EmulatorProcess, count: number): Promise<number> => {
  const response = await fetch(`${emulator.url}/__emulator/realms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ companyName: 'Naive baseline' }) });
  const company = (await response.json()) as { realmId: string; accessToken: string; refreshToken: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const qbo: any = new (QuickBooks as any)('bench-client', 'bench-secret', company.accessToken, false, company.realmId, true, false, 75, '2.0', company.refreshToken);
  qbo.endpoint = `${emulator.url}/v3/company/`;
  const started = performance.now();
  for (let n = 0; n < count; n += 1) {
    await call((callback) => qbo.createCustomer({ DisplayName: `Naive ${n}`, GivenName: 'Naive', FamilyName: `Customer ${n}`, PrimaryEmailAddr: { Address: `n${n}@example.com` } }, callback));
  }
  return count / ((performance.now() - started) / 1000);
};
