import { changeText, confirmationFromSummary, previewRow, reviewComplete, reviewRow, summaryLines } from '../../../src/adapters/http/page/assets/preview-state.js';

const counts = (over: Record<string, number> = {}) => ({ total: 0, link: 0, update: 0, create: 0, renamed: 0, makeInactive: 0, makeActive: 0, notSent: 0, linkedBefore: 0, ...over });

describe('the preview and review, in words', () => {
  it('formats money changes from cents and other changes as given', () => {
    expect(changeText({ field: 'unitPriceCents', label: 'Price', from: '$12.50', to: '$1,399.00', cents: { from: 1250, to: 139900 } })).toBe('Price: $12.50 → $1,399.00');
    expect(changeText({ field: 'email', label: 'Email', from: '(none)', to: 'a@b.example' })).toBe('Email: (none) → a@b.example');
    expect(changeText({ field: 'unitPriceCents', label: 'Price', from: '$12.50', to: '$1,399.00', cents: { from: 1250, to: 139900 } }, 'CAD')).toBe('Price: CA$12.50 → CA$1,399.00');
    expect(previewRow({ kind: 'item', name: 'Tea', action: 'link', qboId: '7', qboName: 'Tea', changes: [{ field: 'unitPriceCents', label: 'Price', from: '$1.00', to: '$2.00', cents: { from: 100, to: 200 } }] }, 'CAD').changes).toBe('Price: CA$1.00 → CA$2.00');
  });

  it('says what happens to each record', () => {
    expect(previewRow({ kind: 'customer', name: 'Maria Lopez', action: 'link', qboId: '7', qboName: 'Maria Lopez', changes: [{ label: 'Status', from: 'active', to: 'inactive' }], nameChanges: [] }))
      .toEqual({ kind: 'Customer', name: 'Maria Lopez', action: 'Link to QuickBooks record 7 (“Maria Lopez”) and update it', changes: 'Status: active → inactive', notes: '' });
    expect(previewRow({ kind: 'item', name: 'Tabs', action: 'create', qboName: 'Tabs', makesInactive: true, changes: [], nameChanges: [] }).action).toBe('Create as “Tabs” (inactive)');
    expect(previewRow({ kind: 'item', name: 'X', action: 'not-sent', reason: 'negative price', changes: [] }).action).toBe('Not sent: negative price');
  });

  it('counts as the job will', () => {
    expect(summaryLines({ customer: counts({ total: 6, link: 3, update: 2, create: 3, makeInactive: 1 }), item: counts({ total: 1, create: 1 }) })).toEqual([
      '6 customers: 3 will be linked to QuickBooks records (2 updated), 3 will be created in QuickBooks, 1 made inactive.',
      '1 product or service: 0 will be linked to QuickBooks records, 1 will be created in QuickBooks.',
    ]);
    expect(confirmationFromSummary({ customer: counts({ total: 1, create: 1 }) })).toHaveLength(2);
  });

  it('allows Continue only once every review item is accepted', () => {
    const items = [{ key: 'a', reason: 'near-match' }, { key: 'b', reason: 'not-sent' }];
    expect(reviewComplete(items, new Set(['a']))).toBe(false);
    expect(reviewComplete(items, new Set(['a', 'b']))).toBe(true);
    expect(reviewRow(items[0]).title).toBe('Will be two records');
  });
});
