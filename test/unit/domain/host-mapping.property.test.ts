import fc from 'fast-check';
import { aquaHostSchema } from '../../../examples/aqua-host/aqua-host-schema';
import { customerFromRow, itemFromRow } from '../../../src/adapters/knex/host/host-row.mapper';
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

  it('decimal dollars and cents convert both ways exactly', () => {
    fc.assert(fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (cents) => expect(decimalDollarsToCents(centsToDecimalDollars(cents))).toBe(cents)), { numRuns: runs });
  });
});
