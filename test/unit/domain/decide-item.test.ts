import fc from 'fast-check';
import { decideItem } from '../../../src/domain/items/decide-item';
import { qboItemType } from '../../../src/domain/items/item-to-qbo';
import { decideRefundItem, REFUND_ITEM_HOST_ID } from '../../../src/domain/items/refund-item';
import type { HostCatalogItem } from '../../../src/domain/host/host-records';
import type { QboItemType } from '../../../src/domain/qbo/qbo-records';
import { adoptedLink, qboItemHostOwned } from '../../../src/domain/sync/adopted-link';
import { anItem, itemArb } from '../../support/domain/host-records.builder';
import { aLink, applied } from '../../support/domain/link.builder';

const settings = { incomeAccountId: '79' };

describe('decideItem', () => {
  it.each([
    ['product', 'NonInventory'],
    ['dosage', 'NonInventory'],
    ['pool_service', 'Service'],
    ['work_order_type', 'Service'],
  ] as const)('creates a %s as a QBO %s item with the income account', (kind, type) => {
    const decision = decideItem('pool-co', anItem({ kind }), null, settings);
    expect(decision).toMatchObject({ kind: 'create', draft: { entity: 'Item', fields: { name: 'Chlorine tablets 3in', type, unitPriceCents: 8999, sku: 'CHL-3IN', incomeAccountId: '79' } } });
  });

  it('refuses to create an item before an income account is chosen', () => {
    expect(decideItem('pool-co', anItem(), null, { incomeAccountId: null })).toMatchObject({ kind: 'rejected', code: 'no_income_account' });
  });

  it('sends a new price alone, and never the income account, even after the setting changed', () => {
    const link = applied('item', 'i-1', decideItem('pool-co', anItem(), null, settings), null);
    const decision = decideItem('pool-co', anItem({ unitPriceCents: 9499 }), link, { incomeAccountId: '80' });
    expect(decision).toMatchObject({ kind: 'update', changes: { entity: 'Item', fields: { unitPriceCents: 9499 } } });
    if (decision.kind === 'update') expect(Object.keys(decision.changes.fields)).toEqual(['unitPriceCents']);
  });

  it('sends every host-owned field to an item adopted by name, but not the income account', () => {
    const decision = decideItem('pool-co', anItem({ kind: 'pool_service', name: 'Weekly pool service' }), aLink('item', 'i-1', 'Item', '5'), settings);
    expect(decision.kind).toBe('update');
    if (decision.kind === 'update') expect(Object.keys(decision.changes.fields).sort()).toEqual(['active', 'description', 'name', 'sku', 'type', 'unitPriceCents']);
  });

  it('rejects a negative price and keeps items the host removed', () => {
    expect(decideItem('pool-co', anItem({ unitPriceCents: -100 }), null, settings)).toMatchObject({ kind: 'rejected', code: 'negative_amount' });
    expect(decideItem('pool-co', null, aLink('item', 'i-1', 'Item', '5'), settings).kind).toBe('nothing');
  });

  it('never puts the income account in an update, and decides nothing once applied', () => {
    fc.assert(fc.property(itemArb, itemArb, fc.option(fc.constantFrom('79', '80')), (before, after, income) => {
      const first = decideItem('t', before, null, settings);
      const link = applied('item', before.id, first, null);
      const second = decideItem('t', { ...after, id: before.id }, link, { incomeAccountId: income });
      if (second.kind === 'update') expect(second.changes.fields).not.toHaveProperty('incomeAccountId');
      const settled = second.kind === 'update' ? applied('item', before.id, second, link) : link;
      expect(decideItem('t', { ...after, id: before.id }, settled, { incomeAccountId: income }).kind).toBe('nothing');
    }));
  });

  const qboTypeArb = fc.constantFrom<QboItemType>('Service', 'NonInventory', 'Inventory');
  /** A QBO item adopted (or imported) with the type QBO has, whatever host kind it is paired with. */
  const linkedTo = (item: HostCatalogItem, type: QboItemType) =>
    adoptedLink('item', item.id, 'Item', { id: '42', syncToken: '3' }, qboItemHostOwned({
      name: item.name, type, description: item.description, unitPriceCents: item.unitPriceCents, sku: item.sku, active: item.isActive, incomeAccountId: '79',
    }));

  it('keeps the type QBO has: an update never sends type, whatever the host kind maps to, and the fingerprint holds', () => {
    fc.assert(fc.property(itemArb, itemArb, qboTypeArb, (paired, edited, type) => {
      const link = linkedTo(paired, type);
      const after = { ...edited, id: paired.id };
      const decision = decideItem('t', after, link, settings);
      if (decision.kind === 'update') {
        expect(decision.changes.fields).not.toHaveProperty('type');
        expect(decision.pushed['type']).toBe(type);
      }
      const settled = decision.kind === 'update' ? applied('item', paired.id, decision, link) : link;
      expect(settled?.pushed?.['type']).toBe(type);
      expect(decideItem('t', after, settled, settings).kind).toBe('nothing');
    }));
  });

  it('decides nothing for an adopted item whose host fields equal QBO\'s, even when the host kind maps to another type', () => {
    fc.assert(fc.property(itemArb, qboTypeArb, (item, type) => {
      fc.pre(item.name.trim() !== '' && item.name === item.name.trim());
      const fields = decideItem('t', item, null, settings);
      fc.pre(fields.kind === 'create' && (fields.draft.fields as { name: string }).name === item.name);
      expect(decideItem('t', item, linkedTo({ ...item, description: item.description?.trim() || null, sku: item.sku?.trim() || null }, type), settings).kind).toBe('nothing');
    }));
  });

  it('keeps an adopted Inventory item Inventory when its price changes in the host (regression: type was sent as NonInventory)', () => {
    const item = anItem({ kind: 'product' });
    const link = linkedTo(item, 'Inventory');
    expect(qboItemType(item.kind)).toBe('NonInventory');
    const decision = decideItem('pool-co', { ...item, unitPriceCents: 9_999 }, link, settings);
    expect(decision).toMatchObject({ kind: 'update', changes: { entity: 'Item', fields: { unitPriceCents: 9_999 } }, pushed: { type: 'Inventory' } });
    if (decision.kind === 'update') expect(Object.keys(decision.changes.fields)).toEqual(['unitPriceCents']);
  });

  it('makes the plugin-managed "Refund" service item', () => {
    const decision = decideRefundItem('pool-co', null, { incomeAccountId: '79' });
    expect(decision).toMatchObject({ kind: 'create', draft: { entity: 'Item', fields: { name: 'Refund', type: 'Service', incomeAccountId: '79' } } });
    expect(REFUND_ITEM_HOST_ID).toBe('qbo-sync:refund');
  });
});

describe('decideItem for an item the host made inactive while money naming it moves (ADR 0077)', () => {
  const reason = 'kept active in QuickBooks until the invoices naming it are sent (invoice INV-7 is still to be sent)';
  const activeOf = (decision: ReturnType<typeof decideItem>): unknown =>
    decision.kind === 'create' && decision.draft.entity === 'Item' ? decision.draft.fields.active : decision.kind === 'update' && decision.changes.entity === 'Item' ? decision.changes.fields.active : undefined;

  it('keeps it active in QBO while a reason is given, saying why; follows the host once there is none', () => {
    const sent = applied('item', 'i-1', decideItem('pool-co', anItem(), null, settings), null);
    const inactive = anItem({ isActive: false });
    expect(decideItem('pool-co', inactive, sent, settings, { keptActive: reason }).kind).toBe('nothing');
    expect(decideItem('pool-co', inactive, null, settings, { keptActive: reason })).toMatchObject({ kind: 'create', draft: { fields: { active: true } }, note: `inactive in the app, ${reason}` });
    expect(decideItem('pool-co', inactive, sent, settings, { keptActive: null })).toMatchObject({ kind: 'update', changes: { fields: { active: false } } });
  });

  it('never sends an inactive item as inactive while kept, and an active one is active whatever the reason', () => {
    fc.assert(
      fc.property(itemArb, fc.option(fc.constant(reason)), fc.boolean(), (host, keptActive, linked) => {
        const item = { ...host, unitPriceCents: Math.abs(host.unitPriceCents) };
        const link = linked ? applied('item', item.id, decideItem('pool-co', { ...item, isActive: !item.isActive }, null, settings), null) : null;
        const active = activeOf(decideItem('pool-co', item, link, settings, { keptActive }));
        if (active === undefined) return;
        expect(active).toBe(item.isActive || keptActive !== null);
      }),
    );
  });
});
