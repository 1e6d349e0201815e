import type { Knex } from 'knex';
import { demoTenantId } from './demo-seed';
import { customerName, dollars, escape, layout } from './demo-layout';

const options = (rows: readonly { id: unknown; label: string }[]): string => rows.map((r) => `<option value="${escape(r.id)}">${escape(r.label)}</option>`).join('');

/** The back office's one page: customers, catalog, invoices, payments and credits, each with its forms. */
export const renderHome = async (knex: Knex, emulatorUrl: string): Promise<string> => {
  const where = { company_id: demoTenantId };
  const [customers, items, invoices, payments, refunds] = await Promise.all([
    knex('customers').where(where).orderBy('id'),
    knex('catalog_items').where(where).orderBy('id'),
    knex('invoices').where(where).orderBy('id'),
    knex('payments').where(where).orderBy('id'),
    knex('refunds').where(where).orderBy('id'),
  ]);
  const nameById = new Map(customers.map((c) => [String(c.id), customerName(c)]));
  const paidByInvoice = new Map<string, number>();
  for (const p of payments) if (p.invoice_id && !p.deleted_at) paidByInvoice.set(String(p.invoice_id), (paidByInvoice.get(String(p.invoice_id)) ?? 0) + Number(p.amount_cents));
  const refundedByPayment = new Map<string, number>();
  for (const r of refunds) refundedByPayment.set(String(r.payment_id), (refundedByPayment.get(String(r.payment_id)) ?? 0) + Number(r.amount_cents));
  const customerOptions = options(customers.filter((c) => c.is_active).map((c) => ({ id: c.id, label: customerName(c) })));

  const customerRows = customers.map((c) => `<tr><td>${escape(c.id)}</td><td>${escape(customerName(c))}</td><td>${escape(c.email)}</td><td>${c.is_active ? 'active' : 'inactive'}</td>
    <td><form class="inline" method="post" action="/customers/${escape(c.id)}/rename" aria-label="Rename ${escape(customerName(c))}">
      <input name="first_name" aria-label="First name" value="${escape(c.first_name)}" required maxlength="100">
      <input name="last_name" aria-label="Last name" value="${escape(c.last_name)}" required maxlength="100"><button>Rename</button></form>
      <form class="inline" method="post" action="/customers/${escape(c.id)}/active"><input type="hidden" name="is_active" value="${c.is_active ? '0' : '1'}">
      <button>${c.is_active ? 'Deactivate' : 'Activate'}</button></form></td></tr>`).join('');

  const itemRows = items.map((i) => `<tr><td>${escape(i.id)}</td><td>${escape(i.name)}</td><td>${escape(i.kind)}</td><td>${dollars(i.unit_price_cents)}</td></tr>`).join('');

  const invoiceRows = invoices.map((inv) => {
    const paid = paidByInvoice.get(String(inv.id)) ?? 0;
    const due = Number(inv.total_cents) - paid;
    return `<tr><td>${escape(inv.number)}</td><td>${escape(nameById.get(String(inv.customer_id)))}</td><td>${dollars(inv.total_cents)}</td><td>${paid === 0 ? 'unpaid' : due <= 0 ? 'paid' : `${dollars(due)} due`}</td>
      <td>${due > 0 ? `<form class="inline" method="post" action="/invoices/${escape(inv.id)}/payments" aria-label="Record a payment on ${escape(inv.number)}">
        <input name="amount" aria-label="Amount" value="${(due / 100).toFixed(2)}" required><button>Record payment</button></form>` : ''}</td></tr>`;
  }).join('');

  const paymentRows = payments.map((p) => {
    const refunded = refundedByPayment.get(String(p.id)) ?? 0;
    const live = !p.deleted_at;
    return `<tr><td>${escape(p.id)}</td><td>${escape(nameById.get(String(p.customer_id)))}</td><td>${p.invoice_id ? `invoice ${escape(invoices.find((i) => String(i.id) === String(p.invoice_id))?.number)}` : 'account credit'}</td>
      <td>${dollars(p.amount_cents)}${refunded ? ` (${dollars(refunded)} refunded)` : ''}</td><td>${live ? 'received' : 'deleted'}</td>
      <td>${live ? `<form class="inline" method="post" action="/payments/${escape(p.id)}/delete"><button>Delete payment</button></form>
        <form class="inline" method="post" action="/payments/${escape(p.id)}/refunds" aria-label="Refund payment ${escape(p.id)}"><input name="amount" aria-label="Refund amount" value="${(Math.max(0, Number(p.amount_cents) - refunded) / 100).toFixed(2)}" required><button>Refund</button></form>` : ''}</td></tr>`;
  }).join('');

  return layout('Blue Lagoon Pool Service', `<h1>Blue Lagoon Pool Service — back office</h1>
    <nav><a href="/integrations/qbo/">Integrations → QuickBooks Online</a><a href="/payouts">Payouts</a><a href="${escape(emulatorUrl)}/__emulator/" target="_blank" rel="noopener">What QuickBooks holds (emulator)</a></nav>
    <p class="muted">Every change below is saved with its sync signal in one transaction; the sync sends it to QuickBooks within a second once it is on.</p>
    <h2 id="customers">Customers</h2><table><thead><tr><th>#</th><th>Name</th><th>E-mail</th><th>Status</th><th>Change</th></tr></thead><tbody>${customerRows}</tbody></table>
    <form id="add-customer" class="add" method="post" action="/customers"><label>First name <input name="first_name" required maxlength="100"></label>
      <label>Last name <input name="last_name" required maxlength="100"></label><label>E-mail <input name="email" type="email" maxlength="100"></label><button>Add customer</button></form>
    <h2 id="products">Products and services</h2><table><thead><tr><th>#</th><th>Name</th><th>Kind</th><th>Price</th></tr></thead><tbody>${itemRows}</tbody></table>
    <form id="add-product" class="add" method="post" action="/items"><label>Name <input name="name" required maxlength="100"></label>
      <label>Kind <select name="kind"><option value="product">Product</option><option value="dosage">Dosage</option><option value="pool_service">Pool service</option><option value="work_order_type">Work-order type</option></select></label>
      <label>Price <input name="price" required placeholder="19.99"></label><button>Add product</button></form>
    <h2 id="invoices">Invoices</h2><p class="muted">An invoice is sent to QuickBooks only once a payment is recorded on it.</p>
    <table><thead><tr><th>No.</th><th>Customer</th><th>Total</th><th>Status</th><th>Payment</th></tr></thead><tbody>${invoiceRows}</tbody></table>
    <form id="add-invoice" class="add" method="post" action="/invoices"><label>Customer <select name="customer_id">${customerOptions}</select></label>
      <label>Item <select name="item_id">${options(items.filter((i) => i.is_active).map((i) => ({ id: i.id, label: `${i.name} (${dollars(i.unit_price_cents)})` })))}</select></label>
      <label>Quantity <input name="quantity" value="1" required></label><button>Create invoice</button></form>
    <h2 id="payments">Payments and account credits</h2>
    <table><thead><tr><th>#</th><th>Customer</th><th>For</th><th>Amount</th><th>Status</th><th>Change</th></tr></thead><tbody>${paymentRows}</tbody></table>
    <form id="add-credit" class="add" method="post" action="/credits"><label>Customer <select name="customer_id">${customerOptions}</select></label>
      <label>Amount <input name="amount" required placeholder="50.00"></label><button>Add account credit</button></form>`);
};
