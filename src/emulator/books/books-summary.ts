import type { Body, StoredRecord } from '../emulated-entity';
import type { RealmStore } from '../realm-store';
import { isDebitNormal } from './chart';
import { linkableAmount } from '../rules/transaction-fields';

export interface CustomerBooks {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
  /** What is still due: open invoice balances, and refund expenses not yet matched to a credit. */
  readonly openReceivableCents: number;
  /** Credit the customer holds: unapplied payment amounts and remaining credit memo credit. */
  readonly openCreditCents: number;
  /** Customer.Balance: open receivable less open credit, as A/R carries it. */
  readonly balanceCents: number;
}

export interface AccountBooks {
  readonly id: string;
  readonly name: string;
  readonly accountType: string;
  readonly classification: string;
  /** The account's movement in its own sign: assets and expenses by debits, liabilities, equity and income by credits. */
  readonly balanceCents: number;
}

export interface BooksSummary {
  readonly realmId: string;
  readonly customers: readonly CustomerBooks[];
  readonly accounts: readonly AccountBooks[];
}

const live = (store: RealmStore, entity: 'Invoice' | 'Payment' | 'CreditMemo' | 'Purchase'): StoredRecord[] =>
  [...store.table(entity).values()].filter((record) => !record.deleted);
const customerIdOf = (record: StoredRecord): string | undefined => ((record.body.CustomerRef ?? record.body.EntityRef) as Body | undefined)?.value as string | undefined;

function addTo(map: Map<string, number>, key: string | undefined, cents: number): void {
  if (key !== undefined && cents !== 0) map.set(key, (map.get(key) ?? 0) + cents);
}

/** A realm's books as a bookkeeper checks them: each customer's open items and credits, each account's balance. */
export function booksSummary(store: RealmStore): BooksSummary {
  const open = new Map<string, number>();
  const credit = new Map<string, number>();
  for (const invoice of live(store, 'Invoice')) addTo(open, customerIdOf(invoice), invoice.body.Balance as number);
  for (const purchase of live(store, 'Purchase')) addTo(open, customerIdOf(purchase), linkableAmount(store, purchase) - store.appliedTo(purchase.id));
  for (const payment of live(store, 'Payment')) addTo(credit, customerIdOf(payment), payment.body.UnappliedAmt as number);
  for (const memo of live(store, 'CreditMemo')) addTo(credit, customerIdOf(memo), memo.body.RemainingCredit as number);
  const customers = [...store.table('Customer').values()].map((customer) => ({
    id: customer.id,
    name: String(customer.body.DisplayName),
    active: customer.body.Active !== false,
    openReceivableCents: open.get(customer.id) ?? 0,
    openCreditCents: credit.get(customer.id) ?? 0,
    balanceCents: store.ledger.receivable(customer.id),
  }));
  const accounts = [...store.table('Account').values()].map((account) => {
    const debit = store.ledger.debitBalance(account.id);
    return {
      id: account.id,
      name: String(account.body.Name),
      accountType: String(account.body.AccountType),
      classification: String(account.body.Classification),
      balanceCents: isDebitNormal(account.body.Classification) ? debit : 0 - debit,
    };
  });
  return { realmId: store.realmId, customers, accounts };
}
