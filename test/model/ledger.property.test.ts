import fc from 'fast-check';
import type { HostCustomer, HostInvoice, HostPayment, HostPayout } from '../../src/domain/host/host-records';
import { useModelEmulator } from './model-emulator';
import { createHarness, tenantId, type Harness } from './delivery-harness';

// Issue 14, the ledger property: random money stories over several customers go through the REAL delivery engine
// (in-memory stores and host, the emulator over HTTP, one fresh company per run); once the sync settles, the books a
// bookkeeper reads in QBO equal the host's, for every customer and for the deposit and income accounts.
// The expected figures are computed here from the story alone, independently of the plugin's own rules.
// A failure prints fast-check's seed and path: replay with LEDGER_SEED=<seed> LEDGER_PATH=<path>.
const runs = Number(process.env['LEDGER_RUNS'] ?? 200);

const emulator = useModelEmulator();
const call = emulator.call;

/** One step of a story; indices pick among what exists when the step runs. */
type Step =
  | { readonly kind: 'customer' }
  | { readonly kind: 'invoice'; readonly customer: number; readonly quantity: number; readonly priceCents: number }
  | { readonly kind: 'pay'; readonly invoice: number; readonly how: 'exact' | 'partial' | 'over'; readonly extraCents: number }
  | { readonly kind: 'credit'; readonly customer: number; readonly cents: number }
  | { readonly kind: 'refundCredit'; readonly payment: number; readonly share: number }
  | { readonly kind: 'refundPayment'; readonly payment: number; readonly share: number }
  | { readonly kind: 'deletePayment'; readonly payment: number }
  | { readonly kind: 'editInvoice'; readonly invoice: number; readonly quantity: number }
  | { readonly kind: 'voidInvoice'; readonly invoice: number }
  | { readonly kind: 'active'; readonly customer: number; readonly active: boolean }
  | { readonly kind: 'fault'; readonly fault: 'server-error' | 'throttle' | 'apply-then-drop' }
  | { readonly kind: 'refusal'; readonly entity: 'Customer' | 'Invoice' | 'Payment' | 'Purchase' | 'RefundReceipt' }
  | { readonly kind: 'deliver'; readonly rounds: number }
  // Issue 15 (the second property): a taxed invoice, a processor payout of live payments less a fee, a payout deleted.
  | { readonly kind: 'taxedInvoice'; readonly customer: number; readonly quantity: number; readonly priceCents: number; readonly ratePermille: number }
  | { readonly kind: 'payout'; readonly pick: readonly boolean[]; readonly feePermille: number }
  | { readonly kind: 'deletePayout'; readonly payout: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'customer' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('invoice' as const), customer: fc.nat(), quantity: fc.integer({ min: 1, max: 5 }), priceCents: fc.integer({ min: 100, max: 20_000 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('pay' as const), invoice: fc.nat(), how: fc.constantFrom('exact' as const, 'partial' as const, 'over' as const), extraCents: fc.integer({ min: 1, max: 10_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('credit' as const), customer: fc.nat(), cents: fc.integer({ min: 1, max: 10_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refundCredit' as const), payment: fc.nat(), share: fc.double({ min: 0.05, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refundPayment' as const), payment: fc.nat(), share: fc.double({ min: 0.05, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deletePayment' as const), payment: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('editInvoice' as const), invoice: fc.nat(), quantity: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('voidInvoice' as const), invoice: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('active' as const), customer: fc.nat(), active: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fault' as const), fault: fc.constantFrom('server-error' as const, 'throttle' as const, 'apply-then-drop' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refusal' as const), entity: fc.constantFrom('Customer' as const, 'Invoice' as const, 'Payment' as const, 'Purchase' as const, 'RefundReceipt' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deliver' as const), rounds: fc.integer({ min: 1, max: 3 }) }) },
);

/** The same stories with sales tax and processor payouts in them (issue 15). */
const taxAndPayoutStepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: stepArb },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('taxedInvoice' as const), customer: fc.nat(), quantity: fc.integer({ min: 1, max: 5 }), priceCents: fc.integer({ min: 100, max: 20_000 }), ratePermille: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('payout' as const), pick: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), feePermille: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deletePayout' as const), payout: fc.nat() }) },
);

/** What the story did, as plain facts: the expected books are computed from these alone. */
interface Story {
  readonly customers: HostCustomer[];
  readonly items: string[];
  readonly invoices: Array<HostInvoice & { everPaid: boolean; ratePermille?: number }>;
  readonly payments: HostPayment[];
  readonly refunds: Array<{ id: string; paymentId: string; amountCents: number }>;
  payouts?: HostPayout[];
}

/** Host tax as a host computes it: the rate on the taxable amount, to the cent. */
const taxOf = (amountCents: number, ratePermille: number): number => Math.round((amountCents * ratePermille) / 1000);
/** Payments a live payout carries: a host does not delete, nor pay out again, a payment the processor paid out. */
const paidOut = (story: Story): Set<string> => new Set((story.payouts ?? []).filter((p) => !p.deleted).flatMap((p) => p.paymentIds));

const pick = <T>(list: readonly T[], at: number): T | undefined => (list.length === 0 ? undefined : list[at % list.length]);
const today = (h: Harness): string => new Date(h.clock.now()).toISOString().slice(0, 10);

const customerRow = (id: string, active = true): HostCustomer => ({
  id, firstName: `Ledger${id}`, lastName: 'Customer', companyName: null, displayAsCompany: false, email: null, phone: null, street: null, city: null, state: null, zip: null, isActive: active,
});

const livePaymentsOn = (story: Story, invoiceId: string): HostPayment[] => story.payments.filter((p) => !p.deleted && p.invoiceId === invoiceId);
const paidOn = (story: Story, invoiceId: string): number => livePaymentsOn(story, invoiceId).reduce((sum, p) => sum + p.amountCents, 0);
const refundedOf = (story: Story, paymentId: string): number => story.refunds.filter((r) => r.paymentId === paymentId).reduce((sum, r) => sum + r.amountCents, 0);

/** Whether a live payout carries a live payment of the invoice (its share in QBO can no longer change, 6540). */
const paidOutOn = (story: Story, invoiceId: string): boolean =>
  livePaymentsOn(story, invoiceId).some((payment) => (story.payouts ?? []).some((payout) => !payout.deleted && payout.paymentIds.includes(payment.id)));

const signal = async (h: Harness, kind: 'customer' | 'item' | 'invoice' | 'payment' | 'refund' | 'payout', hostId: string): Promise<void> => {
  const result = await h.notify.execute([{ tenantId, kind, hostId }]);
  if (!result.ok) throw new Error(result.error.message);
};

/** Applies one step to the host (and the story), signalled as a host does; steps with nothing to act on do nothing. */
const apply = async (h: Harness, story: Story, step: Step): Promise<void> => {
  const now = h.clock.now();
  switch (step.kind) {
    case 'customer': {
      const customer = customerRow(h.host.nextId());
      h.host.putCustomer(tenantId, customer, now);
      story.customers.push(customer);
      return signal(h, 'customer', customer.id);
    }
    case 'invoice': {
      const customer = pick(story.customers, step.customer);
      if (!customer) return;
      const id = h.host.nextId();
      const amountCents = step.quantity * step.priceCents;
      const line = { id: `${id}-1`, catalogItemId: story.items[0]!, description: 'Pool visit', quantity: step.quantity, unitPriceCents: step.priceCents, amountCents, taxable: false };
      const invoice = { id, customerId: customer.id, number: `L-${id}`, issuedOn: today(h), dueOn: null, status: 'sent' as const, totalCents: amountCents, taxCents: 0, taxRateName: null, lines: [line] };
      h.host.putInvoice(tenantId, invoice, now);
      story.invoices.push({ ...invoice, everPaid: false });
      return signal(h, 'invoice', id);
    }
    case 'pay': {
      const invoice = pick(story.invoices.filter((i) => i.status !== 'void'), step.invoice);
      if (!invoice) return;
      const owed = invoice.totalCents - paidOn(story, invoice.id);
      const amountCents = step.how === 'over' ? Math.max(owed, 0) + step.extraCents : step.how === 'partial' ? Math.floor(owed / 2) : owed;
      if (amountCents <= 0) return;
      const payment: HostPayment = { id: h.host.nextId(), customerId: invoice.customerId, invoiceId: invoice.id, amountCents, method: 'card', receivedOn: today(h), reference: null, deleted: false };
      h.host.putPayment(tenantId, payment, now);
      story.payments.push(payment);
      invoice.everPaid = true;
      return signal(h, 'payment', payment.id);
    }
    case 'credit': {
      const customer = pick(story.customers, step.customer);
      if (!customer) return;
      const payment: HostPayment = { id: h.host.nextId(), customerId: customer.id, invoiceId: null, amountCents: step.cents, method: 'cash', receivedOn: today(h), reference: null, deleted: false };
      h.host.putPayment(tenantId, payment, now);
      story.payments.push(payment);
      return signal(h, 'payment', payment.id);
    }
    case 'refundCredit':
    case 'refundPayment': {
      // A credit is refunded up to what is left of it; a payment of an invoice once, at most its amount.
      // Not yet a payment a live payout carries: refunding one changes a deposited payment, which QBO refuses (6540);
      // how a processor's refund of a paid-out payment is sent is not decided yet (issue 15 report).
      const carried = paidOut(story);
      const candidates = story.payments.filter((p) => !p.deleted && !carried.has(p.id) && (step.kind === 'refundCredit' ? p.invoiceId === null : p.invoiceId !== null && refundedOf(story, p.id) === 0));
      const payment = pick(candidates, step.payment);
      if (!payment) return;
      const left = payment.amountCents - refundedOf(story, payment.id);
      const amountCents = Math.min(left, Math.max(1, Math.floor(left * step.share)));
      if (amountCents <= 0) return;
      const refund = { id: h.host.nextId(), paymentId: payment.id, amountCents, refundedOn: today(h), reason: null };
      h.host.putRefund(tenantId, refund, now);
      story.refunds.push(refund);
      return signal(h, 'refund', refund.id);
    }
    case 'deletePayment': {
      // A host deletes a payment it has not refunded.
      const payment = pick(story.payments.filter((p) => !p.deleted && refundedOf(story, p.id) === 0 && !paidOut(story).has(p.id)), step.payment);
      if (!payment) return;
      const deleted = { ...payment, deleted: true };
      h.host.putPayment(tenantId, deleted, now);
      story.payments[story.payments.indexOf(payment)] = deleted;
      return signal(h, 'payment', payment.id);
    }
    case 'voidInvoice': {
      // A host voids an invoice, paid or not; its payments stay, as the customer's credit. Not one whose payments a
      // processor already paid out: QBO cannot change a deposited payment (6540) until it leaves the deposit.
      const invoice = pick(story.invoices.filter((i) => i.status !== 'void' && !paidOutOn(story, i.id)), step.invoice);
      if (!invoice) return;
      const voided = { ...invoice, status: 'void' as const };
      h.host.putInvoice(tenantId, voided, now);
      story.invoices[story.invoices.indexOf(invoice)] = voided;
      return signal(h, 'invoice', invoice.id);
    }
    case 'editInvoice': {
      const invoice = pick(story.invoices.filter((i) => i.status !== 'void' && !paidOutOn(story, i.id)), step.invoice);
      if (!invoice) return;
      const line = { ...invoice.lines[0]!, quantity: step.quantity, amountCents: step.quantity * invoice.lines[0]!.unitPriceCents };
      // A taxed invoice keeps its rate: the tax follows the new amount.
      const taxCents = invoice.ratePermille === undefined ? 0 : taxOf(line.amountCents, invoice.ratePermille);
      const edited = { ...invoice, lines: [line], taxCents, totalCents: line.amountCents + taxCents };
      h.host.putInvoice(tenantId, edited, now);
      story.invoices[story.invoices.indexOf(invoice)] = edited;
      return signal(h, 'invoice', invoice.id);
    }
    case 'active': {
      const customer = pick(story.customers, step.customer);
      if (!customer) return;
      const changed = { ...customer, isActive: step.active };
      h.host.putCustomer(tenantId, changed, now);
      story.customers[story.customers.indexOf(customer)] = changed;
      return signal(h, 'customer', customer.id);
    }
    case 'fault':
      await call('POST', '/__emulator/faults', { realmId: h.realmId, kind: step.fault, count: 1 });
      return;
    case 'refusal':
      await call('POST', '/__emulator/refusals', { realmId: h.realmId, entity: step.entity, count: 1 });
      return;
    case 'deliver':
      h.clock.time += 1_000;
      for (let round = 0; round < step.rounds; round += 1) await h.round('worker-a');
      return;
    case 'taxedInvoice': {
      const customer = pick(story.customers, step.customer);
      if (!customer) return;
      const id = h.host.nextId();
      const amountCents = step.quantity * step.priceCents;
      const taxCents = taxOf(amountCents, step.ratePermille);
      const line = { id: `${id}-1`, catalogItemId: story.items[0]!, description: 'Chlorine', quantity: step.quantity, unitPriceCents: step.priceCents, amountCents, taxable: true };
      const invoice = { id, customerId: customer.id, number: `T-${id}`, issuedOn: today(h), dueOn: null, status: 'sent' as const, totalCents: amountCents + taxCents, taxCents, taxRateName: `${step.ratePermille / 10}%`, lines: [line] };
      h.host.putInvoice(tenantId, invoice, now);
      story.invoices.push({ ...invoice, everPaid: false, ratePermille: step.ratePermille });
      return signal(h, 'invoice', id);
    }
    case 'payout': {
      const carried = paidOut(story);
      // Nor one already refunded: the refund's representation changes the payment, which its deposit would then hold.
      const open = story.payments.filter((p) => !p.deleted && !carried.has(p.id) && refundedOf(story, p.id) === 0);
      const picked = open.filter((_p, i) => step.pick[i % step.pick.length]);
      if (picked.length === 0) return;
      const grossCents = picked.reduce((sum, p) => sum + p.amountCents, 0);
      const feeCents = Math.floor((grossCents * step.feePermille) / 1000);
      const payout: HostPayout = { id: h.host.nextId(), paidOn: today(h), grossCents, feeCents, netCents: grossCents - feeCents, reference: null, paymentIds: picked.map((p) => p.id), deleted: false };
      h.host.putPayout(tenantId, payout, now);
      (story.payouts ??= []).push(payout);
      return signal(h, 'payout', payout.id);
    }
    case 'deletePayout': {
      const payout = pick((story.payouts ?? []).filter((p) => !p.deleted), step.payout);
      if (!payout) return;
      const deleted = { ...payout, deleted: true };
      h.host.putPayout(tenantId, deleted, now);
      story.payouts![story.payouts!.indexOf(payout)] = deleted;
      return signal(h, 'payout', payout.id);
    }
  }
};

/** Faults cleared, then sweeps and rounds with time moving past backoffs and refusal waits until nothing is left to do. */
const settle = async (h: Harness): Promise<void> => {
  await call('DELETE', `/__emulator/faults?realmId=${encodeURIComponent(h.realmId)}`);
  await call('DELETE', `/__emulator/refusals?realmId=${encodeURIComponent(h.realmId)}`);
  for (let pass = 0; pass < 4; pass += 1) {
    h.clock.time += h.policy.leaseMs + h.policy.refusalWaitMs * 2 ** pass + 1;
    await h.sweep.execute();
    for (let round = 0; round < 100 && (await h.outbox.stats(tenantId, h.clock.now())).pending > 0; round += 1) {
      h.clock.time += h.policy.maxBackoffMs + 1;
      await h.round('worker-final');
    }
  }
};

interface Expected {
  readonly receivable: number;
  readonly credit: number;
}

/**
 * The host's books, from the story alone: an invoice QBO holds (see check) asks its total less what its live
 * payments bring, never below zero; what they bring beyond it is credit, as are account credits less their refunds.
 */
const expectedOf = (story: Story, customerId: string, unpaidToo = false): Expected => {
  let receivable = 0;
  let credit = 0;
  for (const invoice of story.invoices.filter((i) => i.customerId === customerId && (i.everPaid || unpaidToo))) {
    const paid = paidOn(story, invoice.id);
    const total = invoice.status === 'void' ? 0 : invoice.totalCents;
    receivable += Math.max(total - paid, 0);
    credit += Math.max(paid - total, 0);
  }
  for (const payment of story.payments.filter((p) => p.customerId === customerId && !p.deleted && p.invoiceId === null)) credit += payment.amountCents - refundedOf(story, payment.id);
  // Money received on an invoice voided before QBO held it is the customer's credit (QBO never gets the invoice).
  for (const invoice of story.invoices.filter((i) => i.customerId === customerId && !i.everPaid && !unpaidToo && i.status === 'void')) credit += paidOn(story, invoice.id);
  return { receivable, credit };
};

const check = async (h: Harness, story: Story): Promise<void> => {
  // QBO holds an invoice once a live payment is applied to it (DESIGN.md §3 invariant 5), and keeps it afterwards
  // even when that payment is deleted; one whose only payment was deleted before it was sent never goes.
  const problems: string[] = [];
  for (const invoice of story.invoices) {
    const link = await h.links.get(tenantId, 'invoice', invoice.id);
    invoice.everPaid = link !== null;
    if (link === null && invoice.status !== 'void' && livePaymentsOn(story, invoice.id).length > 0) problems.push(`invoice ${invoice.id} has a live payment but never reached QBO`);
  }
  const books = (await call('GET', `/__emulator/realms/${h.realmId}/books`)) as {
    customers: Array<{ id: string; active: boolean; openReceivableCents: number; openCreditCents: number; balanceCents: number }>;
    accounts: Array<{ id: string; balanceCents: number }>;
  };
  for (const customer of story.customers) {
    const link = await h.links.get(tenantId, 'customer', customer.id);
    if (!link) {
      problems.push(`customer ${customer.id} never reached QBO`);
      continue;
    }
    const qbo = books.customers.find((c) => c.id === link.qboId)!;
    const want = expectedOf(story, customer.id);
    const got = { receivable: qbo.openReceivableCents, credit: qbo.openCreditCents, balance: qbo.balanceCents };
    const wanted = { receivable: want.receivable, credit: want.credit, balance: want.receivable - want.credit };
    if (JSON.stringify(got) !== JSON.stringify(wanted)) problems.push(`customer ${customer.id}: QBO has ${JSON.stringify(got)}, the host ${JSON.stringify(wanted)}`);
    // Active in QBO as in the host, except while its money is open (ADR 0041) — unpaid invoices, not in QBO, included.
    const all = expectedOf(story, customer.id, true);
    const settled = all.receivable === 0 && all.credit === 0;
    if (qbo.active !== (customer.isActive || !settled)) problems.push(`customer ${customer.id}: active in QBO ${qbo.active}, in the host ${customer.isActive}, money settled ${settled}`);
  }
  const settings = await h.settings.get(tenantId);
  const live = story.payments.filter((p) => !p.deleted);
  const moneyIn = live.reduce((sum, p) => sum + p.amountCents, 0);
  const moneyOut = story.refunds.reduce((sum, r) => sum + r.amountCents, 0);
  const livePayouts = (story.payouts ?? []).filter((p) => !p.deleted);
  const paidOutGross = livePayouts.reduce((sum, p) => sum + p.grossCents, 0);
  const deposit = books.accounts.find((a) => a.id === settings.depositAccountId)!.balanceCents;
  if (deposit !== moneyIn - moneyOut - paidOutGross) problems.push(`deposit account: QBO ${deposit}, the host's money in less money out and less what payouts took ${moneyIn - moneyOut - paidOutGross}`);
  if (h.taxAndPayouts) {
    // Issue 15: the bank holds the payouts' nets, the fee account their fees, the agencies the tax of the invoices sent.
    const balance = (id: string) => books.accounts.find((a) => a.id === id)?.balanceCents ?? 0;
    const bank = balance(h.taxAndPayouts.bankId);
    const fees = balance(h.taxAndPayouts.feeAccountId);
    const wantBank = livePayouts.reduce((sum, p) => sum + p.netCents, 0);
    const wantFees = livePayouts.reduce((sum, p) => sum + p.feeCents, 0);
    if (bank !== wantBank) problems.push(`bank account: QBO ${bank}, the host's payouts' nets ${wantBank}`);
    if (fees !== wantFees) problems.push(`fee account: QBO ${fees}, the host's payouts' fees ${wantFees}`);
    const taxPayable = (books.accounts as Array<{ id: string; name?: string; balanceCents: number }>).filter((a) => a.name?.endsWith(' Payable')).reduce((sum, a) => sum + a.balanceCents, 0);
    const wantTax = story.invoices.filter((i) => i.everPaid && i.status !== 'void').reduce((sum, i) => sum + i.taxCents, 0);
    if (taxPayable !== wantTax) problems.push(`sales tax payable (${h.taxAndPayouts.salesTax}): QBO ${taxPayable}, the host's tax on invoices sent ${wantTax}`);
  }
  // Income is the sales without their tax, which is owed to the agencies.
  const sales = story.invoices.filter((i) => i.everPaid && i.status !== 'void').reduce((sum, i) => sum + i.totalCents - i.taxCents, 0);
  const saleRefunds = story.refunds.filter((r) => story.payments.find((p) => p.id === r.paymentId)?.invoiceId !== null).reduce((sum, r) => sum + r.amountCents, 0);
  const income = books.accounts.find((a) => a.id === settings.incomeAccountId)!.balanceCents;
  if (income !== sales - saleRefunds) problems.push(`income account: QBO ${income}, the host's sales less refunded sales ${sales - saleRefunds}`);
  if (problems.length > 0) {
    const failures = (await h.activity.list(tenantId, { limit: 200, outcome: 'failure' })).items.map((e) => `${e.kind} ${e.hostId}: ${e.message}`);
    throw new Error(`${problems.join('\n')}\nfailures in the activity log:\n${failures.slice(0, 20).join('\n')}`);
  }
};

/** The opening every story shares: one item of `kind` and two customers, then the story's steps; settle, then compare. */
const runStory = async (h: Harness, story: Story, itemKind: 'pool_service' | 'dosage', steps: readonly Step[]): Promise<void> => {
  const itemId = h.host.nextId();
  const name = itemKind === 'dosage' ? 'Chlorine' : 'Pool visit';
  h.host.putItem(tenantId, { id: itemId, kind: itemKind, name, description: null, unitPriceCents: 5_000, sku: null, isActive: true }, h.clock.now());
  story.items.push(itemId);
  await signal(h, 'item', itemId);
  for (let i = 0; i < 2; i += 1) await apply(h, story, { kind: 'customer' });
  for (const step of steps) await apply(h, story, step);
  await settle(h);
  await check(h, story);
};

/**
 * Runs a ledger property `runs` times (or replays `<envPrefix>_SEED`/`<envPrefix>_PATH`), prints its figures for the
 * record (runs, seed, time, failures) and, on failure, the line that replays it.
 */
const checkLedger = async <T>(label: string, envPrefix: string, runs: number, property: fc.IAsyncPropertyWithHooks<T>): Promise<void> => {
  const started = Date.now();
  const seed = process.env[`${envPrefix}_SEED`] ? Number(process.env[`${envPrefix}_SEED`]) : undefined;
  const details = await fc.check(property, { numRuns: runs, endOnFailure: true, ...(seed !== undefined ? { seed, path: process.env[`${envPrefix}_PATH`] ?? '0' } : {}) });
  console.log(`${label}: ${details.numRuns} runs, seed ${details.seed}, ${Date.now() - started} ms, ${details.failed ? 1 : 0} failures`);
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details) ?? `the ${label} failed`}\nReplay: ${envPrefix}_SEED=${details.seed} ${envPrefix}_PATH=${details.counterexamplePath ?? '0'}\n${cause}`);
  }
};

it(`QBO's books equal the host's after random money stories (${runs} runs)`, async () => {
  await checkLedger('ledger property', 'LEDGER', runs, fc.asyncProperty(fc.array(stepArb, { minLength: 4, maxLength: 24 }), async (steps) => {
    const h = await createHarness(emulator.url, call, { refusalWaitMs: 1_000 });
    await runStory(h, { customers: [], items: [], invoices: [], payments: [], refunds: [] }, 'pool_service', steps);
  }));
}, 900_000);

// Found by the property (LEDGER_SEED=-1372846815 LEDGER_PATH=181): a customer's account credit refunded once the
// customer was inactive in the host, the credit's update refused once. The refund's expense reached QBO, the host's
// books were settled, so the customer went inactive there and QBO refused the credit's update that links the expense
// (610): QBO kept $20.81 owed and $20.81 of credit that the host does not have.
it('a credit refunded after its customer is made inactive, its update refused once: the customer stays active until the credit links the refund', async () => {
  const steps: Step[] = [
    { kind: 'pay', invoice: 1809978150, how: 'over', extraCents: 1484 },
    { kind: 'credit', customer: 1850663381, cents: 2081 },
    { kind: 'customer' },
    { kind: 'refusal', entity: 'Payment' },
    { kind: 'pay', invoice: 899261499, how: 'over', extraCents: 8461 },
    { kind: 'editInvoice', invoice: 39864737, quantity: 2 },
    { kind: 'active', customer: 1151159134, active: false },
    { kind: 'refundCredit', payment: 1313031544, share: 0.999273834653016 },
    { kind: 'active', customer: 1756351694, active: false },
    { kind: 'refundCredit', payment: 2068316881, share: 0.4681753772452478 },
    { kind: 'refundCredit', payment: 117604465, share: 0.08626738356809559 },
  ];
  const h = await createHarness(emulator.url, call, { refusalWaitMs: 1_000 });
  await runStory(h, { customers: [], items: [], invoices: [], payments: [], refunds: [] }, 'pool_service', steps);
}, 60_000);

const taxRuns = Number(process.env['LEDGER_TAX_RUNS'] ?? 100);

it(`with sales tax and processor payouts, in both tax modes, QBO's books equal the host's: sales tax payable, bank, Undeposited Funds and fees too (${taxRuns} runs)`, async () => {
  const property = fc.asyncProperty(fc.constantFrom<'automated' | 'manual'>('automated', 'manual'), fc.array(taxAndPayoutStepArb, { minLength: 4, maxLength: 24 }), async (mode, steps) => {
    const h = await createHarness(emulator.url, call, { refusalWaitMs: 1_000 }, { taxAndPayouts: mode });
    await runStory(h, { customers: [], items: [], invoices: [], payments: [], refunds: [], payouts: [] }, 'dosage', steps);
  });
  await checkLedger('ledger property with tax and payouts', 'LEDGER_TAX', taxRuns, property);
}, 900_000);
