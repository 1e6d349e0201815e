import { customerDisplayName } from '../../domain/customers/customer-to-qbo';
import { decideCustomer } from '../../domain/customers/decide-customer';
import type { HostCatalogItem, HostCustomer } from '../../domain/host/host-records';
import { decideItem } from '../../domain/items/decide-item';
import { matchExactly } from '../../domain/names/match-exactly';
import { normalizeName } from '../../domain/names/normalize-name';
import { acceptableQboName, qboNameKey } from '../../domain/names/qbo-name-rules';
import { adoptedLink } from '../../domain/sync/adopted-link';
import type { Link } from '../../domain/sync/link';
import type { SyncDecision } from '../../domain/sync/sync-decision';
import type { HostDirectory } from '../ports/host-directory.port';
import type { BatchTarget, JobRecordKind } from '../ports/job-store.port';
import type { LinkStore } from '../ports/link-store.port';
import type { QboBatchOperation } from '../ports/qbo-gateway.port';
import type { QboCandidate, QboNameIndex } from './qbo-name-index';

export interface PlannedCreate {
  readonly operation: QboBatchOperation;
  readonly target: BatchTarget;
}

export interface Refusal {
  readonly hostId: string;
  /** The record's name as the host shows it; null for a row that could not be read (then only its id names it). */
  readonly name: string | null;
  readonly reason: string;
}

/** How the initial sync reads, names and decides one kind of host record. */
export interface KindRules<H extends { readonly id: string }> {
  readonly kind: JobRecordKind;
  readonly entity: 'Customer' | 'Item';
  list(tenantId: string): AsyncIterable<H>;
  nameOf(record: H): string;
  decide(record: H, qboName: string): SyncDecision;
  /** What the delivery engine decides once the record is linked (an adopted exact match: only real differences). */
  decideLinked(record: H, link: Link): SyncDecision;
}

/** The links the plan reads: the store itself, or (for the preview) the store plus the adoptions not saved yet. */
export type LinkLookup = Pick<LinkStore, 'getMany'>;

/** What the first pass over one kind found: how many there are, how many were linked before, the exact matches. */
export interface KindSurvey {
  readonly kind: JobRecordKind;
  readonly total: number;
  readonly alreadyLinked: number;
  readonly adoptions: readonly { readonly link: Link; readonly name: string }[];
}

const pageSize = 500;

export const customerRules = (host: HostDirectory, tenantId: string): KindRules<HostCustomer> => ({
  kind: 'customer',
  entity: 'Customer',
  list: (tenant) => host.listCustomers(tenant),
  nameOf: customerDisplayName,
  decide: (customer, qboName) => decideCustomer(tenantId, customer, null, { qboName }),
  decideLinked: (customer, link) => decideCustomer(tenantId, customer, link),
});

/** `currency`: the QBO company's home currency, for money in a refusal's words (null: US dollars). */
export const itemRules = (host: HostDirectory, tenantId: string, incomeAccountId: string | null, currency: string | null = null): KindRules<HostCatalogItem> => ({
  kind: 'item',
  entity: 'Item',
  list: (tenant) => host.listItems(tenant),
  nameOf: (item) => item.name.trim(),
  decide: (item, qboName) => decideItem(tenantId, item, null, { incomeAccountId, qboName, currency }),
  decideLinked: (item, link) => decideItem(tenantId, item, link, { incomeAccountId, currency }),
});

/** A host stream in pages, each page with the ids already linked (one link read per page). */
async function* unlinkedPages<H extends { readonly id: string }>(
  rules: KindRules<H>,
  tenantId: string,
  links: LinkLookup,
): AsyncGenerator<{ readonly page: readonly H[]; readonly unlinked: readonly H[] }> {
  let page: H[] = [];
  const flush = async () => {
    const linked = await links.getMany(tenantId, rules.kind, page.map((record) => record.id));
    return { page, unlinked: page.filter((record) => !linked.has(record.id)) };
  };
  for await (const record of rules.list(tenantId)) {
    page.push(record);
    if (page.length >= pageSize) {
      yield await flush();
      page = [];
    }
  }
  if (page.length > 0) yield await flush();
}

/**
 * First pass: counts the kind and pairs every unlinked host record with the unlinked QBO record of the same name
 * (`matchExactly`, so ties pair as the match report shows them). Only host records whose name QBO has are held.
 */
export const surveyKind = async <H extends { readonly id: string }>(rules: KindRules<H>, tenantId: string, links: LinkLookup, index: QboNameIndex): Promise<KindSurvey> => {
  let total = 0;
  let unlinkedCount = 0;
  const candidates: { id: string; name: string }[] = [];
  for await (const { page, unlinked } of unlinkedPages(rules, tenantId, links)) {
    total += page.length;
    unlinkedCount += unlinked.length;
    if (index.freeCount === 0) continue;
    for (const record of unlinked) {
      const name = rules.nameOf(record);
      if (index.free.has(normalizeName(name))) candidates.push({ id: record.id, name });
    }
  }
  const qbo: QboCandidate[] = [...index.free.values()].flat();
  const adoptions = matchExactly(candidates, qbo).matched.map(({ host, qbo: match }) => ({
    name: host.name,
    link: adoptedLink(rules.kind, host.id, rules.entity, match.ref, match.hostOwned),
  }));
  return { kind: rules.kind, total, alreadyLinked: total - unlinkedCount, adoptions };
};

/**
 * Second pass, page by page in host-id order: a create for every record still unlinked, its name made acceptable
 * against the names taken so far (so the plan is the same after a restart), each when it is asked for; refusals go to
 * `refuse` at the end of each page.
 */
export async function* plannedCreates<H extends { readonly id: string }>(
  rules: KindRules<H>,
  tenantId: string,
  links: LinkLookup,
  taken: Set<string>,
  refuse: (refusals: readonly Refusal[]) => Promise<void>,
): AsyncGenerator<PlannedCreate> {
  for await (const { unlinked } of unlinkedPages(rules, tenantId, links)) {
    const refusals: Refusal[] = [];
    for (const record of unlinked) {
      const accepted = acceptableQboName(rules.nameOf(record), { entity: rules.entity, taken });
      taken.add(qboNameKey(accepted.name));
      const decision = rules.decide(record, accepted.name);
      if (decision.kind !== 'create') {
        refusals.push({ hostId: record.id, name: rules.nameOf(record), reason: 'reason' in decision ? decision.reason : `the rules gave "${decision.kind}" for a record never sent` });
        continue;
      }
      // Decided when a lane asks for it, not a page ahead: a page of drafts held while 500 records are sent outlived
      // the young generation and filled the old space with garbage (the 100,000-customer peak RSS).
      yield {
        operation: { operation: 'create', draft: decision.draft, requestId: decision.requestId },
        target: { kind: rules.kind, hostId: record.id, fingerprint: decision.fingerprint, pushed: decision.pushed, nameChanges: accepted.changes },
      };
    }
    if (refusals.length > 0) await refuse(refusals);
  }
}
