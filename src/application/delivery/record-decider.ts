import { decideCustomer } from '../../domain/customers/decide-customer';
import { customerDisplayName } from '../../domain/customers/customer-to-qbo';
import type { HostRecordKind } from '../../domain/host/host-records';
import { decideItem } from '../../domain/items/decide-item';
import { decideRefundItem, REFUND_ITEM_HOST_ID } from '../../domain/items/refund-item';
import type { Link } from '../../domain/sync/link';
import type { HostDirectory } from '../ports/host-directory.port';
import { recordOf, type HostReadOf } from '../ports/host-read';
import type { LinkStore } from '../ports/link-store.port';
import type { SettingsStore, TenantSettings } from '../ports/settings-store.port';
import { MoneyDecider } from './money-decider';
import type { Naming, RecordDecision } from './record-decision';
import { unreadable } from './unreadable';

export type { Naming, RecordDecision } from './record-decision';

/** Loads the current host state of one record, its link and the settings, and asks the domain what QBO must be told. */
export class RecordDecider {
  private readonly money: MoneyDecider;

  constructor(
    private readonly host: HostDirectory,
    private readonly links: LinkStore,
    private readonly settings: SettingsStore,
  ) {
    this.money = new MoneyDecider(host, links);
  }

  async decide(tenantId: string, kind: HostRecordKind, hostId: string, naming: Naming = {}): Promise<RecordDecision> {
    const [link, settings] = await Promise.all([this.links.get(tenantId, kind, hostId), this.settings.get(tenantId)]);
    switch (kind) {
      case 'customer':
        return decideListRecord(tenantId, 'customer', await this.host.read(tenantId, 'customer', hostId), link, settings, naming);
      case 'item':
        if (hostId === REFUND_ITEM_HOST_ID) return decideRefundItem(tenantId, link, { incomeAccountId: settings.incomeAccountId, ...(naming.qboName ? { name: naming.qboName } : {}) });
        return decideListRecord(tenantId, 'item', await this.host.read(tenantId, 'item', hostId), link, settings, naming);
      case 'invoice':
        return this.money.invoice(tenantId, hostId, link, settings);
      case 'payment':
        return this.money.payment(tenantId, hostId, link, settings);
      case 'refund':
        return this.money.refund(tenantId, hostId, link, settings);
    }
  }
}

/** A customer or catalog item already read (alone or in bulk) against its link: what QBO must be told. */
export const decideListRecord = <K extends 'customer' | 'item'>(
  tenantId: string,
  kind: K,
  read: HostReadOf<K>,
  link: Link | null,
  settings: TenantSettings,
  naming: Naming = {},
): RecordDecision => {
  if (read.kind === 'unreadable') return unreadable(read.reason);
  if (kind === 'customer') {
    const customer = recordOf(read as HostReadOf<'customer'>);
    const qboName = naming.qboName ?? (customer ? keptVariant(customerDisplayName(customer), link, 'displayName') : undefined);
    return decideCustomer(tenantId, customer, link, qboName ? { qboName } : {});
  }
  const item = recordOf(read as HostReadOf<'item'>);
  const qboName = naming.qboName ?? (item ? keptVariant(item.name.trim(), link, 'name') : undefined);
  return decideItem(tenantId, item, link, { incomeAccountId: settings.incomeAccountId, ...(qboName ? { qboName } : {}) });
};

/** Once a suffixed variant ("Maria Lopez (#17)") was pushed, later updates keep it instead of colliding again. */
const keptVariant = (plain: string, link: Link | null, field: string): string | undefined => {
  const pushed = link?.pushed?.[field];
  return typeof pushed === 'string' && pushed !== plain && pushed.startsWith(`${plain} (`) ? pushed : undefined;
};
