import { fieldChanges, type FieldChange } from '../../../domain/sync/field-changes';
import type { Link } from '../../../domain/sync/link';
import { ok, type Result } from '../../../domain/shared/result';
import type { ApplicationError } from '../../application-error';
import { customerRules, itemRules, plannedCreates, surveyKind, type KindRules, type LinkLookup, type Refusal } from '../../initial-sync/initial-sync-plan';
import { readQboNameIndex } from '../../initial-sync/qbo-name-index';
import type { HostDirectory } from '../../ports/host-directory.port';
import type { QboPageReads } from '../../setup/qbo-page-reads';
import { readHomeCurrencyForPage } from '../../setup/qbo-reads';
import type { JobRecordKind } from '../../ports/job-store.port';
import type { LinkStore } from '../../ports/link-store.port';
import type { QboGateway } from '../../ports/qbo-gateway.port';
import type { SettingsStore } from '../../ports/settings-store.port';

export namespace GetSyncPreview {
  /**
   * What the first sync does to one host record: `link` to the QBO record of the same name (then `changes` are the
   * fields the sync updates there, old → new), `create` it (under `qboName`, which differs from `name` when QBO's
   * rules made it), `not-sent` (refused, `reason` says why) or `linked-before` (already linked: the sync leaves it).
   */
  export interface Row {
    readonly kind: JobRecordKind;
    readonly hostId: string;
    readonly name: string;
    readonly action: 'link' | 'create' | 'not-sent' | 'linked-before';
    readonly qboId: string | null;
    readonly qboName: string | null;
    readonly changes: readonly FieldChange[];
    /** The QBO record ends up inactive though it is active now (`link`), or is created inactive (`create`). */
    readonly makesInactive: boolean;
    /** An inactive QBO record is made active again. */
    readonly makesActive: boolean;
    readonly nameChanges: readonly string[];
    readonly reason: string | null;
  }
  export interface Counts {
    readonly total: number;
    readonly link: number;
    readonly update: number;
    readonly create: number;
    readonly renamed: number;
    readonly makeInactive: number;
    readonly makeActive: number;
    readonly notSent: number;
    readonly linkedBefore: number;
  }
  export interface Output {
    readonly rows: readonly Row[];
    readonly counts: { readonly customer: Counts; readonly item: Counts };
    /** The QBO company's home currency (ISO 4217): the currency of every amount in `changes`. */
    readonly currency: string;
  }
}

const adoptionsView = (links: LinkStore, adopted: ReadonlyMap<string, Link>): LinkLookup => ({
  getMany: async (tenantId, kind, hostIds) => {
    const stored = new Map(await links.getMany(tenantId, kind, hostIds));
    for (const id of hostIds) {
      const link = adopted.get(id);
      if (link) stored.set(id, link);
    }
    return stored;
  },
});

const countsOf = (rows: readonly GetSyncPreview.Row[]): GetSyncPreview.Counts => ({
  total: rows.length,
  link: rows.filter((r) => r.action === 'link').length,
  update: rows.filter((r) => r.action === 'link' && r.changes.length > 0).length,
  create: rows.filter((r) => r.action === 'create').length,
  renamed: rows.filter((r) => r.action === 'create' && r.nameChanges.length > 0).length,
  makeInactive: rows.filter((r) => r.makesInactive).length,
  makeActive: rows.filter((r) => r.makesActive).length,
  notSent: rows.filter((r) => r.action === 'not-sent').length,
  linkedBefore: rows.filter((r) => r.action === 'linked-before').length,
});

/**
 * `GET /preview`: what Save & Sync's initial sync will do to every customer and item, computed by the job's own plan
 * (initial-sync-plan.ts: the same QBO name index, the same exact-match survey, the same planned creates with the same
 * names) without writing anything. An adopted pair's update is the delivery engine's decision against the adopted link.
 */
export class GetSyncPreview {
  constructor(
    private readonly host: HostDirectory,
    private readonly links: LinkStore,
    private readonly gateway: QboGateway,
    private readonly settings: SettingsStore,
    private readonly reads: QboPageReads,
  ) {}

  async execute(tenantId: string): Promise<Result<GetSyncPreview.Output, ApplicationError>> {
    const { incomeAccountId } = await this.settings.get(tenantId);
    const customers = await this.kind(customerRules(this.host, tenantId) as unknown as KindRules<{ id: string }>, tenantId);
    if (!customers.ok) return customers;
    const currency = await readHomeCurrencyForPage(this.reads, this.gateway, tenantId);
    if (!currency.ok) return currency;
    const items = await this.kind(itemRules(this.host, tenantId, incomeAccountId, currency.value) as unknown as KindRules<{ id: string }>, tenantId);
    if (!items.ok) return items;
    return ok({ rows: [...customers.value, ...items.value], counts: { customer: countsOf(customers.value), item: countsOf(items.value) }, currency: currency.value });
  }

  private async kind(rules: KindRules<{ id: string }>, tenantId: string): Promise<Result<GetSyncPreview.Row[], ApplicationError>> {
    const index = await readQboNameIndex(this.gateway, this.links, tenantId, rules.kind);
    if (!index.ok) return index;
    const qboNames = new Map<string, string>();
    for (const list of index.value.free.values()) for (const candidate of list) qboNames.set(candidate.id, candidate.name);
    const survey = await surveyKind(rules, tenantId, this.links, index.value);
    const adopted = new Map(survey.adoptions.map(({ link }) => [link.hostId, link]));
    const creates = new Map<string, { name: string; changes: readonly string[]; active: boolean }>();
    const refused = new Map<string, string>();
    const refuse = async (refusals: readonly Refusal[]) => {
      for (const r of refusals) refused.set(r.hostId, r.reason);
    };
    for await (const planned of plannedCreates(rules, tenantId, adoptionsView(this.links, adopted), new Set(index.value.taken), refuse)) {
      const fields = planned.target.pushed;
      const name = String(fields['displayName'] ?? fields['name'] ?? '');
      creates.set(planned.target.hostId, { name, changes: planned.target.nameChanges ?? [], active: fields['active'] !== false });
    }
    const rows: GetSyncPreview.Row[] = [];
    for await (const record of rules.list(tenantId)) {
      const base = { kind: rules.kind, hostId: record.id, name: rules.nameOf(record) };
      const link = adopted.get(record.id);
      const create = creates.get(record.id);
      if (link) rows.push({ ...base, ...this.linkRow(rules, record, link), qboName: qboNames.get(link.qboId) ?? null });
      else if (create) rows.push({ ...base, action: 'create', qboId: null, qboName: create.name, changes: [], makesInactive: !create.active, makesActive: false, nameChanges: create.changes, reason: null });
      else if (refused.has(record.id)) rows.push({ ...base, action: 'not-sent', qboId: null, qboName: null, changes: [], makesInactive: false, makesActive: false, nameChanges: [], reason: refused.get(record.id) ?? null });
      else rows.push({ ...base, action: 'linked-before', qboId: null, qboName: null, changes: [], makesInactive: false, makesActive: false, nameChanges: [], reason: null });
    }
    return ok(rows);
  }

  private linkRow(rules: KindRules<{ id: string }>, record: { id: string }, link: Link): Omit<GetSyncPreview.Row, 'kind' | 'hostId' | 'name' | 'qboName'> {
    const decision = rules.decideLinked(record, link);
    const row = { action: 'link' as const, qboId: link.qboId, nameChanges: [] as string[] };
    if (decision.kind !== 'update') {
      return { ...row, changes: [], makesInactive: false, makesActive: false, reason: decision.kind === 'rejected' ? decision.reason : null };
    }
    const sent = new Set(Object.keys(decision.changes.fields));
    const changes = fieldChanges(link.pushed, decision.pushed).filter((change) => sent.has(change.field));
    const active = changes.find((change) => change.field === 'active');
    return { ...row, changes, makesInactive: active?.to === 'inactive', makesActive: active?.to === 'active', reason: null };
  }
}
