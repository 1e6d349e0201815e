import type { Company, EmulatorClient } from './emulator-client';

/** A company with one customer and one service item on the Services income account, the start of every books test. */
export async function booksCompany(emulator: EmulatorClient, customerName = 'Pat Pool'): Promise<{ company: Company; customer: any; item: any; accounts: Record<string, any> }> {
  const company = await emulator.company();
  const accounts: Record<string, any> = {};
  for (const account of (await emulator.state(company)).Account ?? []) accounts[account.Name] = account;
  const customer = await emulator.created(company, 'Customer', { DisplayName: customerName });
  const item = await emulator.created(company, 'Item', { Name: 'Weekly service', Type: 'Service', IncomeAccountRef: { value: accounts.Services.Id } });
  return { company, customer, item, accounts };
}

export const invoiceOf = (customer: any, item: any, amount: number) => ({
  CustomerRef: { value: customer.Id },
  Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id } } }],
});

export const paymentOf = (customer: any, total: number, applied: Array<[string, number, string?]> = [], extra: Record<string, unknown> = {}) => ({
  CustomerRef: { value: customer.Id },
  TotalAmt: total,
  Line: applied.map(([id, amount, type]) => ({ Amount: amount, LinkedTxn: [{ TxnId: id, TxnType: type ?? 'Invoice' }] })),
  ...extra,
});

/** The books route, keyed for reading: customers by name, accounts by name, amounts in cents. */
export async function books(emulator: EmulatorClient, company: Company): Promise<{ customers: Record<string, any>; accounts: Record<string, number> }> {
  const summary = (await emulator.control('GET', `/realms/${company.realmId}/books`)).body;
  const customers: Record<string, any> = {};
  for (const customer of summary.customers) customers[customer.name] = customer;
  const accounts: Record<string, number> = {};
  for (const account of summary.accounts) accounts[account.name] = account.balanceCents;
  return { customers, accounts };
}
