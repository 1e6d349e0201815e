import fc from 'fast-check';
import { decideInvoice } from '../../../src/domain/invoices/decide-invoice';
import { decidePayment, type PaymentContext } from '../../../src/domain/payments/decide-payment';
import { decideRefund } from '../../../src/domain/refunds/decide-refund';
import type { HostRecordKind } from '../../../src/domain/host/host-records';
import { carriesMarker, markerOf, PRIVATE_NOTE_MAX, privateNoteMarker, privateNoteMemo } from '../../../src/domain/sync/private-note';
import { anInvoice, aPayment, aRefund } from '../../support/domain/host-records.builder';
import { aLink, applied } from '../../support/domain/link.builder';

const context: PaymentContext = {
  invoice: anInvoice({ number: 'BL-1001' }),
  otherPayments: [],
  customerLink: aLink('customer', '17', 'Customer', '58'),
  invoiceLink: aLink('invoice', 'inv-1', 'Invoice', '130'),
  depositAccountId: '35',
  hostAppName: 'Blue Lagoon Office',
};
const fieldsOf = (decision: ReturnType<typeof decidePayment>): Record<string, unknown> => {
  if (decision.kind === 'create') return decision.draft.fields as unknown as Record<string, unknown>;
  if (decision.kind === 'update') return decision.changes.fields as Record<string, unknown>;
  throw new Error(`expected a write, got ${decision.kind}`);
};

describe('a transaction\'s memo in QBO: words a bookkeeper reads, the marker whole at the end (ADR 0092)', () => {
  it('names the payment, its invoice by number and the host app, then the sync reference', () => {
    expect(fieldsOf(decidePayment('1', aPayment({ id: '2' }), context, null))['privateNote']).toBe(
      'Payment received 2026-06-03 for invoice BL-1001, from Blue Lagoon Office. Sync reference: qbo-sync:1:payment:2',
    );
    expect(fieldsOf(decidePayment('1', aPayment({ id: '3', invoiceId: null }), { ...context, invoice: null, invoiceLink: null }, null))['privateNote']).toBe(
      'Account credit received 2026-06-03, from Blue Lagoon Office. Sync reference: qbo-sync:1:payment:3',
    );
    const invoice = decideInvoice('1', anInvoice({ number: 'BL-1001' }), { payments: [aPayment()], customerLink: context.customerLink, itemLinks: new Map([['i-1', aLink('item', 'i-1', 'Item', '21')], ['i-2', aLink('item', 'i-2', 'Item', '22')]]), hostAppName: 'Blue Lagoon Office' }, null);
    expect(invoice.kind === 'create' && invoice.draft.fields).toMatchObject({ privateNote: 'Invoice BL-1001, from Blue Lagoon Office. Sync reference: qbo-sync:1:invoice:inv-1' });
  });

  it('is written at create only: an edit, even of a link adopted after a lost answer, never sends the memo again', () => {
    const created = decidePayment('1', aPayment({ id: '2' }), context, null);
    const link = applied('payment', '2', created, null);
    const edited = decidePayment('1', aPayment({ id: '2', reference: 'CHK-77' }), { ...context, hostAppName: 'Renamed App' }, link);
    expect(edited.kind).toBe('update');
    expect(fieldsOf(edited)).not.toHaveProperty('privateNote');
    // Adopted by its marker after a timeout: nothing pushed is known, so every host-owned field goes, but not the memo
    // QBO already has (it carries the marker; that is how it was found).
    const adopted = decidePayment('1', aPayment({ id: '2' }), context, aLink('payment', '2', 'Payment', '900'));
    expect(adopted.kind).toBe('update');
    expect(fieldsOf(adopted)).toMatchObject({ totalCents: 29998 });
    expect(fieldsOf(adopted)).not.toHaveProperty('privateNote');
  });

  it('keeps the fingerprint of payments sent with the bare marker before memos had words: no update for them', () => {
    const bare = applied('payment', 'p-1', decidePayment('pool-co', aPayment(), { ...context, hostAppName: undefined }, null), null)!;
    expect(bare.pushed?.['privateNote']).toBe('qbo-sync:pool-co:payment:p-1');
    expect(decidePayment('pool-co', aPayment(), context, bare).kind).toBe('nothing');
  });

  it('says what a refund refunds', () => {
    const refund = decideRefund('1', aRefund({ id: '4' }), { payment: aPayment(), customerLink: context.customerLink, paymentLink: aLink('payment', 'p-1', 'Payment', '140'), refundItemLink: aLink('item', 'qbo-sync:refund', 'Item', '38'), depositAccountId: '35', hostAppName: 'Blue Lagoon Office' }, null);
    expect(refund.kind === 'create' && refund.draft.fields).toMatchObject({ privateNote: 'Refund of 2026-06-10 of the payment received 2026-06-03, from Blue Lagoon Office. Sync reference: qbo-sync:1:refund:4' });
  });

  const kinds: readonly HostRecordKind[] = ['invoice', 'payment', 'refund', 'payout'];
  const markerArb = fc.record({ tenant: fc.string({ minLength: 1, maxLength: 8 }), kind: fc.constantFrom(...kinds), id: fc.string({ minLength: 1, maxLength: 8 }) }).map((m) => privateNoteMarker(m.tenant, m.kind, m.id));

  it('for any words and app name: the memo fits QBO, carries its own marker whole and no other, and gives the marker back', () => {
    fc.assert(
      fc.property(markerArb, markerArb, fc.oneof(fc.string({ maxLength: 40 }), fc.string({ minLength: 3_990, maxLength: 4_100 })), fc.string({ maxLength: 100 }), (mine, other, words, app) => {
        const memo = privateNoteMemo(words, app, mine);
        expect(memo.length).toBeLessThanOrEqual(PRIVATE_NOTE_MAX);
        expect(memo.endsWith(mine)).toBe(true);
        expect(carriesMarker(memo, mine)).toBe(true);
        expect(markerOf(memo)).toBe(mine);
        // Words around another record's marker never make this one's memo carry it (payment 2 beside payment 23).
        if (!carriesMarker(`${words} ${app}`, other) && other !== mine) expect(carriesMarker(memo, other)).toBe(false);
      }),
      { numRuns: 1_000 },
    );
  });

  it('gives back the real marker when the host\'s words hold something shaped like one, and a bare marker as it is', () => {
    const memo = privateNoteMemo('Payment for invoice qbo-sync:1:payment:23', 'App', privateNoteMarker('1', 'payment', '2'));
    expect(markerOf(memo)).toBe('qbo-sync:1:payment:2');
    expect(markerOf('qbo-sync:1:invoice:7')).toBe('qbo-sync:1:invoice:7');
    // QBO's void prefix and a bookkeeper's words after the marker leave it findable.
    expect(carriesMarker(`Voided - ${memo} (checked by Ana)`, 'qbo-sync:1:payment:2')).toBe(true);
  });
});
