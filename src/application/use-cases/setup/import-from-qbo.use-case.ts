import { toQboCustomerFields } from '../../../domain/customers/customer-to-qbo';
import { toQboItemFields } from '../../../domain/items/item-to-qbo';
import { customerMatchReport, itemMatchReport } from '../../../domain/names/match-report';
import type { QboCustomerFields, QboItemFields, QboRef } from '../../../domain/qbo/qbo-records';
import { err, ok, type Result } from '../../../domain/shared/result';
import { fingerprintOf } from '../../../domain/sync/fingerprint';
import type { Link } from '../../../domain/sync/link';
import { applicationError, type ApplicationError } from '../../application-error';
import type { ActivityLog } from '../../ports/activity-log.port';
import type { Clock } from '../../ports/clock.port';
import type { HostDirectory } from '../../ports/host-directory.port';
import { HostWriteRefused, type HostWriter } from '../../ports/host-writer.port';
import type { IdGenerator } from '../../ports/id-generator.port';
import type { LinkStore } from '../../ports/link-store.port';
import type { QboGateway } from '../../ports/qbo-gateway.port';
import type { SettingsStore } from '../../ports/settings-store.port';
import type { TenantLease } from '../../ports/tenant-lease.port';
import { HeldLease } from '../../delivery/held-lease';
import { hostCustomerFromQbo, hostItemFromQbo } from '../../setup/imported-records';
import type { MatchSide } from './get-match-report.use-case';
import type { QboPageReads } from '../../setup/qbo-page-reads';
import { collect, readAllFromQbo } from '../../setup/qbo-reads';

type QboSide = { readonly ref: QboRef; readonly name: string } & ({ readonly customer: QboCustomerFields } | { readonly item: QboItemFields });

const chunkSize = 200;
const listed = (ids: readonly string[]): string => (ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', '));

/**
 * Set-up, step 2: the one time data flows QBO → host (DESIGN.md §3 invariant 1). QBO-only customers or items
 * (all of them, or the ids given) are inserted into the host through the HostWriter and linked at once, with the
 * fingerprint of what the host now holds, so the sync does not push them back. Importing again imports nothing new.
 * It runs under the tenant lease: two imports at once (or an import beside the initial sync or a delivery) would
 * each see the same QBO-only records and insert them twice, so the second is told to try again instead.
 */
export class ImportFromQbo {
  constructor(
    private readonly host: HostDirectory,
    private readonly writer: HostWriter,
    private readonly gateway: QboGateway,
    private readonly links: LinkStore,
    private readonly settings: SettingsStore,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
    private readonly lease: TenantLease,
    private readonly ids: IdGenerator,
    private readonly leaseMs: number,
    private readonly pageReads: QboPageReads,
  ) {}

  async execute(tenantId: string, side: MatchSide, qboIds: readonly string[] | null): Promise<Result<{ imported: number }, ApplicationError>> {
    const lease = await HeldLease.take(this.lease, this.clock, tenantId, `import-${this.ids.newId()}`, this.leaseMs);
    if (!lease) {
      return err(applicationError('Conflict', 'import_busy', 'Another import or the sync is working on this QuickBooks company right now, so nothing was imported. Try again in a moment; records already imported are not imported twice.'));
    }
    try {
      return await this.importUnderLease(tenantId, side, qboIds, lease);
    } finally {
      await lease.release();
    }
  }

  private async importUnderLease(tenantId: string, side: MatchSide, qboIds: readonly string[] | null, lease: HeldLease): Promise<Result<{ imported: number }, ApplicationError>> {
    const importable = await this.importable(tenantId, side);
    if (!importable.ok) return importable;
    const chosen = this.choose(importable.value.qboOnly, importable.value.known, qboIds);
    if (!chosen.ok) return chosen;
    const serviceKind = (await this.settings.get(tenantId)).serviceImportKind;
    let imported = 0;
    for (let start = 0; start < chosen.value.length; start += chunkSize) {
      if (start > 0 && !(await lease.keep())) {
        return err(applicationError('Conflict', 'import_interrupted', `The import stopped after ${imported} of ${chosen.value.length} records because another process took over this QuickBooks company. Import again to bring in the rest; nothing is imported twice.`));
      }
      try {
        imported += await this.importChunk(tenantId, side, chosen.value.slice(start, start + chunkSize), serviceKind);
      } catch (error) {
        if (!(error instanceof HostWriteRefused)) throw error;
        const kept = imported > 0 ? ` The ${imported} records before it were imported; import again to bring in the rest once it is fixed.` : ' Nothing was imported.';
        return err(applicationError('Conflict', 'host_refused_import', `${error.message}${kept}`));
      }
    }
    // The match step's lists are read again: what was QBO-only now shows as matched.
    this.pageReads.forget(tenantId);
    return ok({ imported });
  }

  /** QBO-only records (by the match report) that no host record is linked to yet, and every QBO id read. */
  private async importable(tenantId: string, side: MatchSide): Promise<Result<{ qboOnly: Map<string, QboSide>; known: Set<string> }, ApplicationError>> {
    const qbo =
      side === 'customers'
        ? await readAllFromQbo(this.gateway, tenantId, 'Customer', (r): QboSide => ({ ref: r.ref, name: r.fields.displayName, customer: r.fields }))
        : await readAllFromQbo(this.gateway, tenantId, 'Item', (r): QboSide => ({ ref: r.ref, name: r.fields.name, item: r.fields }));
    if (!qbo.ok) return qbo;
    const report =
      side === 'customers'
        ? customerMatchReport(await collect(this.host.listCustomers(tenantId)), qbo.value.map((r) => ({ id: r.ref.id, fields: (r as { customer: QboCustomerFields }).customer })))
        : itemMatchReport(await collect(this.host.listItems(tenantId)), qbo.value.map((r) => ({ id: r.ref.id, fields: (r as { item: QboItemFields }).item })));
    const byId = new Map(qbo.value.map((record) => [record.ref.id, record]));
    const qboOnly = new Map<string, QboSide>();
    const entity = side === 'customers' ? 'Customer' : 'Item';
    for (const candidate of report.qboOnly) {
      if (await this.links.findByQboId(tenantId, entity, candidate.id)) continue; // linked under another name: not importable
      qboOnly.set(candidate.id, byId.get(candidate.id)!);
    }
    return ok({ qboOnly, known: new Set(byId.keys()) });
  }

  private choose(qboOnly: Map<string, QboSide>, known: Set<string>, qboIds: readonly string[] | null): Result<QboSide[], ApplicationError> {
    if (qboIds === null) return ok([...qboOnly.values()]);
    const unique = [...new Set(qboIds)];
    const unknown = unique.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      return err(applicationError('NotFound', 'unknown_qbo_ids', `QuickBooks has no record with id ${listed(unknown)} in the connected company. Reload the match list and choose again.`));
    }
    const notQboOnly = unique.filter((id) => !qboOnly.has(id));
    if (notQboOnly.length > 0) {
      return err(applicationError('Conflict', 'not_qbo_only', `QuickBooks record ${listed(notQboOnly)} already has a counterpart in the app (same name, or already imported), so importing it would make a duplicate. Nothing was imported.`));
    }
    return ok(unique.map((id) => qboOnly.get(id)!));
  }

  private async importChunk(tenantId: string, side: MatchSide, records: readonly QboSide[], serviceKind: 'pool_service' | 'work_order_type'): Promise<number> {
    const kind = side === 'customers' ? 'customer' : 'item';
    const hostIds =
      side === 'customers'
        ? await this.writer.insertCustomers(tenantId, records.map((r) => hostCustomerFromQbo((r as { customer: QboCustomerFields }).customer)))
        : await this.writer.insertItems(tenantId, records.map((r) => hostItemFromQbo((r as { item: QboItemFields }).item, serviceKind)));
    const links: Link[] = [];
    for (const [index, hostId] of hostIds.entries()) {
      const record = records[index]!;
      // The fingerprint of what the host now holds (read back through the mapping), so nothing is pushed back needlessly.
      const pushed = await this.hostOwned(tenantId, side, hostId, record);
      if (pushed === null) continue;
      links.push({ kind, hostId, qboEntity: side === 'customers' ? 'Customer' : 'Item', qboId: record.ref.id, syncToken: record.ref.syncToken, fingerprint: fingerprintOf(pushed), pushed, retired: false });
    }
    await this.links.saveMany(tenantId, links);
    const at = this.clock.now();
    for (const link of links) {
      const name = records[hostIds.indexOf(link.hostId)]!.name;
      await this.activity.record({
        tenantId, at, action: 'import', kind, hostId: link.hostId, qboId: link.qboId, outcome: 'success', outboxId: null,
        message: `Imported ${kind} "${name}" from QuickBooks into the app, linked to QuickBooks ${link.qboEntity} ${link.qboId}.`,
      });
    }
    return links.length;
  }

  /** An item keeps QBO's real type (QBO refuses to change it; an Inventory item is imported as a product). */
  private async hostOwned(tenantId: string, side: MatchSide, hostId: string, record: QboSide): Promise<Record<string, unknown> | null> {
    if (side === 'customers') {
      const customer = await this.host.getCustomer(tenantId, hostId);
      return customer ? { ...toQboCustomerFields(customer) } : null;
    }
    const item = await this.host.getItem(tenantId, hostId);
    return item ? { ...toQboItemFields(item), type: (record as { item: QboItemFields }).item.type } : null;
  }
}
