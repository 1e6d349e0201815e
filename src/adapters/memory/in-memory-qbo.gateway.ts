import { QboFailure, type QboBatchOperation, type QboCreated, type QboGateway } from '../../application/ports/qbo-gateway.port';
import type { QboError } from '../../domain/qbo/qbo-error';
import type {
  QboAccountFields,
  QboChanges,
  QboDraft,
  QboNamedEntity,
  QboNameRecordFields,
  QboReadableEntity,
  QboRecordOf,
  QboRef,
  QboSalesTaxMode,
  QboTransactionEntity,
} from '../../domain/qbo/qbo-records';
import { err, ok, type Result } from '../../domain/shared/result';
import { carriesMarker } from '../../domain/sync/private-note';
import { InMemoryQboCompany } from './in-memory-qbo.company';
import { notFound, refusal, type InMemoryQboRefusal } from './in-memory-qbo.faults';
import { checkName, nameHolder } from './in-memory-qbo.rules';
import { createIn, deleteIn, present, updateIn, voidIn } from './in-memory-qbo.writes';

const maxBatch = 30;
const pageSize = 1000;

/**
 * QuickBooks Online in memory, one company per tenant, with the rules the plugin depends on: string ids and
 * SyncTokens, shared name uniqueness, stale SyncTokens, requestid replay, invoice balances from payments.
 * A tenant's company opens on first use (`open` names it); `refuseNext` stands in for QBO being unreachable.
 */
export class InMemoryQboGateway implements QboGateway {
  private readonly companies = new Map<string, InMemoryQboCompany>();
  private writes = 0;

  /** Opens (or re-opens) the tenant's company, e.g. to give it a name. */
  open(tenantId: string, companyName = `Company of ${tenantId}`): void {
    if (!this.companies.has(tenantId)) this.companies.set(tenantId, new InMemoryQboCompany(companyName));
  }

  /** The next `count` calls for the tenant answer this refusal (a `list` throws it as a QboFailure). */
  refuseNext(tenantId: string, kind: InMemoryQboRefusal, count = 1): void {
    for (let i = 0; i < count; i += 1) this.company(tenantId).refusals.push(kind);
  }

  /** A record someone typed into QBO: vendors and employees hold names too; accounts feed items and payments. */
  seed(tenantId: string, entity: 'Vendor' | 'Employee', fields: QboNameRecordFields): QboRef;
  seed(tenantId: string, entity: 'Account', fields: QboAccountFields): QboRef;
  seed(tenantId: string, entity: 'Vendor' | 'Employee' | 'Account', fields: QboNameRecordFields | QboAccountFields): QboRef {
    const company = this.company(tenantId);
    if (entity !== 'Account') {
      const checked = checkName(company, entity, (fields as QboNameRecordFields).displayName);
      if (!checked.ok) throw new Error(checked.error.message);
    }
    const ref = { id: company.newId(), syncToken: '0' };
    company.put({ entity, ref, fields } as QboRecordOf<typeof entity>);
    return ref;
  }

  /**
   * Turns the company's sales tax on (automated or manual) or off, as Preferences.TaxPrefs says it. Every company lists
   * the pseudo codes TAX and NON; one with sales tax has a code grouping its rates ("Sales Tax"), whose ref is returned.
   */
  setSalesTax(tenantId: string, mode: QboSalesTaxMode): QboRef | null {
    const company = this.company(tenantId);
    company.salesTax = mode;
    for (const name of ['TAX', 'NON']) {
      if (!company.get('TaxCode', name)) company.put({ entity: 'TaxCode', ref: { id: name, syncToken: '0' }, fields: { name, active: true, taxGroup: false } });
    }
    if (mode === 'off') return null;
    const existing = company.all('TaxCode').find((code) => code.fields.taxGroup);
    if (existing) return existing.ref;
    const ref = { id: company.newId(), syncToken: '0' };
    company.put({ entity: 'TaxCode', ref, fields: { name: 'Sales Tax', active: true, taxGroup: true } });
    return ref;
  }

  /** How many writes were applied (replays not counted): lets a test tell a replay from a second write. */
  get writeCount(): number {
    return this.writes;
  }

  async create(tenantId: string, draft: QboDraft, requestId: string): Promise<Result<QboCreated, QboError>> {
    const created = await this.write(tenantId, requestId, (company) => createIn(company, draft));
    // Always the company's own answer: in memory, no answer is ever lost.
    return created.ok ? ok({ ...created.value, answered: true }) : created;
  }

  update(tenantId: string, ref: QboRef, changes: QboChanges, requestId: string): Promise<Result<QboRef, QboError>> {
    return this.write(tenantId, requestId, (company) => updateIn(company, ref, changes));
  }

  delete(tenantId: string, entity: QboTransactionEntity, ref: QboRef, requestId: string): Promise<Result<void, QboError>> {
    return this.write(tenantId, requestId, (company) => deleteIn(company, entity, ref));
  }

  void(tenantId: string, entity: 'Invoice' | 'Payment', ref: QboRef, requestId: string): Promise<Result<QboRef, QboError>> {
    return this.write(tenantId, requestId, (company) => voidIn(company, entity, ref));
  }

  async get<E extends QboReadableEntity>(tenantId: string, entity: E, id: string): Promise<Result<QboRecordOf<E>, QboError>> {
    return this.read(tenantId, (company) => {
      const record = company.get(entity, id);
      return record ? ok(present(company, record)) : err(notFound(entity, id));
    });
  }

  async findByName<E extends QboNamedEntity>(tenantId: string, entity: E, name: string): Promise<Result<QboRecordOf<E> | null, QboError>> {
    return this.read(tenantId, (company) => {
      const holder = nameHolder(company, entity, name);
      return ok(holder?.entity === entity ? (holder as QboRecordOf<E>) : null);
    });
  }

  async findByMarker<E extends QboTransactionEntity>(tenantId: string, entity: E, marker: string): Promise<Result<QboRecordOf<E> | null, QboError>> {
    return this.read(tenantId, (company) => {
      const match = company.all(entity).reverse().find((record) => carriesMarker((record as QboRecordOf<QboTransactionEntity>).fields.privateNote, marker));
      return ok(match ? present(company, match) : null);
    });
  }

  async *list<E extends QboReadableEntity>(tenantId: string, entity: E): AsyncIterable<QboRecordOf<E>> {
    // Page by page like QBO: each page is read when reached, so a write between pages shows in later ones.
    for (let start = 0; ; start += pageSize) {
      const page = await this.read(tenantId, (company) => ok(company.all(entity).slice(start, start + pageSize).map((record) => present(company, record))));
      if (!page.ok) throw new QboFailure(page.error);
      yield* page.value;
      if (page.value.length < pageSize) return;
    }
  }

  async batch(tenantId: string, operations: readonly QboBatchOperation[]): Promise<readonly Result<QboRef, QboError>[]> {
    if (operations.length === 0) return [];
    if (operations.length > maxBatch) throw new Error(`A QBO batch holds at most ${maxBatch} operations, not ${operations.length}.`);
    const refused = this.takeRefusal(tenantId);
    if (refused) return operations.map(() => err(refused));
    const results: Result<QboRef, QboError>[] = [];
    for (const operation of operations) {
      results.push(
        operation.operation === 'create'
          ? await this.write(tenantId, operation.requestId, (company) => createIn(company, operation.draft))
          : await this.update(tenantId, operation.ref, operation.changes, operation.requestId),
      );
    }
    return results;
  }

  async companyName(tenantId: string): Promise<Result<string, QboError>> {
    return this.read(tenantId, (company) => ok(company.companyName));
  }

  async salesTaxMode(tenantId: string): Promise<Result<QboSalesTaxMode, QboError>> {
    return this.read(tenantId, (company) => ok(company.salesTax));
  }

  async homeCurrency(tenantId: string): Promise<Result<string, QboError>> {
    return this.read(tenantId, (company) => ok(company.homeCurrency));
  }

  /** Sets the company's home currency (ISO 4217), as Preferences.CurrencyPrefs.HomeCurrency says it. */
  setHomeCurrency(tenantId: string, code: string): void {
    if (!/^[A-Z]{3}$/.test(code)) throw new Error(`A home currency is an ISO 4217 code such as USD or CAD, not "${code}".`);
    this.company(tenantId).homeCurrency = code;
  }

  private company(tenantId: string): InMemoryQboCompany {
    this.open(tenantId);
    return this.companies.get(tenantId) as InMemoryQboCompany;
  }

  private takeRefusal(tenantId: string): QboError | null {
    const kind = this.company(tenantId).refusals.shift();
    return kind ? refusal(kind) : null;
  }

  private async read<T>(tenantId: string, run: (company: InMemoryQboCompany) => Result<T, QboError>): Promise<Result<T, QboError>> {
    const refused = this.takeRefusal(tenantId);
    return refused ? err(refused) : run(this.company(tenantId));
  }

  /** QBO answers a repeated requestid with its first answer, refusals included, and writes nothing again. */
  private async write<T>(tenantId: string, requestId: string, run: (company: InMemoryQboCompany) => Result<T, QboError>): Promise<Result<T, QboError>> {
    const refused = this.takeRefusal(tenantId);
    if (refused) return err(refused);
    const company = this.company(tenantId);
    const answered = company.answers.get(requestId);
    if (answered) return answered as Result<T, QboError>;
    const result = run(company);
    if (result.ok) this.writes += 1;
    company.answers.set(requestId, result);
    return result;
  }
}
