import type { QboGateway } from '../ports/qbo-gateway.port';

/**
 * QBO's Accounts Receivable account of a tenant's company, for the line of a credit refund's expense. Every QBO
 * company has one (QBO makes it with the first invoice); with several, the active one with the lowest id — the
 * one QBO made first, which its invoices use by default. Read once per company and process (an account's id never
 * changes); a company with none is asked again next time, as the bookkeeper may add one.
 */
export class ReceivableAccount {
  private readonly known = new Map<string, string>();

  constructor(private readonly gateway: QboGateway) {}

  async idFor(tenantId: string, realmId: string | null): Promise<string | null> {
    const key = `${tenantId}\u0000${realmId ?? ''}`;
    const cached = this.known.get(key);
    if (cached !== undefined) return cached;
    let found: string | null = null;
    for await (const account of this.gateway.list(tenantId, 'Account')) {
      if (account.fields.accountType !== 'Accounts Receivable' || !account.fields.active) continue;
      if (found === null || Number(account.ref.id) < Number(found)) found = account.ref.id;
    }
    if (found !== null) this.known.set(key, found);
    return found;
  }
}
