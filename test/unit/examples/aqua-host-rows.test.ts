import { AquaUnreadable, paymentOfRow } from '../../../examples/aqua-host/aqua-host-rows';

describe("the aqua host's own row rules never misread a date", () => {
  const row = { uuid: 'p1', client_uuid: 'c1', bill_uuid: null, amount: '42.00', tender: 'card', memo: null, voided_at: null };

  it('reads a DATE as mysql2 hands it over (a Date at local midnight) and as SQLite keeps it (text)', () => {
    expect(paymentOfRow({ ...row, posted_on: new Date(2026, 2, 1) }).receivedOn).toBe('2026-03-01');
    expect(paymentOfRow({ ...row, posted_on: '2026-03-01' }).receivedOn).toBe('2026-03-01');
    expect(paymentOfRow({ ...row, posted_on: '2024-02-29 00:00:00' }).receivedOn).toBe('2024-02-29');
  });

  it.each(['0000-00-00', '2026-02-30', '2026-13-01', 'yesterday', '', null])('refuses %p with the column named', (value) => {
    expect(() => paymentOfRow({ ...row, posted_on: value })).toThrow(new AquaUnreadable('the payment date is empty or not a date (posted_on)'));
    expect(() => paymentOfRow({ ...row, posted_on: new Date(Number.NaN) })).toThrow(AquaUnreadable);
  });
});
