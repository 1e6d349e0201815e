import { customerMatchReport, itemMatchReport, type MatchReport } from '../../../domain/names/match-report';
import { type Result } from '../../../domain/shared/result';
import type { ApplicationError } from '../../application-error';
import type { HostDirectory } from '../../ports/host-directory.port';
import type { QboGateway } from '../../ports/qbo-gateway.port';
import { collect, readAllFromQbo } from '../../setup/qbo-reads';

export type MatchSide = 'customers' | 'items';

/**
 * Set-up, step 2: how host and QBO records line up, before anything is pushed — exact matches, host-only (to be
 * created), QBO-only (importable), near matches, status mismatches among matched pairs and host duplicates.
 * QBO is read page by page; the host side is streamed; the domain's indexed matching does the rest.
 */
export class GetMatchReport {
  constructor(
    private readonly host: HostDirectory,
    private readonly gateway: QboGateway,
  ) {}

  async execute(tenantId: string, side: MatchSide): Promise<Result<MatchReport, ApplicationError>> {
    if (side === 'customers') {
      const qbo = await readAllFromQbo(this.gateway, tenantId, 'Customer', (record) => ({ id: record.ref.id, fields: record.fields }));
      if (!qbo.ok) return qbo;
      return { ok: true, value: customerMatchReport(await collect(this.host.listCustomers(tenantId)), qbo.value) };
    }
    const qbo = await readAllFromQbo(this.gateway, tenantId, 'Item', (record) => ({ id: record.ref.id, fields: record.fields }));
    if (!qbo.ok) return qbo;
    return { ok: true, value: itemMatchReport(await collect(this.host.listItems(tenantId)), qbo.value) };
  }
}
