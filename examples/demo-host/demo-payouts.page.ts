import type { Knex } from 'knex';
import { demoTenantId } from './demo-seed';
import { customerName, dollars, escape, layout } from './demo-layout';

/**
 * The Payouts page: the card processor's payouts, each the payments it collected less its fee, paid into the bank in
 * one transfer. Recording one here is what the host's processor integration would do; with payouts synced, each
 * becomes one QuickBooks bank deposit matching the line in the bank feed.
 */
export const renderPayouts = async (knex: Knex): Promise<string> => {
  const where = { company_id: demoTenantId };
  const [customers, payments, payouts, carried] = await Promise.all([
    knex('customers').where(where),
    knex('payments').where(where).orderBy('id'),
    knex('payouts').where(where).orderBy('id'),
    knex('payout_payments').join('payouts', 'payouts.id', 'payout_payments.payout_id').where({ 'payouts.company_id': demoTenantId }).select('payout_payments.payout_id', 'payout_payments.payment_id', 'payouts.deleted_at'),
  ]);
  const nameById = new Map(customers.map((c) => [String(c.id), customerName(c)]));
  const inLivePayout = new Set(carried.filter((row) => !row.deleted_at).map((row) => String(row.payment_id)));
  const paymentsOf = (payoutId: unknown) => carried.filter((row) => String(row.payout_id) === String(payoutId)).map((row) => `#${escape(row.payment_id)}`).join(', ');
  const open = payments.filter((p) => !p.deleted_at && !inLivePayout.has(String(p.id)));

  const payoutRows = payouts.map((po) => `<tr><td>${escape(po.id)}</td><td>${escape(po.paid_on)}</td><td>${escape(po.reference)}</td><td>${paymentsOf(po.id)}</td>
    <td>${dollars(po.gross_cents)}</td><td>${dollars(po.fee_cents)}</td><td>${dollars(po.net_cents)}</td><td>${po.deleted_at ? 'deleted' : 'paid out'}</td>
    <td>${po.deleted_at ? '' : `<form class="inline" method="post" action="/payouts/${escape(po.id)}/delete"><button>Delete payout</button></form>`}</td></tr>`).join('');
  const choices = open.map((p) => `<label><input type="checkbox" name="payment_ids" value="${escape(p.id)}"> #${escape(p.id)} ${escape(nameById.get(String(p.customer_id)))} ${dollars(p.amount_cents)}</label>`).join('');

  return layout('Payouts — Blue Lagoon Pool Service', `<h1>Card processor payouts</h1>
    <nav><a href="/">Back office</a><a href="/integrations/qbo/">Integrations → QuickBooks Online</a></nav>
    <p class="muted">A payout is the payments the processor collected, paid into the bank in one transfer less its fee.</p>
    <table><thead><tr><th>#</th><th>Paid on</th><th>Reference</th><th>Payments</th><th>Gross</th><th>Fee</th><th>Net</th><th>Status</th><th>Change</th></tr></thead><tbody>${payoutRows}</tbody></table>
    <form id="add-payout" class="add" method="post" action="/payouts"><fieldset><legend>Payments paid out</legend>${choices || '<p class="muted">No payment waits for a payout.</p>'}</fieldset>
      <label>Processing fee <input name="fee" required placeholder="1.61"></label><label>Reference <input name="reference" maxlength="100" placeholder="po_1A2b"></label><button>Record payout</button></form>`);
};
