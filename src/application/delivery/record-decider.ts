import { decideCustomer } from '../../domain/customers/decide-customer';
import { customerDisplayName } from '../../domain/customers/customer-to-qbo';
import { decideItem } from '../../domain/items/decide-item';
import { decideRefundItem, REFUND_ITEM_HOST_ID } from '../../domain/items/refund-item';
import type { Link } from '../../domain/sync/link';
import { afterRefusals } from '../../domain/sync/request-id';
import type { HostDirectory } from '../ports/host-directory.port';
import { recordOf, type HostReadOf } from '../ports/host-read';
import type { LinkStore } from '../ports/link-store.port';
import type { TenantSettings } from '../ports/settings-store.port';
import { NamedReferenceActivity } from './named-reference-activity';
import { MoneyDecider } from './money-decider';
import { PayoutDecider } from './payout-decider';
import { ReceivableAccount } from './receivable-account';
import type { QboGateway } from '../ports/qbo-gateway.port';
import type { Naming, RecordDecision } from './record-decision';
import type { RecordState } from './record-state';
import { unreadable } from './unreadable';

export type { Naming, RecordDecision } from './record-decision';

/**
 * Asks the domain what QBO must be told about one record, from its state as read and the tenant's settings.
 * Customers and items need nothing more; money records read the context they refer to (links, sibling payments).
 */
export class RecordDecider {
  private readonly money: MoneyDecider;
  private readonly activity: NamedReferenceActivity;
  private readonly payouts: PayoutDecider;
  private readonly receivable: ReceivableAccount;

  /** `hostAppName`: what the memos written to QBO call the host app (the plugin's `hostAppName` option). */
  constructor(
    host: HostDirectory,
    links: LinkStore,
    private readonly gateway: QboGateway,
    private readonly hostAppName?: string,
    receivable?: ReceivableAccount,
  ) {
    this.receivable = receivable ?? new ReceivableAccount(gateway);
    this.money = new MoneyDecider(host, links, this.receivable, hostAppName);
    this.activity = new NamedReferenceActivity(host, links);
    this.payouts = new PayoutDecider(host, links, hostAppName);
  }

  /** The same rules reading through `host` and `links` (one round's reads, ADR 0078); the receivable account is shared. */
  readingThrough(host: HostDirectory, links: LinkStore): RecordDecider {
    return new RecordDecider(host, links, this.gateway, this.hostAppName, this.receivable);
  }

  /** The rules' decision; a write's request id follows the record's refusal count (a refused write is sent anew). */
  async decide(state: RecordState, settings: TenantSettings, naming: Naming = {}): Promise<RecordDecision> {
    const decision = await this.rules(state, settings, naming);
    const refusals = state.refusals ?? 0;
    if (refusals === 0 || !('requestId' in decision)) return decision;
    return { ...decision, requestId: afterRefusals(decision.requestId, refusals) };
  }

  private async rules(state: RecordState, settings: TenantSettings, naming: Naming): Promise<RecordDecision> {
    switch (state.kind) {
      case 'customer':
        return this.namedReference(state, settings, naming);
      case 'item':
        if (state.hostId === REFUND_ITEM_HOST_ID) return decideRefundItem(state.tenantId, state.link, { incomeAccountId: settings.incomeAccountId, ...(naming.qboName ? { name: naming.qboName } : {}) });
        return this.namedReference(state, settings, naming);
      case 'invoice':
        return this.money.invoice(state, settings);
      case 'payment':
        return (await this.payouts.heldByDeposit(state)) ?? this.money.payment(state, settings);
      case 'refund':
        return this.money.refund(state, settings);
      case 'payout':
        return this.payouts.payout(state, settings);
    }
  }

  /**
   * A customer or catalog item: only one the host made inactive has the money naming it read, as it stays active in
   * QBO while that money moves (ADR 0041, 0077).
   */
  private async namedReference(state: StateOf<'customer'> | StateOf<'item'>, settings: TenantSettings, naming: Naming): Promise<RecordDecision> {
    const record = state.read.kind === 'found' ? state.read.record : null;
    const keptActive = record !== null && !record.isActive ? await this.activity.keptActiveBecause(state.tenantId, { kind: state.kind, hostId: state.hostId }, settings) : null;
    const decision = decideListRecord(state.tenantId, state.kind, state.read, state.link, settings, naming, keptActive);
    // Nothing to write, yet QBO differs from the host on purpose: the activity log says so, in words.
    return decision.kind === 'nothing' && keptActive !== null ? { kind: 'skipped', reason: `it is inactive in the app but ${keptActive}` } : decision;
  }
}

type StateOf<K extends RecordState['kind']> = Extract<RecordState, { kind: K }>;

/** A customer or catalog item already read against its link: what QBO must be told. */
const decideListRecord = <K extends 'customer' | 'item'>(
  tenantId: string,
  kind: K,
  read: HostReadOf<K>,
  link: Link | null,
  settings: TenantSettings,
  naming: Naming,
  keptActive: string | null = null,
): RecordDecision => {
  if (read.kind === 'unreadable') return unreadable(read.reason);
  if (kind === 'customer') {
    const customer = recordOf(read as HostReadOf<'customer'>);
    const qboName = naming.qboName ?? (customer ? keptVariant(customerDisplayName(customer), link, 'displayName') : undefined);
    return decideCustomer(tenantId, customer, link, qboName ? { qboName } : {}, { keptActive });
  }
  const item = recordOf(read as HostReadOf<'item'>);
  const qboName = naming.qboName ?? (item ? keptVariant(item.name.trim(), link, 'name') : undefined);
  return decideItem(tenantId, item, link, { incomeAccountId: settings.incomeAccountId, currency: settings.homeCurrency, ...(qboName ? { qboName } : {}) }, { keptActive });
};

/** Once a suffixed variant ("Maria Lopez (2)") was pushed, later updates keep it instead of colliding again. */
const keptVariant = (plain: string, link: Link | null, field: string): string | undefined => {
  const pushed = link?.pushed?.[field];
  return typeof pushed === 'string' && pushed !== plain && pushed.startsWith(`${plain} (`) ? pushed : undefined;
};
