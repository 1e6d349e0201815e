import { customerMatchReport, itemMatchReport } from '../../../domain/names/match-report';
import { withLinks, type FailedRecord, type LinkedMatchReport } from '../../../domain/names/linked-view';
import { customerDisplayName } from '../../../domain/customers/customer-to-qbo';
import type { HostRecordKind } from '../../../domain/host/host-records';
import { type Result } from '../../../domain/shared/result';
import type { ApplicationError } from '../../application-error';
import type { ActivityLog } from '../../ports/activity-log.port';
import type { HostDirectory } from '../../ports/host-directory.port';
import type { OpaqueIds } from '../../ports/opaque-ids.port';
import type { LinkStore } from '../../ports/link-store.port';
import type { QboGateway } from '../../ports/qbo-gateway.port';
import type { QboPageReads } from '../../setup/qbo-page-reads';
import { currentFailures } from '../../setup/current-failures';
import { collect, readForPage } from '../../setup/qbo-reads';

export type MatchSide = 'customers' | 'items';
const kind = (side: MatchSide): HostRecordKind => (side === 'customers' ? 'customer' : 'item');

/**
 * Set-up, step 2: how host and QBO records line up, before anything is pushed — exact matches, host-only (to be
 * created), QBO-only (importable), near matches, status mismatches among matched pairs and host duplicates; once
 * records are linked, the linked count and the records whose last delivery failed, apart.
 * QBO is read page by page (kept a few seconds for the page: QboPageReads); the host side is streamed, always fresh; the domain's indexed matching does the rest.
 */
export class GetMatchReport {
  constructor(
    private readonly host: HostDirectory,
    private readonly gateway: QboGateway,
    private readonly reads: QboPageReads,
    private readonly links: LinkStore,
    private readonly activity: ActivityLog,
    private readonly ids: OpaqueIds,
  ) {}

  async execute(tenantId: string, side: MatchSide): Promise<Result<LinkedMatchReport, ApplicationError>> {
    if (side === 'customers') {
      const qbo = await readForPage(this.reads, this.gateway, tenantId, 'Customer', (record) => ({ id: record.ref.id, fields: record.fields }));
      if (!qbo.ok) return qbo;
      const customers = await collect(this.host.listCustomers(tenantId));
      const report = customerMatchReport(customers, qbo.value);
      const names = new Map(customers.map((customer) => [customer.id, customerDisplayName(customer)]));
      return { ok: true, value: withLinks(report, await this.linked(tenantId, 'customer'), await this.failed(tenantId, 'customer', names)) };
    }
    const qbo = await readForPage(this.reads, this.gateway, tenantId, 'Item', (record) => ({ id: record.ref.id, fields: record.fields }));
    if (!qbo.ok) return qbo;
    const items = await collect(this.host.listItems(tenantId));
    const report = itemMatchReport(items, qbo.value);
    const names = new Map(items.map((item) => [item.id, item.name.trim()]));
    return { ok: true, value: withLinks(report, await this.linked(tenantId, kind(side)), await this.failed(tenantId, kind(side), names)) };
  }

  /** Host records (of those the host still has) whose last delivery failed, named as the host shows them, newest first. */
  private async failed(tenantId: string, recordKind: HostRecordKind, names: ReadonlyMap<string, string>): Promise<FailedRecord[]> {
    const failures = await currentFailures(this.activity, tenantId, recordKind);
    return [...failures.entries()]
      .flatMap(([hostId, entry]) => {
        const name = names.get(hostId);
        if (name === undefined) return [];
        return [{ hostId, name, reason: entry.message, at: entry.at, activityId: this.ids.seal(tenantId, 'activity', entry.id), retryable: entry.outboxId !== null }];
      })
      .sort((a, b) => b.at - a.at);
  }

  /** The live links of one kind (a retired one points at a record deleted or voided in QBO). */
  private async linked(tenantId: string, recordKind: HostRecordKind): Promise<{ byHostId: Map<string, string> }> {
    const byHostId = new Map<string, string>();
    for await (const link of this.links.list(tenantId, recordKind)) if (!link.retired) byHostId.set(link.hostId, link.qboId);
    return { byHostId };
  }
}
