import type { HostRecordKind } from '../../src/domain/host/host-records';
import { tenantId, type Harness } from './delivery-harness';

/** What the model remembers of the host, to pick valid targets for the next command. */
export interface HostModel {
  readonly customers: string[];
  readonly items: { id: string; priceCents: number }[];
  readonly invoices: { id: string; customerId: string; totalCents: number; void: boolean; everPaid: boolean }[];
  readonly payments: { id: string; customerId: string; invoiceId: string | null; amountCents: number; deleted: boolean; beforeSync: boolean }[];
  readonly refunds: string[];
}

export const emptyModel = (): HostModel => ({ customers: [], items: [], invoices: [], payments: [], refunds: [] });

export const today = (h: Harness): string => new Date(h.clock.now()).toISOString().slice(0, 10);
export const yesterday = (h: Harness): string => new Date(h.clock.now() - 86_400_000).toISOString().slice(0, 10);

/** The host committed a change: signal it, or (a forgetful host) leave it for the sweep. */
export const signal = async (h: Harness, kind: HostRecordKind, id: string, silent: boolean): Promise<void> => {
  if (silent) return;
  const result = await h.notify.execute([{ tenantId, kind, hostId: id }]);
  if (!result.ok) throw new Error(result.error.message);
};

export const pick = <T>(list: readonly T[], index: number): T | undefined => (list.length === 0 ? undefined : list[index % list.length]);

export const owedOn = (model: HostModel, invoiceId: string): number => {
  const invoice = model.invoices.find((i) => i.id === invoiceId);
  const paid = model.payments.filter((p) => p.invoiceId === invoiceId && !p.deleted).reduce((sum, p) => sum + p.amountCents, 0);
  return (invoice?.totalCents ?? 0) - paid;
};
