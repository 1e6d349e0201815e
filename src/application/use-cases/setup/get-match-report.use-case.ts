import { customerMatchReport, itemMatchReport } from '../../../domain/names/match-report';
import { withLinks, type LinkedMatchReport } from '../../../domain/names/linked-view';
import type { HostRecordKind } from '../../../domain/host/host-records';
import { type Result } from '../../../domain/shared/result';
import type { ApplicationError } from '../../application-error';
import type { HostDirectory } from '../../ports/host-directory.port';
import type { LinkStore } from '../../ports/link-store.port';
import type { QboGateway } from '../../ports/qbo-gateway.port';
import type { QboPageReads } from '../../setup/qbo-page-reads';
import { collect, readForPage } from '../../setup/qbo-reads';

export type MatchSide = 'customers' | 'items';
const kind = (side: MatchSide): HostRecordKind => (side === 'customers' ? 'customer' : 'item');

/**
 * Set-up, step 2: how host and QBO records line up, before anything is pushed — exact matches, host-only (to be
 * created), QBO-only (importable), near matches, status mismatches among matched pairs and host duplicates.
 * QBO is read page by page (kept a few seconds for the page: QboPageReads); the host side is streamed, always fresh; the domain's indexed matching does the rest.
 */
export class GetMatchReport {
  constructor(
    private readonly host: HostDirectory,
    private readonly gateway: QboGateway,
    private readonly reads: QboPageReads,
    private readonly links: LinkStore,
  ) {}

  async execute(tenantId: string, side: MatchSide): Promise<Result<LinkedMatchReport, ApplicationError>> {
    if (side === 'customers') {
      const qbo = await readForPage(this.reads, this.gateway, tenantId, 'Customer', (record) => ({ id: record.ref.id, fields: record.fields }));
      if (!qbo.ok) return qbo;
      const report = customerMatchReport(await collect(this.host.listCustomers(tenantId)), qbo.value);
      return { ok: true, value: withLinks(report, await this.linked(tenantId, 'customer')) };
    }
    const qbo = await readForPage(this.reads, this.gateway, tenantId, 'Item', (record) => ({ id: record.ref.id, fields: record.fields }));
    if (!qbo.ok) return qbo;
    const report = itemMatchReport(await collect(this.host.listItems(tenantId)), qbo.value);
    return { ok: true, value: withLinks(report, await this.linked(tenantId, kind(side))) };
  }

  /** The live links of one kind (a retired one points at a record deleted or voided in QBO). */
  private async linked(tenantId: string, recordKind: HostRecordKind): Promise<{ byHostId: Map<string, string> }> {
    const byHostId = new Map<string, string>();
    for await (const link of this.links.list(tenantId, recordKind)) if (!link.retired) byHostId.set(link.hostId, link.qboId);
    return { byHostId };
  }
}
