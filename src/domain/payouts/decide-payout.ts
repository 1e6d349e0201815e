/**
 * `decidePayout(tenantId, payout, context, link)`: a processor payout becomes one QBO bank Deposit into the payout
 * account the admin chose: one line per payment, linked to its QBO Payment (which takes it out of Undeposited
 * Funds), and the processor's fee as a negative line to the fee account; the deposit's total is the payout's net,
 * the amount on the bank statement (docs/accounting/sales-tax-and-payouts.md, Intuit API reference: Deposit).
 *
 * - Payouts are off ("Don't sync payouts") while no payout account is chosen: nothing is sent.
 * - The payout waits while any of its payments has not reached QBO (a dependency, delivered first).
 * - Edited in the host: the deposit is updated (its lines all at once); deleted: the deposit is deleted.
 * - A payment deleted while its payout still lists it: QBO refuses to delete a deposited payment (6540, "you must first
 *   edit the deposit it appears on and remove it"), and the deposit still matches the bank line, so it is left as it
 *   is and the payout says what to do: take the payment out of the payout in the app (its gross and net then follow).
 */
import type { HostPayment, HostPayout } from '../host/host-records';
import { recordWords } from '../host/record-words';
import type { QboDepositFields } from '../qbo/qbo-records';
import { decideWrite, deleteDecision } from '../sync/decide-write';
import { type NeededRecord, unmetReferences } from '../sync/dependencies';
import type { Link } from '../sync/link';
import { DEFAULT_HOST_APP_NAME, privateNoteMarker, privateNoteMemo } from '../sync/private-note';
import { dollars, isWholeCents, rejected } from '../sync/rejection';
import type { SyncDecision, SyncDependency } from '../sync/sync-decision';
import { cureFor } from '../sync/setting-cures';

export interface PayoutContext {
  /** The payout's payments as the host has them, by host id; null when the host has no such payment. */
  readonly payments: ReadonlyMap<string, HostPayment | null>;
  /** Links of those payments, by host id. */
  readonly paymentLinks: ReadonlyMap<string, Link>;
  /** The bank account payouts are deposited into; null: payouts are off. */
  readonly payoutAccountId: string | null;
  /** The expense account of the fee. */
  readonly payoutFeeAccountId: string | null;
  /** What the host app is called in the memos written to QBO (the `hostAppName` option); absent: a neutral name. */
  readonly hostAppName?: string;
  /** The QBO company's home currency, for money in messages (absent or null: US dollars). */
  readonly currency?: string | null;
}

export const decidePayout = (tenantId: string, payout: HostPayout | null, context: PayoutContext, link: Link | null): SyncDecision => {
  if (payout === null || payout.deleted) {
    if (link !== null && !link.retired) return deleteDecision(tenantId, link, 'Deposit');
    return { kind: 'nothing', reason: link === null ? 'The payout was deleted before it reached QBO.' : 'The payout\'s deposit is already deleted in QBO.' };
  }
  if (link?.retired) return { kind: 'nothing', reason: 'The payout\'s deposit is already deleted in QBO.' };
  // Named as the host shows it (its net and date), with the processor's reference when it has one.
  const words = isWholeCents(payout.netCents) ? recordWords('payout', payout, context.currency ?? null) : `payout of ${payout.netCents} cents on ${payout.paidOn}`;
  const label = `${words.charAt(0).toUpperCase()}${words.slice(1)}${payout.reference?.trim() ? ` (${payout.reference.trim()})` : ''}`;
  if (context.payoutAccountId === null) {
    return { kind: 'nothing', reason: `${label} is not sent: payouts are not synced (no payout account is chosen in the settings).` };
  }
  const amountProblem = payoutAmountProblem(payout, context, label, link !== null);
  if (amountProblem !== null) return amountProblem;
  if (payout.feeCents > 0 && context.payoutFeeAccountId === null) {
    return rejected('no_payout_accounts', `${label} has a fee of ${dollars(payout.feeCents, context.currency ?? null)}, but ${cureFor('no_payout_accounts').words}: choose the expense account for processing fees, and the payout is then sent by itself.`);
  }
  const needed: NeededRecord[] = payout.paymentIds.map((id) => ({ dependency: { kind: 'payment', hostId: id }, link: liveLink(context.paymentLinks.get(id)), label: `payment ${id}` }));
  const missing: SyncDependency[] = payout.paymentIds.filter((id) => context.payments.get(id) === null).map((id) => ({ kind: 'payment', hostId: id }));
  const unmet = unmetReferences(needed, missing, label);
  if (unmet !== null) return unmet;
  const feeAccount = context.payoutFeeAccountId === null ? {} : { feeAccountId: context.payoutFeeAccountId };
  const hostOwned = {
    txnDate: payout.paidOn,
    payments: payout.paymentIds.map((id) => ({ paymentId: context.paymentLinks.get(id)?.qboId ?? '', amountCents: context.payments.get(id)?.amountCents ?? 0 })),
    feeCents: payout.feeCents,
    privateNote: privateNoteMarker(tenantId, 'payout', payout.id),
    hostPaymentIds: [...payout.paymentIds],
  };
  const decision = decideWrite(
    {
      tenantId,
      kind: 'payout',
      hostId: payout.id,
      entity: 'Deposit',
      hostOwned,
      setOnCreate: { depositAccountId: context.payoutAccountId, ...feeAccount, privateNote: payoutMemo(payout, context, hostOwned.privateNote) },
      dependencies: needed.map((record) => record.dependency),
      upToDate: `QBO already has this version of the ${label.charAt(0).toLowerCase()}${label.slice(1)}.`,
    },
    link,
  );
  // QBO replaces a deposit's lines all at once: the payment lines, the fee and its account go together.
  if (decision.kind !== 'update' || decision.changes.entity !== 'Deposit') return decision;
  const changed = decision.changes.fields;
  if (changed.payments === undefined && changed.feeCents === undefined) return decision;
  const lines: Partial<QboDepositFields> = { payments: hostOwned.payments, feeCents: hostOwned.feeCents, ...feeAccount };
  return { ...decision, changes: { entity: 'Deposit', fields: { ...changed, ...lines } } };
};

const liveLink = (link: Link | undefined): Link | null => (link === undefined || link.retired ? null : link);

/** The payout's numbers must be the deposit's: whole cents, its live payments less the fee make its net. */
const payoutAmountProblem = (payout: HostPayout, context: PayoutContext, label: string, deposited: boolean): SyncDecision | null => {
  const amounts = [payout.grossCents, payout.feeCents, payout.netCents];
  if (!amounts.every(isWholeCents)) return rejected('not_whole_cents', `${label} has an amount that is not a whole number of cents.`);
  if (payout.feeCents < 0 || payout.netCents < 0) return rejected('negative_amount', `${label} has a negative fee or net.`);
  if (payout.paymentIds.length === 0) return rejected('payout_mismatch', `${label} carries no payments; a QuickBooks deposit of a payout needs them.`);
  const deleted = payout.paymentIds.find((id) => context.payments.get(id)?.deleted === true);
  if (deleted !== undefined) {
    const fix = 'take the payment out of this payout in the app (with the payout\'s new gross and net)';
    return rejected(
      'payout_payment_deleted',
      deposited
        ? `${label} still lists payment ${deleted}, which was deleted in the app. The QuickBooks deposit is left as it is (it still matches the bank line), and the payment stays in QuickBooks until it leaves the deposit: QuickBooks does not let a deposited payment be deleted. If the processor took the money back, ${fix}; the deposit is then updated and the payment deleted.`
        : `${label} lists payment ${deleted}, which was deleted in the app, so it cannot be deposited in QuickBooks. If the processor did not pay it out, ${fix}; the payout is then sent.`,
    );
  }
  const live = payout.paymentIds.reduce((sum, id) => sum + (context.payments.get(id)?.amountCents ?? 0), 0);
  if (payout.paymentIds.some((id) => context.payments.get(id) === null)) return null; // named as a missing payment below
  if (live - payout.feeCents !== payout.netCents || payout.grossCents - payout.feeCents !== payout.netCents) {
    return rejected(
      'payout_mismatch',
      `${label}: its payments add up to ${dollars(live, context.currency ?? null)} and its fee is ${dollars(payout.feeCents, context.currency ?? null)}, which makes ${dollars(live - payout.feeCents, context.currency ?? null)}, but its gross is ${dollars(payout.grossCents, context.currency ?? null)} and its net ${dollars(payout.netCents, context.currency ?? null)}. A deposit of other amounts would not match the bank line.`,
    );
  }
  return null;
};

/** The memo a payout's deposit is created with (ADR 0092): its date, the processor's reference and how many payments. */
const payoutMemo = (payout: HostPayout, context: PayoutContext, marker: string): string => {
  const reference = payout.reference?.trim() ? ` (${payout.reference.trim()})` : '';
  const count = payout.paymentIds.length === 1 ? '1 payment' : `${payout.paymentIds.length} payments`;
  return privateNoteMemo(`Processor payout of ${payout.paidOn}${reference}, ${count}`, context.hostAppName ?? DEFAULT_HOST_APP_NAME, marker);
};
