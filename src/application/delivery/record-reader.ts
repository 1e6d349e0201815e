import type { HostRecordKind } from '../../domain/host/host-records';
import { REFUND_ITEM_HOST_ID } from '../../domain/items/refund-item';
import type { HostDirectory } from '../ports/host-directory.port';
import type { HostReadOf } from '../ports/host-read';
import type { LinkStore } from '../ports/link-store.port';
import type { WriteJournal } from '../ports/write-journal.port';
import type { RecordAddress } from './delivery-log';
import { recordKey, type RecordState } from './record-state';
import { RoundHostReads } from './round-host-reads';
import { RoundLinkReads } from './round-link-reads';

const noHostRow = { kind: 'missing' } as const;

/** Reads what delivery decides from: each record's host row, link and journal note, one query of each per kind. */
export class RecordReader {
  constructor(
    private readonly host: HostDirectory,
    private readonly links: LinkStore,
    private readonly journal: WriteJournal,
  ) {}

  /** Records of one kind, by key; every asked record has a state. Throws when any of the three reads fails. */
  async readKind<K extends HostRecordKind>(tenantId: string, kind: K, addresses: readonly RecordAddress[]): Promise<ReadonlyMap<string, RecordState>> {
    const ids = [...new Set(addresses.map((address) => address.hostId))];
    const hostIds = ids.filter((id) => !(kind === 'item' && id === REFUND_ITEM_HOST_ID));
    const [reads, links, notes, refusals] = await Promise.all([
      hostIds.length === 0 ? new Map<string, HostReadOf<K>>() : this.host.readMany(tenantId, kind, hostIds),
      this.links.getMany(tenantId, kind, ids),
      this.journal.getMany(tenantId, kind, ids),
      this.journal.refusalsOf(tenantId, kind, ids),
    ]);
    const states = new Map<string, RecordState>();
    for (const address of addresses) {
      const read = reads.get(address.hostId) ?? noHostRow;
      states.set(recordKey(address), { ...address, tenantId, kind, read, link: links.get(address.hostId) ?? null, note: notes.get(address.hostId) ?? null, refusals: refusals.get(address.hostId) ?? 0 } as RecordState);
    }
    return states;
  }

  /** What one round's decisions read of the records its rows name (ADR 0078): each read once in the round. */
  roundReads(tenantId: string): { readonly host: RoundHostReads; readonly links: RoundLinkReads } {
    return { host: new RoundHostReads(this.host, tenantId), links: new RoundLinkReads(this.links, tenantId) };
  }

  async read(address: RecordAddress): Promise<RecordState> {
    return (await this.readKind(address.tenantId, address.kind, [address])).get(recordKey(address))!;
  }
}
