import express, { type Express, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { HostChange, QboSyncPlugin } from '../../src/plugin';
import { ReferenceHostSeeder } from '../reference-host/reference-host-seed';
import { renderHome } from './demo-home.page';
import { renderPayouts } from './demo-payouts.page';
import { parseDollars, problemPage } from './demo-layout';
import { demoTenantId } from './demo-seed';
import { sameOriginForms } from './same-origin-forms';

type Form = Record<string, string | undefined>;
type Change = Omit<HostChange, 'tenantId'>;

/**
 * The demo host's own back office: pages that change host data the way the real app would — each change and its
 * `notify` in one transaction, so the signal commits or rolls back with it.
 */
export const mountDemoPages = (app: Express, knex: Knex, plugin: QboSyncPlugin, emulatorUrl: string): void => {
  app.use(sameOriginForms);
  app.use(express.urlencoded({ extended: false, limit: '20kb' }));

  app.get('/', async (_req, res) => {
    res.type('html').send(await renderHome(knex, emulatorUrl));
  });

  /** Runs `write` in a transaction and notifies what it returns; a string answer is a refusal shown to the user. `anchor`: on the home page, or a path. */
  const change = (anchor: string, write: (seeder: ReferenceHostSeeder, trx: Knex.Transaction, form: Form, req: Request) => Promise<Change[] | string>) =>
    async (req: Request, res: Response): Promise<void> => {
      const refusal = await knex.transaction(async (trx) => {
        const result = await write(new ReferenceHostSeeder(trx), trx, req.body as Form, req);
        if (typeof result === 'string') return result;
        await plugin.notify(result.map((c) => ({ ...c, tenantId: demoTenantId })), { trx });
        return null;
      });
      if (refusal) res.status(400).type('html').send(problemPage(refusal));
      else res.redirect(303, anchor.startsWith('/') ? anchor : `/#${anchor}`);
    };

  const owned = async (trx: Knex.Transaction, table: string, id: unknown) =>
    trx(table).where({ id: String(id), company_id: demoTenantId }).first();

  app.post('/customers', change('customers', async (seeder, _trx, form) => {
    const firstName = form.first_name?.trim();
    const lastName = form.last_name?.trim();
    if (!firstName || !lastName) return 'A customer needs a first and a last name.';
    return [{ kind: 'customer', id: await seeder.customer(demoTenantId, { firstName, lastName, email: form.email?.trim() || null, phone: null, street: null, city: null, state: null, zip: null }) }];
  }));

  app.post('/customers/:id/rename', change('customers', async (seeder, trx, form, req) => {
    const firstName = form.first_name?.trim();
    const lastName = form.last_name?.trim();
    if (!firstName || !lastName) return 'A customer needs a first and a last name.';
    if (!(await owned(trx, 'customers', req.params.id))) return 'There is no such customer.';
    await seeder.updateCustomer(String(req.params.id), { firstName, lastName, displayAsCompany: false });
    return [{ kind: 'customer', id: String(req.params.id) }];
  }));

  app.post('/customers/:id/active', change('customers', async (seeder, trx, form, req) => {
    if (!(await owned(trx, 'customers', req.params.id))) return 'There is no such customer.';
    await seeder.updateCustomer(String(req.params.id), { isActive: form.is_active === '1' });
    return [{ kind: 'customer', id: String(req.params.id) }];
  }));

  app.post('/items', change('products', async (seeder, _trx, form) => {
    const name = form.name?.trim();
    const price = parseDollars(form.price);
    const kind = ['product', 'dosage', 'pool_service', 'work_order_type'].find((k) => k === form.kind) as 'product' | undefined;
    if (!name || price === null || !kind) return 'A product needs a name, a kind and a price such as 19.99.';
    return [{ kind: 'item', id: await seeder.item(demoTenantId, { kind, name, unitPriceCents: price }) }];
  }));

  app.post('/invoices', change('invoices', async (seeder, trx, form) => {
    const quantity = Number(form.quantity);
    const item = await owned(trx, 'catalog_items', form.item_id);
    if (!(await owned(trx, 'customers', form.customer_id)) || !item || !(quantity > 0 && quantity <= 10_000)) return 'Pick a customer and an item, and a quantity above 0.';
    const count = Number((await trx('invoices').where({ company_id: demoTenantId }).count({ n: '*' }))[0]?.n ?? 0);
    const id = await seeder.invoice(demoTenantId, {
      customerId: String(form.customer_id), number: `BL-${1001 + count}`, issuedOn: new Date().toISOString().slice(0, 10),
      lines: [{ catalogItemId: String(item.id), description: String(item.name), quantity, unitPriceCents: Number(item.unit_price_cents) }],
    });
    return [{ kind: 'invoice', id }];
  }));

  app.post('/invoices/:id/payments', change('payments', async (seeder, trx, form, req) => {
    const invoice = await owned(trx, 'invoices', req.params.id);
    const amount = parseDollars(form.amount);
    if (!invoice || amount === null || amount === 0) return 'Enter the amount received, such as 45.00.';
    const id = await seeder.payment(demoTenantId, { customerId: String(invoice.customer_id), invoiceId: String(invoice.id), amountCents: amount, receivedOn: new Date().toISOString().slice(0, 10) });
    return [{ kind: 'invoice', id: String(invoice.id) }, { kind: 'payment', id }];
  }));

  app.post('/credits', change('payments', async (seeder, trx, form) => {
    const amount = parseDollars(form.amount);
    if (!(await owned(trx, 'customers', form.customer_id)) || amount === null || amount === 0) return 'Pick a customer and enter an amount, such as 50.00.';
    return [{ kind: 'payment', id: await seeder.payment(demoTenantId, { customerId: String(form.customer_id), amountCents: amount, reference: 'Account credit', receivedOn: new Date().toISOString().slice(0, 10) }) }];
  }));

  app.post('/payments/:id/delete', change('payments', async (seeder, trx, _form, req) => {
    const payment = await owned(trx, 'payments', req.params.id);
    if (!payment || payment.deleted_at) return 'There is no such payment.';
    await seeder.deletePayment(String(payment.id));
    return [{ kind: 'payment', id: String(payment.id) }, ...(payment.invoice_id ? [{ kind: 'invoice' as const, id: String(payment.invoice_id) }] : [])];
  }));

  app.get('/payouts', async (_req, res) => {
    res.type('html').send(await renderPayouts(knex));
  });

  /** A payout of the payments ticked (live, in no other payout), less the fee: its gross, fee and net add up. */
  app.post('/payouts', change('/payouts', async (seeder, trx, form) => {
    const raw = (form as Record<string, unknown>)['payment_ids'];
    const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
    const fee = parseDollars(form.fee);
    if (ids.length === 0 || fee === null) return 'Tick the payments paid out and enter the processing fee, such as 1.61.';
    const payments = await trx('payments').where({ company_id: demoTenantId }).whereIn('id', ids).whereNull('deleted_at');
    const taken = await trx('payout_payments').join('payouts', 'payouts.id', 'payout_payments.payout_id').whereIn('payout_payments.payment_id', ids).whereNull('payouts.deleted_at').first();
    if (payments.length !== ids.length || taken) return 'Each payment must be a live payment of this company, in no other payout.';
    const gross = payments.reduce((sum, p) => sum + Number(p.amount_cents), 0);
    if (fee > gross) return 'The fee cannot be more than the payments paid out.';
    const id = await seeder.payout(demoTenantId, { paymentIds: ids, feeCents: fee, paidOn: new Date().toISOString().slice(0, 10), reference: form.reference?.trim() || null });
    return [{ kind: 'payout', id }];
  }));

  app.post('/payouts/:id/delete', change('/payouts', async (seeder, trx, _form, req) => {
    const payout = await owned(trx, 'payouts', req.params.id);
    if (!payout || payout.deleted_at) return 'There is no such payout.';
    await seeder.deletePayout(String(payout.id));
    return [{ kind: 'payout', id: String(payout.id) }];
  }));

  app.post('/payments/:id/refunds', change('payments', async (seeder, trx, form, req) => {
    const payment = await owned(trx, 'payments', req.params.id);
    const amount = parseDollars(form.amount);
    const refunded = Number((await trx('refunds').where({ payment_id: String(req.params.id) }).sum({ s: 'amount_cents' }))[0]?.s ?? 0);
    if (!payment || payment.deleted_at || amount === null || amount === 0 || amount + refunded > Number(payment.amount_cents)) return 'Enter a refund no larger than what is left of the payment.';
    return [{ kind: 'refund', id: await seeder.refund(demoTenantId, { paymentId: String(payment.id), amountCents: amount, refundedOn: new Date().toISOString().slice(0, 10) }) }];
  }));
};
