import type { Logger } from '../ports/logger.port';
import type { ClaimedChange } from '../ports/outbox-store.port';
import type { TenantSettings } from '../ports/settings-store.port';
import type { BatchDelivery, PlannedWrite } from './batch-delivery';
import type { RecordAddress } from './delivery-log';
import type { DeliveryOutcome } from './delivery-outcome';
import type { RecordDelivery } from './record-delivery';
import type { RecordReader } from './record-reader';
import { recordKey } from './record-state';
import { RoundStates } from './round-states';

type Outcomes = Map<ClaimedChange, DeliveryOutcome>;
type RowWrite = PlannedWrite & { readonly row: ClaimedChange };

/** Money kinds whose piled-up creates travel as batches, in this order: a payment names its invoice's QBO id. */
const batchedMoney = ['invoice', 'payment'] as const;

/**
 * The claimed rows of one round, delivered on one path: every record is read once (one query per kind for host
 * rows, links and journal notes) and decided once. Customers and items go first, as they depend on nothing and
 * money records depend on them; when enough of their decisions are writes, those writes travel as QBO batches.
 * Invoices, then payments, do the same when enough rows of the kind piled up. The rest of the money records follow
 * one at a time, in claim order, each pushing what it depends on first.
 */
export class DeliveryPass {
  constructor(
    private readonly reader: RecordReader,
    private readonly delivery: RecordDelivery,
    private readonly batch: BatchDelivery,
    private readonly logger: Logger,
    private readonly minBatchWrites: number,
  ) {}

  /**
   * Outcomes by row. Once a row is held (the connection broke) every row not yet delivered is held with it; rows
   * missing from the answer were not reached because `keepGoing` said the tenant's lease was lost.
   */
  async run(tenantId: string, settings: TenantSettings, rows: readonly ClaimedChange[], keepGoing: () => Promise<boolean>): Promise<Outcomes> {
    const round = new RoundStates(this.reader, tenantId, settings);
    for (const row of rows) round.claim(row);
    const outcomes: Outcomes = new Map();
    await this.readAll(round, rows, outcomes);
    const lists = rows.filter((row) => !outcomes.has(row) && (row.kind === 'customer' || row.kind === 'item'));
    await this.deliverLists(round, lists, outcomes);
    if (this.heldAll(rows, outcomes) || !(await keepGoing())) return outcomes;
    // A row still to come is decided after every write before it (its invoice's, for a payment): not queued again for them.
    for (const row of rows) if (!outcomes.has(row)) round.startDeciding(row);
    // Paid invoices piled up (a company's rows waited for a lane): the invoices first, then their payments, each kind
    // decided once and its creates sent as QBO batches; a payment's decision then finds its invoice's new link.
    for (const kind of batchedMoney) {
      await this.deliverKindTogether(round, rows.filter((row) => !outcomes.has(row) && row.kind === kind), outcomes);
      if (this.heldAll(rows, outcomes) || !(await keepGoing())) return outcomes;
    }
    for (const row of rows) {
      if (outcomes.has(row)) continue;
      outcomes.set(row, await this.deliverRow(round, row));
      if (this.heldAll(rows, outcomes) || !(await keepGoing())) break;
    }
    return outcomes;
  }

  /** One read of each kind; a kind whose read throws is read row by row, so only the row that throws waits for a retry. */
  private async readAll(round: RoundStates, rows: readonly ClaimedChange[], outcomes: Outcomes): Promise<void> {
    for (const kind of [...new Set(rows.map((row) => row.kind))]) {
      const ofKind = rows.filter((row) => row.kind === kind);
      try {
        round.remember(await this.reader.readKind(round.tenantId, kind, ofKind.map(addressOf)));
      } catch (error) {
        this.logger.error({ tenantId: round.tenantId, kind, rows: ofKind.length, error: messageOf(error) }, 'reading changes together failed; each is read on its own');
        for (const row of ofKind) {
          try {
            round.remember(new Map([[recordKey(row), await this.reader.read(addressOf(row))]]));
          } catch (rowError) {
            outcomes.set(row, this.unexpected(row, rowError));
          }
        }
      }
    }
  }

  /** Customers and items: each decided once, then written one by one or, when there are enough writes, in batches. */
  private async deliverLists(round: RoundStates, rows: readonly ClaimedChange[], outcomes: Outcomes): Promise<void> {
    const firsts = new Map<string, ClaimedChange>();
    for (const row of rows) if (!firsts.has(recordKey(row))) firsts.set(recordKey(row), row);
    const writes: RowWrite[] = [];
    for (const row of firsts.values()) {
      const outcome = await this.guarded(row, async () => {
        const prepared = await this.delivery.prepare(round, await round.of(addressOf(row)), 0);
        if ('outcome' in prepared) return prepared.outcome;
        const { state, decision } = prepared;
        if (decision.kind === 'create' || decision.kind === 'update') return void writes.push({ row, state, decision });
        return this.delivery.carryOut(round, state, decision, {});
      });
      if (outcome) outcomes.set(row, outcome);
      if (outcome?.kind === 'held') return;
    }
    // Too few to spend one of the company's scarce batch requests on: they go one by one.
    if (writes.length >= this.minBatchWrites) await this.writeTogether(round, writes, outcomes);
    else await this.writeAlone(round, writes, outcomes);
  }

  /**
   * Rows of one money kind, when there are at least enough of them for a batch: each record decided once, its create
   * kept for the batch and any other decision (an update, a void, nothing to do) carried out at once, as the one-by-one
   * path would. Fewer rows are left to that path. A record's dependencies are pushed by its own decision, as there.
   */
  private async deliverKindTogether(round: RoundStates, rows: readonly ClaimedChange[], outcomes: Outcomes): Promise<void> {
    const firsts = new Map<string, ClaimedChange>();
    for (const row of rows) if (!firsts.has(recordKey(row)) && !round.wasDelivered(row)) firsts.set(recordKey(row), row);
    if (firsts.size < this.minBatchWrites) return;
    const writes: RowWrite[] = [];
    for (const row of firsts.values()) {
      const outcome = await this.guarded(row, async () => {
        const state = await round.of(addressOf(row));
        round.startDeciding(state);
        try {
          const prepared = await this.delivery.prepare(round, state, 0);
          if ('outcome' in prepared) return prepared.outcome;
          const { decision } = prepared;
          if (decision.kind === 'create') return void writes.push({ row, state: prepared.state, decision });
          return await this.delivery.carryOut(round, prepared.state, decision, {});
        } finally {
          round.doneDeciding(state);
        }
      });
      if (outcome) outcomes.set(row, outcome);
      if (outcome?.kind === 'held') return;
    }
    if (writes.length >= this.minBatchWrites) await this.writeTogether(round, writes, outcomes);
    else await this.writeAlone(round, writes, outcomes);
  }

  private async writeTogether(round: RoundStates, writes: readonly RowWrite[], outcomes: Outcomes): Promise<void> {
    const sent = this.batch.apply(round.tenantId, writes).finally(() => writes.forEach((write) => round.wrote(write.state)));
    const applied = await sent.catch((error: unknown) => {
      // Each write goes alone instead, with the same decision and request id: QBO replays what the batch already did.
      this.logger.error({ tenantId: round.tenantId, rows: writes.length, error: messageOf(error) }, 'sending changes together failed unexpectedly; they go one by one');
      return null;
    });
    if (applied === null) return this.writeAlone(round, writes, outcomes);
    for (const write of writes) outcomes.set(write.row, await this.guarded(write.row, () => this.delivery.finish(round, write.state, write.decision, applied.get(write)!)));
  }

  private async writeAlone(round: RoundStates, writes: readonly RowWrite[], outcomes: Outcomes): Promise<void> {
    for (const { row, state, decision } of writes) {
      const outcome = await this.guarded(row, () => this.delivery.carryOut(round, state, decision, {}));
      outcomes.set(row, outcome);
      if (outcome.kind === 'held') return;
    }
  }

  private async deliverRow(round: RoundStates, row: ClaimedChange): Promise<DeliveryOutcome> {
    if (round.wasDelivered(row)) return { kind: 'delivered' };
    return this.guarded(row, async () => this.delivery.deliver(round, await round.of(addressOf(row))));
  }

  /** A row that throws (a bug, a database hiccup) is retried later with backoff; it never stops the rest of the round. */
  private async guarded<T extends DeliveryOutcome | void>(row: ClaimedChange, work: () => Promise<T>): Promise<T | DeliveryOutcome> {
    try {
      return await work();
    } catch (error) {
      return this.unexpected(row, error);
    }
  }

  private unexpected(row: ClaimedChange, error: unknown): DeliveryOutcome {
    const what = messageOf(error);
    this.logger.error({ tenantId: row.tenantId, outboxId: row.id, kind: row.kind, hostId: row.hostId, error: what }, 'delivering one change failed unexpectedly; it is retried later');
    return { kind: 'retry', reason: `An unexpected error stopped this change (${what}); it is tried again later.` };
  }

  /** The connection broke: every row not settled yet goes back untouched, in order. */
  private heldAll(rows: readonly ClaimedChange[], outcomes: Outcomes): boolean {
    const held = [...outcomes.values()].find((outcome) => outcome.kind === 'held');
    if (!held) return false;
    for (const row of rows) if (!outcomes.has(row)) outcomes.set(row, held);
    return true;
  }
}

const addressOf = (row: ClaimedChange): RecordAddress => ({ tenantId: row.tenantId, kind: row.kind, hostId: row.hostId, outboxId: row.id });

/** Only the first line, kept short: enough to act on, never a dump of what the error carried. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
