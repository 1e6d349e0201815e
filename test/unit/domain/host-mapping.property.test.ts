import fc from 'fast-check';
import { aquaHostSchema } from '../../../examples/aqua-host/aqua-host-schema';
import { customerFromRow, invoiceHeadFromRow, itemFromRow, paymentFromRow } from '../../../src/adapters/knex/host/host-row.mapper';
import { resolveHostSchema } from '../../../src/adapters/knex/host/host-schema';
import { centsToDecimalDollars, decimalDollarsToCents } from '../../../src/domain/shared/decimal-cents';

/**
 * Never misread (DESIGN.md §3 invariant 9): any row of a mapped table reads to exactly what the mapping says, or is
 * reported unreadable with a reason — never another value. The oracle below is written independently of the mapper
 * (BigInt arithmetic for money, the mapping's value lists spelled out again).
 */
const schema = resolveHostSchema(aquaHostSchema);
const runs = Number(process.env['MAPPING_RUNS'] ?? 500);

const kinds: Record<string, string | null> = { chemical: 'dosage', equipment: 'product', service: 'pool_service', repair: 'work_order_type', gift_card: null };
const statuses: Record<string, boolean> = { active: true, inactive: false, deleted: false };

/** Exact cents of a decimal text, or null: an oracle with BigInt, not the mapper's digit moving. */
const oracleCents = (value: unknown): number | null => {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
  if (text === null || !/^[+-]?\d+(\.\d*)?$/.test(text)) return null;
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace(/^[+-]/, '').split('.');
  const scaled = BigInt(whole!) * 100n + BigInt((fraction + '00').slice(0, 2));
  if (/[1-9]/.test(fraction.slice(2)) || scaled > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const cents = Number(scaled);
  return negative && cents !== 0 ? -cents : cents;
};

const moneyValue = fc.oneof(
  fc.integer({ min: -10_000_000, max: 10_000_000 }).map((cents) => centsToDecimalDollars(cents)),
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.stringMatching(/^\d{0,4}$/)).map(([whole, fraction]) => `${whole}.${fraction}`),
  fc.double({ noNaN: false }),
  fc.constantFrom('', 'abc', '1e3', '12.345', '12.340', '-0.00', ' 7.5 ', null, '99999999999999999.99'),
);
/** A calendar day as text, or null: the oracle checks the day exists through Date.UTC round-tripping. */
const oracleDay = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[ T]\d)/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? `${match[1]}-${match[2]}-${match[3]}` : null;
};
const dayValue = fc.oneof(
  fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }).map((date) => date.toISOString().replace('T', ' ').slice(0, 19)),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('0000-00-00', '2026-02-29', '2028-02-29', '2026-04-31', '2026-03-01x', 'yesterday', '', null),
);
const keyValue = fc.oneof(fc.uuid(), fc.constantFrom('', null));

/** The oracle's own lookup: only the mapping's own keys count (a value such as "valueOf" must not find Object's methods). */
const mapped = <V>(map: Record<string, V>, value: unknown): V | undefined =>
  Object.hasOwn(map, String(value)) ? map[String(value)] : undefined;
const enumValue = <T extends string>(known: readonly T[]) => fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 8 }), fc.constant(null), fc.integer());

describe('mapped rows read exactly or are refused with a reason', () => {
  it('catalog items', () => {
    fc.assert(
      fc.property(
        fc.record({ id: fc.uuid(), kind: enumValue(Object.keys(kinds)), name: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)), description: fc.oneof(fc.string(), fc.constant(null)), unitPriceCents: moneyValue, isActive: enumValue(Object.keys(statuses)) }),
        (row) => {
          const read = itemFromRow(schema, row);
          const kind = row.kind === null ? undefined : mapped(kinds, row.kind);
          const cents = oracleCents(row.unitPriceCents);
          const active = row.isActive === null ? true : mapped(statuses, row.isActive);
          const readable = typeof kind === 'string' && typeof row.name === 'string' && row.name.trim() !== '' && cents !== null && active !== undefined;
          if ('skip' in read) {
            expect(readable).toBe(false);
            expect(read.skip.length).toBeGreaterThan(10);
            return;
          }
          expect(readable).toBe(true);
          expect(read.record).toEqual({ id: row.id, kind, name: row.name, description: row.description, unitPriceCents: cents, sku: null, isActive: active });
        },
      ),
      { numRuns: runs },
    );
  });

  it('customers from one full-name column with a business flag', () => {
    fc.assert(
      fc.property(
        fc.record({ id: fc.uuid(), fullName: fc.oneof(fc.string({ maxLength: 30 }), fc.constant(null)), displayAsCompany: enumValue(['Y', 'N']), email: fc.oneof(fc.emailAddress(), fc.constant(null)), isActive: enumValue(Object.keys(statuses)) }),
        (row) => {
          const read = customerFromRow(schema, row);
          const business = row.displayAsCompany === null ? false : mapped({ Y: true, N: false }, row.displayAsCompany);
          const active = row.isActive === null ? true : mapped(statuses, row.isActive);
          if ('skip' in read) {
            expect(business === undefined || active === undefined).toBe(true);
            expect(read.skip).toMatch(/aqua_clients\.(is_business|status) holds .* neither true nor false/);
            return;
          }
          const name = (row.fullName ?? '').trim();
          expect(read.record).toEqual({
            id: row.id, firstName: business ? '' : name, lastName: '', companyName: business ? name : null, displayAsCompany: business, email: row.email,
            phone: null, street: null, city: null, state: null, zip: null, isActive: active,
          });
        },
      ),
      { numRuns: runs },
    );
  });

  it('ledger payments and credits: DECIMAL amounts, dates, the voided flag', () => {
    fc.assert(
      fc.property(
        fc.record({ id: fc.uuid(), customerId: keyValue, invoiceId: keyValue, amountCents: moneyValue, method: fc.oneof(fc.constantFrom('card', 'cash'), fc.constant(null)), receivedOn: dayValue, reference: fc.oneof(fc.string({ maxLength: 10 }), fc.constant(null)), deletedAt: fc.oneof(fc.constant(null), fc.date({ noInvalidDate: true })) }),
        (row) => {
          const read = paymentFromRow(schema, row);
          const cents = row.amountCents === '' ? null : oracleCents(row.amountCents);
          const day = oracleDay(row.receivedOn);
          const readable = typeof row.customerId === 'string' && row.customerId !== '' && cents !== null && day !== null;
          if ('skip' in read) {
            expect(readable).toBe(false);
            expect(read.skip).toMatch(/aqua_ledger\.(client_uuid|amount|posted_on)/);
            return;
          }
          expect(readable).toBe(true);
          expect(read.record).toEqual({
            id: row.id, customerId: row.customerId, invoiceId: row.invoiceId === '' ? null : row.invoiceId, amountCents: cents, method: row.method ?? '', receivedOn: day,
            reference: row.reference, deleted: row.deletedAt !== null,
          });
        },
      ),
      { numRuns: runs },
    );
  });

  it('bills: state enum, DECIMAL total, issue and due dates (a due date that is there but not a date is refused)', () => {
    const states: Record<string, string> = { draft: 'draft', open: 'sent', paid: 'sent', cancelled: 'void' };
    fc.assert(
      fc.property(
        fc.record({ id: fc.uuid(), customerId: keyValue, number: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null)), issuedOn: dayValue, dueOn: dayValue, status: enumValue(Object.keys(states)), totalCents: moneyValue }),
        (row) => {
          const read = invoiceHeadFromRow(schema, row);
          const status = row.status === null ? undefined : mapped(states, row.status);
          const cents = row.totalCents === '' ? null : oracleCents(row.totalCents);
          const issued = oracleDay(row.issuedOn);
          const due = row.dueOn === null || row.dueOn === '' ? null : oracleDay(row.dueOn);
          const dueReadable = row.dueOn === null || row.dueOn === '' || due !== null;
          const readable = typeof row.customerId === 'string' && row.customerId !== '' && status !== undefined && cents !== null && issued !== null && dueReadable;
          if ('skip' in read) {
            expect(readable).toBe(false);
            expect(read.skip).toMatch(/aqua_bills\.(client_uuid|state|total|billed_on|due_on)/);
            return;
          }
          expect(readable).toBe(true);
          expect(read.record).toEqual({ id: row.id, customerId: row.customerId, number: row.number ?? row.id, issuedOn: issued, dueOn: due, status, totalCents: cents, taxCents: 0, taxRateName: null });
        },
      ),
      { numRuns: runs },
    );
  });

  it('decimal dollars and cents convert both ways exactly', () => {
    fc.assert(fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (cents) => expect(decimalDollarsToCents(centsToDecimalDollars(cents))).toBe(cents)), { numRuns: runs });
  });
});
