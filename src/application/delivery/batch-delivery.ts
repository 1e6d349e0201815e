import type { QboError } from '../../domain/qbo/qbo-error';
import type { QboDraft, QboRef } from '../../domain/qbo/qbo-records';
import type { Result } from '../../domain/shared/result';
import { REFUND_ITEM_HOST_ID } from '../../domain/items/refund-item';
import type { Link } from '../../domain/sync/link';
import type { ActivityEntryInput, ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { HostDirectory } from '../ports/host-directory.port';
import type { LinkStore } from '../ports/link-store.port';
import type { ClaimedChange } from '../ports/outbox-store.port';
import type { QboBatchOperation, QboGateway } from '../ports/qbo-gateway.port';
import type { TenantSettings } from '../ports/settings-store.port';
import type { PendingCreate, WriteJournal } from '../ports/write-journal.port';
import type { DeliveryOutcome } from './delivery-outcome';
import { successMessage } from './delivery-log';
import { outcomeOfQboError } from './qbo-error-outcome';
import { decideListRecord } from './record-decider';

/** QBO takes at most 30 operations in one batch request. */
const maxBatch = 30;

type ListKind = 'customer' | 'item';
type Planned = { readonly row: ClaimedChange; readonly decision: Extract<ReturnType<typeof decideListRecord>, { kind: 'create' | 'update' }>; readonly link: Link | null };

export interface BatchResult {
  /** Outcomes of the rows settled here, by outbox row id. */
  readonly outcomes: ReadonlyMap<string, DeliveryOutcome>;
  /** Rows left to the one-by-one delivery (money records, pending notes, refusals, …), in claim order. */
  readonly rest: readonly ClaimedChange[];
}

/**
 * The fast path of a round: customers and catalog items with nothing unsettled are read and decided together
 * (level-triggered: from the host's current rows) and their creates and updates go to QBO as one batch. Each
 * write is noted in the journal before the batch is sent, and each answer is settled on its own. Anything this
 * path does not handle simply (a refusal, a name taken, a stale SyncToken) goes back to the one-by-one delivery,
 * which decides again and owns every recovery.
 */
export class BatchDelivery {
  constructor(
    private readonly host: HostDirectory,
    private readonly links: LinkStore,
    private readonly journal: WriteJournal,
    private readonly gateway: QboGateway,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
    private readonly minBatchWrites: number,
  ) {}

  async deliver(tenantId: string, rows: readonly ClaimedChange[], settings: TenantSettings): Promise<BatchResult> {
    const outcomes = new Map<string, DeliveryOutcome>();
    const rest = new Set<ClaimedChange>();
    const byKind: Record<ListKind, ClaimedChange[]> = { customer: [], item: [] };
    const seen = new Set<string>();
    for (const row of rows) {
      const key = `${row.kind}:${row.hostId}`;
      if ((row.kind === 'customer' || row.kind === 'item') && row.hostId !== REFUND_ITEM_HOST_ID && !seen.has(key)) byKind[row.kind].push(row);
      else rest.add(row);
      seen.add(key);
    }
    const planned: Planned[] = [];
    for (const kind of ['customer', 'item'] as const) {
      const candidates = byKind[kind];
      if (candidates.length === 0) continue;
      const ids = candidates.map((row) => row.hostId);
      const [reads, links, notes] = await Promise.all([this.host.readMany(tenantId, kind, ids), this.links.getMany(tenantId, kind, ids), this.journal.getMany(tenantId, kind, ids)]);
      for (const row of candidates) {
        const link = links.get(row.hostId) ?? null;
        const decision = notes.has(row.hostId) ? null : decideListRecord(tenantId, kind, reads.get(row.hostId)!, link, settings);
        if (decision?.kind === 'nothing') outcomes.set(row.id, { kind: 'delivered' });
        else if (decision?.kind === 'create' || decision?.kind === 'update') planned.push({ row, decision, link });
        else rest.add(row); // an earlier write to settle, a skip or refusal to log: the one-by-one path does it
      }
    }
    if (planned.length < this.minBatchWrites) {
      // Too few to spend one of the company's scarce batch requests on: they go one by one.
      for (const { row } of planned) rest.add(row);
      planned.length = 0;
    }
    for (let i = 0; i < planned.length; i += maxBatch) {
      for (const [row, outcome] of await this.send(tenantId, planned.slice(i, i + maxBatch))) {
        if (outcome === 'one-by-one') rest.add(row);
        else outcomes.set(row.id, outcome);
      }
    }
    return { outcomes, rest: rows.filter((row) => rest.has(row)) };
  }

  private async send(tenantId: string, planned: readonly Planned[]): Promise<Map<ClaimedChange, DeliveryOutcome | 'one-by-one'>> {
    const at = this.clock.now();
    // Noted before the request: if the process dies before the links are stored, the next attempt finds the copies.
    await this.journal.beginMany(planned.map(({ row, decision }) => noteOf(row, decision, at)));
    const results = await this.gateway.batch(tenantId, planned.map(({ decision }) => operationOf(decision)));
    const settled = new Map<ClaimedChange, DeliveryOutcome | 'one-by-one'>();
    const links: Link[] = [];
    const ended: Record<ListKind, string[]> = { customer: [], item: [] };
    const entries: ActivityEntryInput[] = [];
    planned.forEach(({ row, decision, link }, index) => {
      const result: Result<QboRef, QboError> = results[index]!;
      if (result.ok) {
        links.push(linkAfter(row, decision, link, result.value));
        ended[row.kind as ListKind].push(row.hostId);
        const record = { tenantId, kind: row.kind, hostId: row.hostId, outboxId: row.id };
        entries.push({ ...record, at: this.clock.now(), action: decision.kind, qboId: result.value.id, outcome: 'success', message: successMessage(record, decision, result.value) });
        settled.set(row, { kind: 'delivered' });
        return;
      }
      const outcome = outcomeOfQboError(result.error);
      // A refusal did not happen in QBO: its note goes, and the one-by-one path decides again and logs it.
      // An unanswered write may have happened: its note stays for the next attempt to settle.
      if (outcome.kind === 'failed') ended[row.kind as ListKind].push(row.hostId);
      settled.set(row, outcome.kind === 'failed' ? 'one-by-one' : outcome);
    });
    await this.links.saveMany(tenantId, links);
    await Promise.all((['customer', 'item'] as const).map((kind) => this.journal.endMany(tenantId, kind, ended[kind])));
    await this.activity.recordMany(entries);
    return settled;
  }
}

const operationOf = (decision: Planned['decision']): QboBatchOperation =>
  decision.kind === 'create'
    ? { operation: 'create', draft: decision.draft, requestId: decision.requestId }
    : { operation: 'update', ref: decision.ref, changes: decision.changes, requestId: decision.requestId };

const noteOf = (row: ClaimedChange, decision: Planned['decision'], at: number): PendingCreate => ({
  tenantId: row.tenantId,
  kind: row.kind,
  hostId: row.hostId,
  entity: decision.kind === 'create' ? decision.draft.entity : decision.changes.entity,
  lookup: decision.kind === 'create' ? lookupOf(decision.draft) : '',
  at,
});

const lookupOf = (draft: QboDraft): string => (draft.entity === 'Customer' ? draft.fields.displayName : draft.entity === 'Item' ? draft.fields.name : draft.fields.privateNote);

const linkAfter = (row: ClaimedChange, decision: Planned['decision'], link: Link | null, ref: QboRef): Link =>
  decision.kind === 'create' || link === null
    ? { kind: row.kind, hostId: row.hostId, qboEntity: decision.kind === 'create' ? decision.draft.entity : decision.changes.entity, qboId: ref.id, syncToken: ref.syncToken, fingerprint: decision.fingerprint, pushed: decision.pushed, retired: false }
    : { ...link, syncToken: ref.syncToken, fingerprint: decision.fingerprint, pushed: decision.pushed };
