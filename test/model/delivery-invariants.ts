import type { ActivityEntry } from '../../src/application/ports/activity-log.port';
import { customerBooks, isSettled } from '../../src/domain/customers/customer-books';
import type { HostRecordKind } from '../../src/domain/host/host-records';
import type { QboWritableEntity } from '../../src/domain/qbo/qbo-records';
import type { Link } from '../../src/domain/sync/link';
import { emulatorState } from '../support/emulator-state';
import { control } from './delivery-commands';
import { tenantId, type Harness } from './delivery-harness';
import type { HostModel } from './host-model';

const kinds: HostRecordKind[] = ['customer', 'item', 'invoice', 'payment', 'refund'];

/**
 * Reconnects, stops crashing, lets QBO stop failing, sweeps after a lease's time, and runs rounds (moving time past leases and backoffs)
 * until the outbox is empty. A fault armed last that no delivery met would otherwise hit the invariant check's reads.
 */
export const quiesce = async (h: Harness): Promise<void> => {
  const connection = (await h.connections.get(tenantId))!;
  await h.connections.save({ ...connection, status: 'connected', statusReason: null });
  h.crashing.armed = false;
  const cleared = await fetch(`${control.url}/__emulator/faults?realmId=${encodeURIComponent(h.realmId)}`, { method: 'DELETE' });
  if (!cleared.ok) throw new Error(`clearing the emulator's faults: ${cleared.status} ${await cleared.text()}`);
  for (let pass = 0; pass < 2; pass += 1) {
    // Time passes between sweeps: a write a crashed worker left noted is stale by the next one.
    h.clock.time += h.policy.leaseMs + 1;
    await h.sweep.execute();
    for (let round = 0; round < 300 && (await h.outbox.stats(tenantId, h.clock.now())).pending > 0; round += 1) {
      h.clock.time += h.policy.leaseMs + 1;
      await h.round('worker-final');
    }
  }
};

const allActivity = async (h: Harness): Promise<ActivityEntry[]> => {
  const entries: ActivityEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await h.activity.list(tenantId, { limit: 200, ...(cursor ? { cursor } : {}) });
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return entries;
};

/** DESIGN.md §3 at quiescence; throws with what is wrong. */
export const checkInvariants = async (h: Harness, model: HostModel, emulatorUrl: string): Promise<void> => {
  const problems: string[] = [];
  const stats = await h.outbox.stats(tenantId, h.clock.now());
  if (stats.pending !== 0) problems.push(`${stats.pending} changes still pending after the outbox drained`);

  const links = new Map<string, Link>();
  for (const kind of kinds) for await (const link of h.links.list(tenantId, kind)) links.set(`${kind}:${link.hostId}`, link);
  const activity = await allActivity(h);
  const failed = (kind: HostRecordKind, id: string): boolean => activity.some((e) => e.kind === kind && e.hostId === id && e.outcome === 'failure' && e.message.length > 0);
  const linkOf = (kind: HostRecordKind, id: string): Link | undefined => links.get(`${kind}:${id}`);

  // Invariant 2: exactly one live QBO record per link, and none that no link explains.
  const state = await emulatorState(emulatorUrl, h.realmId);
  for (const entity of ['Customer', 'Item', 'Invoice', 'Payment', 'RefundReceipt', 'Purchase'] as QboWritableEntity[]) {
    const live = (state[entity] ?? []).filter((r) => r['status'] !== 'Deleted').map((r) => r.Id).sort();
    const linked = [...links.values()].filter((l) => l.qboEntity === entity && !(l.retired && entity !== 'Invoice')).map((l) => l.qboId).sort();
    if (JSON.stringify(live) !== JSON.stringify(linked)) problems.push(`${entity}: QBO holds ${JSON.stringify(live)} but the links say ${JSON.stringify(linked)}`);
  }

  const expectLinked = async (kind: HostRecordKind, id: string, check: (link: Link) => Promise<string | null>): Promise<void> => {
    const link = linkOf(kind, id);
    if (!link || link.retired) {
      if (!failed(kind, id)) problems.push(`${kind} ${id} is neither in QBO nor failed in the activity log`);
      return;
    }
    const problem = await check(link);
    if (problem && !failed(kind, id)) problems.push(`${kind} ${id}: ${problem}`);
  };
  const read = async <E extends QboWritableEntity>(entity: E, id: string) => {
    const result = await h.gateway.get(tenantId, entity, id);
    if (!result.ok) throw new Error(`reading ${entity} ${id}: ${result.error.message}`);
    return result.value;
  };

  for (const id of model.customers) {
    const host = (await h.host.getCustomer(tenantId, id))!;
    await expectLinked('customer', id, async (link) => {
      const qbo = await read('Customer', link.qboId);
      const name = `${host.firstName} ${host.lastName}`;
      // A customer inactive in the host stays active in QBO while its money is open, or while a money record of its
      // failed and waits in the activity log for a person (ADR 0041: the retry would name an inactive customer).
      const money = await h.host.moneyOfCustomer(tenantId, id);
      const moneyFailed = [...money.invoices.map((r) => ['invoice', r.id] as const), ...money.payments.map((r) => ['payment', r.id] as const), ...money.refunds.map((r) => ['refund', r.id] as const)].some(([kind, recordId]) => failed(kind, recordId));
      const keptActive = !host.isActive && qbo.fields.active && (!isSettled(customerBooks(money)) || moneyFailed);
      if (qbo.fields.active !== host.isActive && !keptActive) return `active is ${qbo.fields.active} in QBO, ${host.isActive} in the host`;
      return qbo.fields.displayName === name || qbo.fields.displayName.startsWith(`${name} (`) ? null : `named "${qbo.fields.displayName}" in QBO, "${name}" in the host`;
    });
  }
  for (const { id } of model.items) {
    const host = (await h.host.getItem(tenantId, id))!;
    await expectLinked('item', id, async (link) => {
      const qbo = await read('Item', link.qboId);
      // Invariant 4: the income account is the one set at creation.
      if (qbo.fields.incomeAccountId !== h.incomeAccountId) return `income account ${qbo.fields.incomeAccountId} in QBO`;
      // An item inactive in the host stays active in QBO while a paid invoice naming it is still to be sent: at
      // quiescence only one that failed and waits in the activity log for a person (ADR 0077).
      const naming = await h.host.moneyNamingItem(tenantId, id);
      const keptActive = !host.isActive && qbo.fields.active && naming.invoices.some((invoice) => failed('invoice', invoice.id));
      if (qbo.fields.active !== host.isActive && !keptActive) return `active is ${qbo.fields.active} in QBO, ${host.isActive} in the host`;
      return qbo.fields.unitPriceCents === host.unitPriceCents ? null : `price ${qbo.fields.unitPriceCents} in QBO, ${host.unitPriceCents} in the host`;
    });
  }
  for (const invoice of model.invoices) {
    const link = linkOf('invoice', invoice.id);
    // Invariant 5: an invoice never paid inside the sync window never reaches QBO.
    if (!invoice.everPaid) {
      if (link) problems.push(`invoice ${invoice.id} reached QBO without a payment`);
      continue;
    }
    const paidNow = model.payments.some((p) => p.invoiceId === invoice.id && !p.deleted && !p.beforeSync);
    // Paid once and unpaid again before any delivery saw it: QBO may or may not have it.
    if ((invoice.void || !paidNow) && !link) continue;
    // Voiding retires the link (QBO keeps the voided invoice): a void invoice is checked in QBO through it, retired or not.
    if (invoice.void && link) {
      if (!(await read('Invoice', link.qboId)).voided && !failed('invoice', invoice.id)) problems.push(`invoice ${invoice.id}: void in the host but not in QBO`);
      continue;
    }
    await expectLinked('invoice', invoice.id, async (l) => {
      const qbo = await read('Invoice', l.qboId);
      // Invariant 7: totals in QBO equal totals in the host, in cents.
      return qbo.totalCents === invoice.totalCents ? null : `total ${qbo.totalCents} in QBO, ${invoice.totalCents} in the host`;
    });
  }
  for (const payment of model.payments) {
    const link = linkOf('payment', payment.id);
    if (payment.beforeSync) {
      if (link) problems.push(`payment ${payment.id}, dated before the sync, reached QBO`);
      continue;
    }
    if (payment.deleted) {
      if (link && !link.retired && !failed('payment', payment.id)) problems.push(`payment ${payment.id} was deleted in the host but not in QBO`);
      continue;
    }
    await expectLinked('payment', payment.id, async (l) => {
      const qbo = await read('Payment', l.qboId);
      const invoiceLink = payment.invoiceId === null ? null : linkOf('invoice', payment.invoiceId);
      if ((qbo.fields.invoiceId ?? null) !== (invoiceLink?.qboId ?? null)) return `applied to ${qbo.fields.invoiceId} in QBO`;
      return qbo.fields.totalCents === payment.amountCents ? null : `amount ${qbo.fields.totalCents} in QBO, ${payment.amountCents} in the host`;
    });
  }
  for (const id of model.refunds) {
    const host = (await h.host.getRefund(tenantId, id))!;
    await expectLinked('refund', id, async (l) => {
      // A refund of an invoice payment is a RefundReceipt, one of an account credit an expense (Purchase).
      const qbo = l.qboEntity === 'Purchase' ? await read('Purchase', l.qboId) : await read('RefundReceipt', l.qboId);
      return qbo.fields.amountCents === host.amountCents ? null : `amount ${qbo.fields.amountCents} in QBO, ${host.amountCents} in the host`;
    });
  }
  if (problems.length > 0) throw new Error(`invariants broken:\n- ${problems.join('\n- ')}`);
};
