import type { QboError } from '../../domain/qbo/qbo-error';
import type { QboAccountFields, QboReadableEntity, QboRecord, QboRecordOf, QboSalesTaxMode } from '../../domain/qbo/qbo-records';
import type { Result } from '../../domain/shared/result';
import type { InMemoryQboRefusal } from './in-memory-qbo.faults';

/** The chart of accounts a new QBO company starts with (the part the plugin uses), as the emulator has it. */
const defaultAccounts: readonly QboAccountFields[] = [
  { name: 'Checking', accountType: 'Bank', accountSubType: 'Checking', active: true },
  { name: 'Savings', accountType: 'Bank', accountSubType: 'Savings', active: true },
  { name: 'Undeposited Funds', accountType: 'Other Current Asset', accountSubType: 'UndepositedFunds', active: true },
  { name: 'Inventory Asset', accountType: 'Other Current Asset', accountSubType: 'Inventory', active: true },
  { name: 'Accounts Receivable (A/R)', accountType: 'Accounts Receivable', accountSubType: 'AccountsReceivable', active: true },
  { name: 'Services', accountType: 'Income', accountSubType: 'ServiceFeeIncome', active: true },
  { name: 'Sales of Product Income', accountType: 'Income', accountSubType: 'SalesOfProductIncome', active: true },
  { name: 'Refunds Given', accountType: 'Income', accountSubType: 'DiscountsRefundsGiven', active: true },
  { name: 'Cost of Goods Sold', accountType: 'Cost of Goods Sold', accountSubType: 'SuppliesMaterialsCogs', active: true },
];

/** QBO compares names after trimming, case-insensitively (qbo-api.md). */
export const nameKey = (name: string): string => name.normalize('NFC').trim().toLowerCase();

/**
 * One QBO company held in memory: records by entity (ids are one sequence for the whole company, as in QBO),
 * what each requestid was answered, and refusals queued by a test. Deleted records are gone, as in QBO's reads.
 */
export class InMemoryQboCompany {
  private nextId = 1;
  private nextDocNumber = 1001;
  private readonly tables = new Map<QboReadableEntity, Map<string, QboRecord>>();
  readonly answers = new Map<string, Result<unknown, QboError>>();
  readonly refusals: InMemoryQboRefusal[] = [];
  /** Preferences.TaxPrefs: a new company charges no sales tax until a test turns it on (`setSalesTax`). */
  salesTax: QboSalesTaxMode = 'off';
  /** ISO 4217 code; USD as a new US company has. */
  homeCurrency = 'USD';

  constructor(readonly companyName: string) {
    for (const fields of defaultAccounts) this.put({ entity: 'Account', ref: { id: this.newId(), syncToken: '0' }, fields });
  }

  newId(): string {
    return String(this.nextId++);
  }

  newDocNumber(taken: (candidate: string) => boolean): string {
    let candidate = String(this.nextDocNumber++);
    while (taken(candidate)) candidate = String(this.nextDocNumber++);
    return candidate;
  }

  get<E extends QboReadableEntity>(entity: E, id: string): QboRecordOf<E> | undefined {
    return this.table(entity).get(id) as QboRecordOf<E> | undefined;
  }

  /** Oldest first, by id. */
  all<E extends QboReadableEntity>(entity: E): QboRecordOf<E>[] {
    // Pseudo tax codes (TAX, NON) have ids that are not numbers: they come first, as QBO lists them.
    const order = (id: string): number => (/^\d+$/.test(id) ? Number(id) : -1);
    return [...this.table(entity).values()].sort((a, b) => order(a.ref.id) - order(b.ref.id)) as QboRecordOf<E>[];
  }

  put(record: QboRecord): void {
    this.table(record.entity).set(record.ref.id, record);
  }

  remove(entity: QboReadableEntity, id: string): void {
    this.table(entity).delete(id);
  }

  private table(entity: QboReadableEntity): Map<string, QboRecord> {
    let table = this.tables.get(entity);
    if (!table) this.tables.set(entity, (table = new Map()));
    return table;
  }
}
