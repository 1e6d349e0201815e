import fc from 'fast-check';
import { booksSummary } from '../../src/emulator/books/books-summary';
import { createCompany } from '../../src/emulator/default-company';
import { createEntity, deleteEntity, updateEntity, voidEntity } from '../../src/emulator/entity-writer';
import type { EmulatedEntity } from '../../src/emulator/emulated-entity';
import { centsToDecimal } from '../../src/emulator/money';
import { QboFault } from '../../src/emulator/qbo-fault';
import type { RealmStore } from '../../src/emulator/realm-store';
import type { SalesTaxMode } from '../../src/emulator/tax/sales-tax-mode';

const NOW = Date.parse('2026-05-01T10:00:00Z');
const $ = centsToDecimal;

const step = fc.oneof(
  fc.record({ kind: fc.constant('invoice' as const), who: fc.nat(2), cents: fc.integer({ min: 1, max: 50_000 }), taxed: fc.boolean() }),
  fc.record({ kind: fc.constant('deposit' as const), picks: fc.array(fc.nat(), { maxLength: 3 }), feeCents: fc.integer({ min: 0, max: 500 }) }),
  fc.record({ kind: fc.constant('pay' as const), who: fc.nat(2), pick: fc.nat(), cents: fc.integer({ min: 1, max: 60_000 }), extra: fc.integer({ min: 0, max: 5_000 }) }),
  fc.record({ kind: fc.constant('credit' as const), who: fc.nat(2), cents: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ kind: fc.constant('memo' as const), who: fc.nat(2), cents: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ kind: fc.constant('refundCredit' as const), who: fc.nat(2), pick: fc.nat(), cents: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ kind: fc.constant('refundSale' as const), who: fc.nat(2), cents: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ kind: fc.constant('remove' as const), entity: fc.constantFrom<EmulatedEntity>('Payment', 'Invoice', 'CreditMemo', 'Purchase', 'RefundReceipt', 'Deposit'), pick: fc.nat(), voiding: fc.boolean() }),
  fc.record({ kind: fc.constant('activity' as const), who: fc.nat(2), active: fc.boolean() }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const live = (store: RealmStore, entity: EmulatedEntity) => [...store.table(entity).values()].filter((record) => !record.deleted);
const refOf = (id: string) => ({ value: id });

interface Ids {
  readonly customers: string[];
  readonly item: string;
  readonly bank: string;
  readonly receivable: string;
  readonly funds: string;
  readonly fees: string;
}

/** Runs one step as a client would; QBO may refuse it, which leaves the books as they were. */
function run(store: RealmStore, ids: Ids, next: Step): void {
  const at = { now: NOW };
  const customer = ids.customers[(next as { who?: number }).who ?? 0] as string;
  const line = (cents: number, taxed = false) => [{ DetailType: 'SalesItemLineDetail', Amount: $(cents), SalesItemLineDetail: { ItemRef: refOf(ids.item), TaxCodeRef: { value: taxed ? 'TAX' : 'NON' } } }];
  const taxDetail = store.salesTax === 'manual' ? { TxnTaxDetail: { TxnTaxCodeRef: refOf(store.defaultTaxCodeId as string) } } : {};
  const pickOf = <T>(list: T[], pick: number): T | undefined => list[pick % Math.max(1, list.length)];
  switch (next.kind) {
    case 'invoice':
      return void createEntity(store, 'Invoice', { CustomerRef: refOf(customer), Line: line(next.cents, next.taxed), ...taxDetail }, at);
    case 'deposit': {
      const waiting = live(store, 'Payment').filter((payment) => (payment.body.DepositToAccountRef as { value: string }).value === ids.funds && !store.depositOfPayment.has(payment.id));
      const chosen = [...new Set(next.picks.map((pick) => pickOf(waiting, pick)).filter((payment) => payment !== undefined))];
      if (chosen.length === 0) return;
      const lines: unknown[] = chosen.map((payment) => ({ Amount: $(payment!.body.TotalAmt as number), LinkedTxn: [{ TxnId: payment!.id, TxnType: 'Payment', TxnLineId: '0' }] }));
      lines.push({ Amount: $(-next.feeCents), DetailType: 'DepositLineDetail', DepositLineDetail: { AccountRef: refOf(ids.fees) } });
      return void createEntity(store, 'Deposit', { DepositToAccountRef: refOf(ids.bank), Line: lines }, at);
    }
    case 'memo':
      return void createEntity(store, 'CreditMemo', { CustomerRef: refOf(customer), Line: line(next.cents) }, at);
    case 'refundSale':
      return void createEntity(store, 'RefundReceipt', { CustomerRef: refOf(customer), DepositToAccountRef: refOf(ids.bank), Line: line(next.cents) }, at);
    case 'credit':
      return void createEntity(store, 'Payment', { CustomerRef: refOf(customer), TotalAmt: $(next.cents) }, at);
    case 'pay': {
      const invoice = pickOf(live(store, 'Invoice').filter((record) => (record.body.CustomerRef as { value: string }).value === customer), next.pick);
      const applied = invoice ? Math.min(next.cents, invoice.body.Balance as number) : 0;
      const lines = applied > 0 && invoice ? [{ Amount: $(applied), LinkedTxn: [{ TxnId: invoice.id, TxnType: 'Invoice' }] }] : [];
      return void createEntity(store, 'Payment', { CustomerRef: refOf(customer), TotalAmt: $(applied + next.extra), Line: lines }, at);
    }
    case 'refundCredit': {
      const credit = pickOf(live(store, 'Payment').filter((record) => (record.body.CustomerRef as { value: string }).value === customer && (record.body.UnappliedAmt as number) > 0), next.pick);
      if (!credit) return;
      const cents = Math.min(next.cents, credit.body.UnappliedAmt as number);
      const expense = createEntity(store, 'Purchase', { PaymentType: 'Cash', AccountRef: refOf(ids.bank), EntityRef: refOf(customer), Line: [{ DetailType: 'AccountBasedExpenseLineDetail', Amount: $(cents), AccountBasedExpenseLineDetail: { AccountRef: refOf(ids.receivable) } }] }, at);
      const lines = [...(credit.body.Line as unknown[]), { Amount: $(cents), LinkedTxn: [{ TxnId: expense.id, TxnType: 'Expense' }] }];
      return void updateEntity(store, 'Payment', { Id: credit.id, SyncToken: String(credit.syncToken), sparse: true, Line: lines.map((entry) => ({ ...(entry as object), Amount: $((entry as { Amount: number }).Amount) })) }, at);
    }
    case 'remove': {
      const record = pickOf(live(store, next.entity), next.pick);
      if (!record) return;
      const target = { Id: record.id, SyncToken: String(record.syncToken) };
      if (next.voiding && (next.entity === 'Payment' || next.entity === 'Invoice')) return void voidEntity(store, next.entity, target, at);
      return void deleteEntity(store, next.entity, target, at);
    }
    case 'activity': {
      const record = store.get('Customer', customer);
      return void updateEntity(store, 'Customer', { Id: customer, SyncToken: String(record?.syncToken), sparse: true, Active: next.active }, at);
    }
  }
}

describe('emulator books: a ledger property', () => {
  it('whatever the story and tax mode: debits equal credits, each balance is open A/R less open credit, income and tax are sales less what was given back, Undeposited Funds holds what awaits deposit', () => {
    fc.assert(
      fc.property(fc.constantFrom<SalesTaxMode>('off', 'manual', 'automated'), fc.array(step, { maxLength: 40 }), (salesTax, steps) => {
        const store = createCompany('1', 'Ledger Co', NOW, { salesTax });
        const account = (name: string) => [...store.table('Account').values()].find((record) => record.body.Name === name)?.id as string;
        const customers = ['A', 'B', 'C'].map((name) => createEntity(store, 'Customer', { DisplayName: name }, { now: NOW }).id);
        const item = createEntity(store, 'Item', { Name: 'Service', Type: 'Service', IncomeAccountRef: refOf(account('Services')) }, { now: NOW }).id;
        const ids: Ids = { customers, item, bank: account('Checking'), receivable: account('Accounts Receivable (A/R)'), funds: account('Undeposited Funds'), fees: account('Bank Charges & Fees') };
        for (const next of steps) {
          try {
            run(store, ids, next);
          } catch (error) {
            if (!(error instanceof QboFault)) throw error;
          }
          const summary = booksSummary(store);
          let trial = 0;
          for (const row of summary.accounts) trial += ['Asset', 'Expense'].includes(row.classification) ? row.balanceCents : 0 - row.balanceCents;
          expect(trial).toBe(0);
          for (const row of summary.customers) {
            expect(row.balanceCents).toBe(row.openReceivableCents - row.openCreditCents);
            expect(store.get('Customer', row.id)?.body.Balance).toBe(row.balanceCents);
          }
          const receivable = summary.accounts.find((row) => row.id === ids.receivable)?.balanceCents;
          expect(receivable).toBe(summary.customers.reduce((sum, row) => sum + row.balanceCents, 0));
          const sum = (entity: EmulatedEntity, of: (body: Record<string, any>) => number) => live(store, entity).reduce((total, record) => total + of(record.body), 0);
          const net = (of: (body: Record<string, any>) => number) => sum('Invoice', of) - sum('CreditMemo', of) - sum('RefundReceipt', of);
          const tax = (body: Record<string, any>) => (body.TxnTaxDetail?.TotalTax as number | undefined) ?? 0;
          const balanceOf = (name: string) => summary.accounts.find((row) => row.name === name)?.balanceCents ?? 0;
          expect(balanceOf('Services')).toBe(net((body) => body.TotalAmt - tax(body)));
          const liabilities = summary.accounts.filter((row) => row.name.endsWith(' Payable') && row.accountType === 'Other Current Liability');
          expect(liabilities.reduce((total, row) => total + row.balanceCents, 0)).toBe(net(tax));
          const undeposited = live(store, 'Payment').filter((payment) => (payment.body.DepositToAccountRef as { value: string }).value === ids.funds && !store.depositOfPayment.has(payment.id));
          expect(balanceOf('Undeposited Funds')).toBe(undeposited.reduce((total, payment) => total + (payment.body.TotalAmt as number), 0));
          expect(balanceOf('Bank Charges & Fees')).toBe(0 - live(store, 'Deposit').reduce((total, deposit) => total + (deposit.body.Line as any[]).filter((line) => line.DepositLineDetail).reduce((fees, line) => fees + line.Amount, 0), 0));
          for (const payment of live(store, 'Payment')) expect(payment.body.UnappliedAmt as number).toBeGreaterThanOrEqual(0);
          for (const invoice of live(store, 'Invoice')) expect(invoice.body.Balance as number).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: Number(process.env.LEDGER_RUNS ?? 200) },
    );
  });
});
