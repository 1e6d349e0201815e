import fc from 'fast-check';
import type { CatalogItemKind } from '../../src/domain/host/host-records';
import { tenantId, type Harness } from './delivery-harness';
import { owedOn, pick, signal, today, yesterday, type HostModel } from './host-model';

type Run = (model: HostModel, h: Harness) => Promise<void>;

/** A command with a label (shown in the counterexample) and the precondition that makes it meaningful. */
const command = (label: string, check: (model: Readonly<HostModel>) => boolean, run: Run): fc.AsyncCommand<HostModel, Harness> => ({
  check,
  run,
  toString: () => label,
});

const names = ['Maria Lopez', 'John Smith', 'Ana Ruiz'];
const itemNames = ['Chlorine tabs', 'Pool service', 'Filter clean'];
const itemKinds: CatalogItemKind[] = ['product', 'dosage', 'pool_service', 'work_order_type'];

const customer = (id: string, name: string, isActive = true) => {
  const [firstName, lastName] = name.split(' ') as [string, string];
  return { id, firstName, lastName, companyName: null, displayAsCompany: false, email: null, phone: null, street: null, city: null, state: null, zip: null, isActive };
};

export const control = { url: '', post: async (_path: string, _body: unknown): Promise<void> => undefined };

export const commandArbitraries = [
  fc.record({ name: fc.nat(2), silent: fc.boolean() }).map(({ name, silent }) =>
    command(`addCustomer(${names[name]}${silent ? ', unsignalled' : ''})`, () => true, async (model, h) => {
      const id = h.host.nextId();
      h.host.putCustomer(tenantId, customer(id, names[name]!), h.clock.now());
      model.customers.push(id);
      await signal(h, 'customer', id, silent);
    })),
  fc.record({ at: fc.nat(), name: fc.nat(2), active: fc.boolean() }).map(({ at, name, active }) =>
    command(`editCustomer(${at}, ${names[name]}, active=${active})`, (m) => m.customers.length > 0, async (model, h) => {
      const id = pick(model.customers, at)!;
      h.host.putCustomer(tenantId, customer(id, names[name]!, active), h.clock.now());
      await signal(h, 'customer', id, false);
    })),
  fc.record({ name: fc.nat(2), kind: fc.nat(3), price: fc.integer({ min: 0, max: 5000 }) }).map(({ name, kind, price }) =>
    command(`addItem(${itemNames[name]}, ${itemKinds[kind]}, ${price})`, () => true, async (model, h) => {
      const id = h.host.nextId();
      h.host.putItem(tenantId, { id, kind: itemKinds[kind]!, name: itemNames[name]!, description: null, unitPriceCents: price, sku: null, isActive: true }, h.clock.now());
      model.items.push({ id, priceCents: price });
      await signal(h, 'item', id, false);
    })),
  fc.record({ at: fc.nat(), price: fc.integer({ min: 0, max: 5000 }), active: fc.boolean() }).map(({ at, price, active }) =>
    command(`editItem(${at}, ${price}, active=${active})`, (m) => m.items.length > 0, async (model, h) => {
      const item = pick(model.items, at)!;
      const current = (await h.host.getItem(tenantId, item.id))!;
      h.host.putItem(tenantId, { ...current, unitPriceCents: price, isActive: active }, h.clock.now());
      item.priceCents = price;
      await signal(h, 'item', item.id, false);
    })),
  fc.record({ customer: fc.nat(), item: fc.nat(), quantity: fc.integer({ min: 1, max: 4 }) }).map(({ customer: c, item: i, quantity }) =>
    command(`addInvoice(${c}, ${i}, x${quantity})`, (m) => m.customers.length > 0 && m.items.length > 0, async (model, h) => {
      const id = h.host.nextId();
      const customerId = pick(model.customers, c)!;
      const item = pick(model.items, i)!;
      const price = Math.max(item.priceCents, 100);
      const line = { id: `${id}-1`, catalogItemId: item.id, description: 'Service', quantity, unitPriceCents: price, amountCents: price * quantity, taxable: false };
      h.host.putInvoice(tenantId, { id, customerId, number: `INV-${id}`, issuedOn: today(h), dueOn: null, status: 'sent', totalCents: line.amountCents, taxCents: 0, taxRateName: null, lines: [line] }, h.clock.now());
      model.invoices.push({ id, customerId, totalCents: line.amountCents, void: false, everPaid: false });
      await signal(h, 'invoice', id, false);
    })),
  fc.nat().map((at) =>
    command(`voidInvoice(${at})`, (m) => m.invoices.some((i) => !i.void && owedOn(m, i.id) === i.totalCents), async (model, h) => {
      const invoice = pick(model.invoices.filter((i) => !i.void && owedOn(model, i.id) === i.totalCents), at)!;
      const current = (await h.host.getInvoice(tenantId, invoice.id))!;
      h.host.putInvoice(tenantId, { ...current, status: 'void' }, h.clock.now());
      invoice.void = true;
      await signal(h, 'invoice', invoice.id, false);
    })),
  fc.record({ at: fc.nat(), partial: fc.boolean(), beforeSync: fc.boolean() }).map(({ at, partial, beforeSync }) =>
    command(`recordPayment(${at}, ${partial ? 'partial' : 'full'}${beforeSync ? ', dated before the sync' : ''})`, (m) => m.invoices.some((i) => !i.void && owedOn(m, i.id) > 0), async (model, h) => {
      const invoice = pick(model.invoices.filter((i) => !i.void && owedOn(model, i.id) > 0), at)!;
      const owed = owedOn(model, invoice.id);
      const amountCents = partial && owed > 1 ? Math.floor(owed / 2) : owed;
      const id = h.host.nextId();
      h.host.putPayment(tenantId, { id, customerId: invoice.customerId, invoiceId: invoice.id, amountCents, method: 'card', receivedOn: beforeSync ? yesterday(h) : today(h), reference: null, deleted: false }, h.clock.now());
      model.payments.push({ id, customerId: invoice.customerId, invoiceId: invoice.id, amountCents, deleted: false, beforeSync });
      if (!beforeSync) invoice.everPaid = true;
      await signal(h, 'payment', id, false);
    })),
  fc.nat().map((at) =>
    command(`deletePayment(${at})`, (m) => m.payments.some((p) => !p.deleted), async (model, h) => {
      const payment = pick(model.payments.filter((p) => !p.deleted), at)!;
      const current = (await h.host.getPayment(tenantId, payment.id))!;
      h.host.putPayment(tenantId, { ...current, deleted: true }, h.clock.now());
      payment.deleted = true;
      await signal(h, 'payment', payment.id, false);
    })),
  fc.record({ at: fc.nat(), amount: fc.integer({ min: 1, max: 9000 }) }).map(({ at, amount }) =>
    command(`addCredit(${at}, ${amount})`, (m) => m.customers.length > 0, async (model, h) => {
      const customerId = pick(model.customers, at)!;
      const id = h.host.nextId();
      h.host.putPayment(tenantId, { id, customerId, invoiceId: null, amountCents: amount, method: 'cash', receivedOn: today(h), reference: null, deleted: false }, h.clock.now());
      model.payments.push({ id, customerId, invoiceId: null, amountCents: amount, deleted: false, beforeSync: false });
      await signal(h, 'payment', id, false);
    })),
  fc.record({ at: fc.nat(), share: fc.double({ min: 0.01, max: 1, noNaN: true }) }).map(({ at, share }) =>
    command(`addRefund(${at}, ${share.toFixed(2)})`, (m) => m.payments.some((p) => !p.deleted && !p.beforeSync), async (model, h) => {
      const payment = pick(model.payments.filter((p) => !p.deleted && !p.beforeSync), at)!;
      const id = h.host.nextId();
      h.host.putRefund(tenantId, { id, paymentId: payment.id, amountCents: Math.max(1, Math.floor(payment.amountCents * share)), refundedOn: today(h), reason: null }, h.clock.now());
      model.refunds.push(id);
      await signal(h, 'refund', id, false);
    })),
  fc.constantFrom('throttle', 'server-error', 'apply-then-drop', 'timeout').map((kind) =>
    command(`fault(${kind})`, () => true, async (_model, h) => {
      await control.post('/__emulator/faults', { realmId: h.realmId, kind, count: 1 });
    })),
  fc.constant(
    command('disconnect', () => true, async (_model, h) => {
      await h.connections.markNeedsReconnect(tenantId, 'the refresh token was revoked');
    })),
  fc.constant(
    command('reconnect', () => true, async (_model, h) => {
      const connection = (await h.connections.get(tenantId))!;
      await h.connections.save({ ...connection, status: 'connected', statusReason: null });
    })),
  fc.constant(
    command('crashWorkerAfterNextWrite', () => true, async (_model, h) => {
      h.crashing.armed = true;
      await h.round('worker-a');
      h.crashing.armed = false;
    })),
  fc.record({ rounds: fc.integer({ min: 1, max: 3 }), worker: fc.constantFrom('worker-a', 'worker-b'), advanceMs: fc.constantFrom(0, 1_000, 40_000) }).map(({ rounds, worker, advanceMs }) =>
    command(`runWorker(${worker}, ${rounds} rounds, +${advanceMs} ms)`, () => true, async (_model, h) => {
      h.clock.time += advanceMs;
      for (let i = 0; i < rounds; i += 1) await h.round(worker);
    })),
];
