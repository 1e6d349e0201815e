import type { TenantSettings } from '../ports/settings-store.port';
import type { RecordAddress } from './delivery-log';
import type { RecordReader } from './record-reader';
import { recordKey, type RecordState } from './record-state';

type RecordRef = Parameters<typeof recordKey>[0];

/**
 * What one delivery round knows: the tenant's settings and the records read at its start. A record this round has
 * begun to deliver (a row, or a dependency of one) may have changed, so it is read again when asked for once more.
 * `reads` is what its decisions read of the records they name, each once (ADR 0078), forgotten on the same terms.
 */
export class RoundStates {
  private readonly states = new Map<string, RecordState>();
  private readonly touched = new Set<string>();
  private readonly delivered = new Set<string>();
  private readonly deciding = new Set<string>();
  private readonly claimed = new Set<string>();
  readonly reads: ReturnType<RecordReader['roundReads']>;

  constructor(
    private readonly reader: RecordReader,
    readonly tenantId: string,
    readonly settings: TenantSettings,
  ) {
    this.reads = reader.roundReads(tenantId);
  }

  remember(states: ReadonlyMap<string, RecordState>): void {
    for (const [key, state] of states) {
      this.states.set(key, this.inCurrency(state));
      if (state.tenantId !== this.tenantId) continue;
      this.reads.host.remember(state);
      this.reads.links.remember(state);
    }
  }

  /** The record as read this round, for the row (or dependency) at `address`. */
  async of(address: RecordAddress): Promise<RecordState> {
    const key = recordKey(address);
    const known = this.states.get(key);
    if (known && !this.touched.has(key)) return { ...known, outboxId: address.outboxId };
    return this.inCurrency(await this.reader.read(address));
  }

  /** Every state of the round names its money in the company's currency. */
  private inCurrency(state: RecordState): RecordState {
    return { ...state, currency: this.settings.homeCurrency };
  }

  touch(record: RecordRef): void {
    this.touched.add(recordKey(record));
    this.reads.host.forget(record);
    this.reads.links.forget(record);
  }

  /** A write of the record was sent (or may have been): its link as the round's decisions read it is forgotten. */
  wrote(record: RecordRef): void {
    this.reads.links.forget(record);
  }

  markDelivered(record: RecordRef): void {
    this.delivered.add(recordKey(record));
  }

  /** Being delivered now, or a row of this round still to come: decided after the writes before it, so queuing it again for them is idle. */
  startDeciding(record: RecordRef): void {
    this.deciding.add(recordKey(record));
  }

  doneDeciding(record: RecordRef): void {
    this.deciding.delete(recordKey(record));
  }

  isDeciding(record: RecordRef): boolean {
    return this.deciding.has(recordKey(record));
  }

  /** A row of this round: its host row was committed before the round decided any record. */
  claim(record: RecordRef): void {
    this.claimed.add(recordKey(record));
  }

  /**
   * Whether an invoice was delivered earlier in this round while `written`, a row of this round, was already among the
   * host's rows. An invoice is decided from its payments' host rows, not their links (what lowers its applications
   * goes before it is lowered), so a look at it for that payment's write would decide from what it was decided from.
   * Other records are not: a payment's lines name its refunds' links, which their writes make.
   */
  decidedWith(related: RecordRef, written: RecordRef): boolean {
    return related.kind === 'invoice' && this.delivered.has(recordKey(related)) && this.claimed.has(recordKey(written));
  }

  /** Delivered earlier in this round, after every row of it was claimed: QBO already holds its current state. */
  wasDelivered(record: RecordRef): boolean {
    return this.delivered.has(recordKey(record));
  }
}
