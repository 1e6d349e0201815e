import { customerMatchReport, itemMatchReport, type MatchReport } from '../../../domain/names/match-report';
import { type Result } from '../../../domain/shared/result';
import type { ApplicationError } from '../../application-error';
import type { HostDirectory } from '../../ports/host-directory.port';
import type { QboGateway } from '../../ports/qbo-gateway.port';
import type { QboPageReads } from '../../setup/qbo-page-reads';
import { collect, readForPage } from '../../setup/qbo-reads';

export type MatchSide = 'customers' | 'items';

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
  ) {}

  async execute(tenantId: string, side: MatchSide): Promise<Result<MatchReport, ApplicationError>> {
    if (side === 'customers') {
      const qbo = await readForPage(this.reads, this.gateway, tenantId, 'Customer', (record) => ({ id: record.ref.id, fields: record.fields }));
      if (!qbo.ok) return qbo;
      return { ok: true, value: customerMatchReport(await collect(this.host.listCustomers(tenantId)), qbo.value) };
    }
    const qbo = await readForPage(this.reads, this.gateway, tenantId, 'Item', (record) => ({ id: record.ref.id, fields: record.fields }));
    if (!qbo.ok) return qbo;
    return { ok: true, value: itemMatchReport(await collect(this.host.listItems(tenantId)), qbo.value) };
  }
}
