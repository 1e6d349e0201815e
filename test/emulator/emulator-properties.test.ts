import fc from 'fast-check';
import { createCompany } from '../../src/emulator/default-company';
import { createEntity, deleteEntity, presentRecord } from '../../src/emulator/entity-writer';
import { centsToDecimal, decimalToCents } from '../../src/emulator/money';
import { QboFault } from '../../src/emulator/qbo-fault';
import { runQuery } from '../../src/emulator/query/query-runner';

const NOW = Date.parse('2026-05-01T10:00:00Z');

describe('emulator properties', () => {
  it('amounts survive decimal → cents → decimal exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }), (cents) => {
        expect(decimalToCents(centsToDecimal(cents))).toBe(cents);
        expect(decimalToCents(centsToDecimal(cents).toFixed(2))).toBe(cents);
      }),
    );
  });

  it('an invoice balance is always its total minus the live payments applied to it, and never negative', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('pay' as const), cents: fc.integer({ min: 1, max: 6000 }) }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.array(step, { maxLength: 25 }), (totalCents, steps) => {
        const store = createCompany('1', 'Prop Co', NOW);
        const services = runQuery(store, "select * from Account where Name = 'Services'").Account as Array<{ Id: string }>;
        const customer = createEntity(store, 'Customer', { DisplayName: 'P' }, { now: NOW });
        const item = createEntity(store, 'Item', { Name: 'I', Type: 'Service', IncomeAccountRef: { value: services[0]?.Id } }, { now: NOW });
        const amount = centsToDecimal(totalCents);
        const invoice = createEntity(store, 'Invoice', { CustomerRef: { value: customer.id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.id } } }] }, { now: NOW });
        const live = new Map<string, number>();
        for (const next of steps) {
          if (next.kind === 'pay') {
            const open = totalCents - [...live.values()].reduce((sum, cents) => sum + cents, 0);
            try {
              const payment = createEntity(store, 'Payment', { CustomerRef: { value: customer.id }, TotalAmt: centsToDecimal(next.cents), Line: [{ Amount: centsToDecimal(next.cents), LinkedTxn: [{ TxnId: invoice.id, TxnType: 'Invoice' }] }] }, { now: NOW });
              expect(next.cents).toBeLessThanOrEqual(open);
              live.set(payment.id, next.cents);
            } catch (error) {
              expect(error).toBeInstanceOf(QboFault);
              expect(next.cents).toBeGreaterThan(open);
            }
          } else if (live.size > 0) {
            const ids = [...live.keys()];
            const id = ids[next.pick % ids.length] as string;
            const payment = store.get('Payment', id);
            deleteEntity(store, 'Payment', { Id: id, SyncToken: String(payment?.syncToken) }, { now: NOW });
            live.delete(id);
          }
          const balance = presentRecord(store, invoice).Balance as number;
          const expected = totalCents - [...live.values()].reduce((sum, cents) => sum + cents, 0);
          expect(decimalToCents(balance)).toBe(expected);
          expect(expected).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('paging with STARTPOSITION/MAXRESULTS returns every row exactly once, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 25 }), (rows, pageSize) => {
        const store = createCompany('1', 'Paging Co', NOW);
        for (let index = 0; index < rows; index += 1) createEntity(store, 'Customer', { DisplayName: `C${index}` }, { now: NOW });
        const seen: string[] = [];
        for (let start = 1; ; start += pageSize) {
          const page = (runQuery(store, `select * from Customer STARTPOSITION ${start} MAXRESULTS ${pageSize}`).Customer ?? []) as Array<{ DisplayName: string }>;
          seen.push(...page.map((customer) => customer.DisplayName));
          if (page.length < pageSize) break;
        }
        expect(seen).toEqual(Array.from({ length: rows }, (_, index) => `C${index}`));
        expect(runQuery(store, 'select count(*) from Customer')).toEqual({ totalCount: rows });
      }),
      { numRuns: 60 },
    );
  });
});
