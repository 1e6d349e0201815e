import { ArmedRefusals } from './armed-refusals';
import { Ledger } from './books/ledger';
import { DEFAULT_TIME_ZONE } from './qbo-time';
import type { SalesTaxMode } from './tax/sales-tax-mode';
import { ID_SPACE, type Body, type EmulatedEntity, type StoredRecord } from './emulated-entity';

/** What the realm answered to a request carrying a `requestid`, replayed verbatim on a repeat. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly operation: string | null;
  readonly requestid: string | null;
  readonly status: number;
  readonly time: string;
  /** true when the answer came from the requestid replay store, not from a new write. */
  readonly replayed: boolean;
  /** true when the connection was dropped instead of answered (fault injection). */
  readonly dropped: boolean;
}

/** QBO compares names case-insensitively and ignores surrounding spaces (choice: stricter than exact match). */
export const normaliseName = (name: string): string => name.normalize('NFC').trim().toLowerCase();

/** One QBO company: its entities, the indexes that keep uniqueness checks O(1), its requestid memory and request log. */
export class RealmStore {
  private readonly nextIds = new Map<string, number>();
  private nextDocNumber = 1001;
  private readonly tables = new Map<EmulatedEntity, Map<string, StoredRecord>>();
  /** DisplayName space shared by Customer, Vendor and Employee; inactive names included. */
  readonly peopleNames = new Map<string, StoredRecord>();
  readonly itemNames = new Map<string, StoredRecord>();
  readonly accountNames = new Map<string, StoredRecord>();
  /** `<entity>:<normalised DocNumber>` → transaction. */
  readonly docNumbers = new Map<string, StoredRecord>();
  /** invoice id → (payment id → applied cents). */
  readonly applications = new Map<string, Map<string, number>>();
  readonly responses = new Map<string, StoredResponse>();
  readonly ledger = new Ledger();
  /** How the company charges sales tax (set when it is created). */
  salesTax: SalesTaxMode = 'off';
  /** The company's time zone (IANA name): every time and default date QBO gives is in it. */
  timeZone = DEFAULT_TIME_ZONE;
  /** The tax code sales use by default: AST's, or TaxPrefs.TaxGroupCodeRef of a manual company. */
  defaultTaxCodeId: string | undefined;
  /** tax agency id → the liability account the tax charged on sales is owed in. */
  readonly taxLiabilities = new Map<string, string>();
  /** The last Id given to an address (QBO numbers addresses in a sequence of their own). */
  private lastAddressId = 0;
  /** payment id → the deposit it is in. */
  readonly depositOfPayment = new Map<string, string>();
  /** `<entity>:<parent id>` → ids of the records whose ParentRef names it (sub-accounts, jobs). */
  private readonly children = new Map<string, Set<string>>();
  /** Raised by every write; lets a query reuse its last match list while nothing changed. */
  version = 0;
  /** The books' closing date (`YYYY-MM-DD`): transactions dated on or before it are refused with 6210. */
  closedThrough: string | null = null;
  /** Refusals a test armed for the next writes of an entity (control API `POST /__emulator/refusals`). */
  readonly refusals = new ArmedRefusals();
  queryCache: { readonly key: string; readonly version: number; readonly matches: readonly StoredRecord[] } | undefined;
  readonly requests: RequestLogEntry[] = [];

  constructor(
    readonly realmId: string,
    public companyName: string,
    readonly createdAt: number,
  ) {}

  table(entity: EmulatedEntity): Map<string, StoredRecord> {
    let table = this.tables.get(entity);
    if (!table) {
      table = new Map();
      this.tables.set(entity, table);
    }
    return table;
  }

  get(entity: EmulatedEntity, id: string): StoredRecord | undefined {
    return this.tables.get(entity)?.get(id);
  }

  /** The next Id in the entity's own sequence (see ID_SPACE). */
  private takeId(entity: EmulatedEntity): string {
    const space = ID_SPACE[entity];
    const next = this.nextIds.get(space) ?? 1;
    this.nextIds.set(space, next + 1);
    return String(next);
  }

  insert(entity: EmulatedEntity, body: Body, now: number, id = this.takeId(entity)): StoredRecord {
    const record: StoredRecord = { entity, id, syncToken: 0, body, createdAt: now, updatedAt: now, deleted: false };
    this.table(entity).set(id, record);
    this.version += 1;
    return record;
  }

  /** The next automatic transaction number, skipping numbers already taken by hand. */
  takeDocNumber(entity: EmulatedEntity): string {
    let candidate = String(this.nextDocNumber++);
    while (this.docNumbers.has(docNumberKey(entity, candidate))) candidate = String(this.nextDocNumber++);
    return candidate;
  }

  takeAddressId(): string {
    this.lastAddressId += 1;
    return String(this.lastAddressId);
  }

  childrenOf(entity: EmulatedEntity, parentId: string): ReadonlySet<string> {
    return this.children.get(`${entity}:${parentId}`) ?? NO_CHILDREN;
  }

  /** Moves a record from the children of its old parent to those of its new one. */
  reparent(entity: EmulatedEntity, id: string, oldParent: string | undefined, newParent: string | undefined): void {
    if (oldParent === newParent) return;
    if (oldParent !== undefined) this.children.get(`${entity}:${oldParent}`)?.delete(id);
    if (newParent === undefined) return;
    const key = `${entity}:${newParent}`;
    let set = this.children.get(key);
    if (!set) this.children.set(key, (set = new Set()));
    set.add(id);
  }

  appliedTo(invoiceId: string): number {
    let total = 0;
    for (const cents of this.applications.get(invoiceId)?.values() ?? []) total += cents;
    return total;
  }
}

const NO_CHILDREN: ReadonlySet<string> = new Set();

export const docNumberKey = (entity: EmulatedEntity, docNumber: string): string => `${entity}:${normaliseName(docNumber)}`;
