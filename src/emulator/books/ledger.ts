/** One side of a transaction's effect on the books: debit when cents > 0, credit when < 0. */
export interface Posting {
  readonly accountId: string;
  readonly cents: number;
  /** Set on Accounts Receivable postings: whose balance they move. */
  readonly customerId?: string;
}

export interface TouchedBalances {
  readonly accounts: ReadonlySet<string>;
  readonly customers: ReadonlySet<string>;
}

/**
 * A company's general ledger in integer cents: what each transaction posted, and the running debit balance of every
 * account and of every customer's receivable. A transaction's postings are replaced whole on every write (reversed,
 * then posted again), so edits, deletes and voids can never leave a trace behind.
 */
export class Ledger {
  private readonly byTransaction = new Map<string, readonly Posting[]>();
  private readonly accountDebits = new Map<string, number>();
  private readonly receivables = new Map<string, number>();

  /** Replaces what `transactionKey` posted; every set of postings balances (debits equal credits) or is refused as a bug. */
  replace(transactionKey: string, postings: readonly Posting[]): TouchedBalances {
    const total = postings.reduce((sum, posting) => sum + posting.cents, 0);
    if (total !== 0) throw new Error(`Emulator bug: ${transactionKey} posts unbalanced entries (${total} cents)`);
    const accounts = new Set<string>();
    const customers = new Set<string>();
    const apply = (posting: Posting, sign: 1 | -1): void => {
      accounts.add(posting.accountId);
      this.accountDebits.set(posting.accountId, (this.accountDebits.get(posting.accountId) ?? 0) + sign * posting.cents);
      if (posting.customerId === undefined) return;
      customers.add(posting.customerId);
      this.receivables.set(posting.customerId, (this.receivables.get(posting.customerId) ?? 0) + sign * posting.cents);
    };
    for (const posting of this.byTransaction.get(transactionKey) ?? []) apply(posting, -1);
    for (const posting of postings) apply(posting, 1);
    if (postings.length === 0) this.byTransaction.delete(transactionKey);
    else this.byTransaction.set(transactionKey, postings);
    return { accounts, customers };
  }

  /** Debits less credits posted to an account. */
  debitBalance(accountId: string): number {
    return this.accountDebits.get(accountId) ?? 0;
  }

  /** What the customer owes on Accounts Receivable (negative: the company owes the customer a credit). */
  receivable(customerId: string): number {
    return this.receivables.get(customerId) ?? 0;
  }
}
