import type { QboError } from '../../domain/qbo/qbo-error';
import type {
  QboChanges,
  QboDraft,
  QboNamedEntity,
  QboReadableEntity,
  QboRecord,
  QboRecordOf,
  QboRef,
  QboSalesTaxMode,
  QboTransactionEntity,
} from '../../domain/qbo/qbo-records';
import type { Result } from '../../domain/shared/result';

/** One operation of a batch; `requestId` is the same deterministic id a single call would carry. */
export type QboBatchOperation =
  | { readonly operation: 'create'; readonly draft: QboDraft; readonly requestId: string }
  | { readonly operation: 'update'; readonly ref: QboRef; readonly changes: QboChanges; readonly requestId: string };

/**
 * A create's result. `answered` is true when the ref is QBO's own answer to this create (or its replay by
 * requestid). Without it the record may have been found by name or marker after a lost answer, and so may
 * belong to another host record: delivery then checks who owns it before linking it.
 */
export interface QboCreated extends QboRef {
  readonly answered?: boolean;
}

/**
 * The plugin's only way to QuickBooks Online. Every call is for one tenant; the adapter finds that tenant's
 * realm and tokens itself, refreshes them, paces itself under the realm's limits and retries what is worth retrying.
 */
export const QboGateway = Symbol('qbo-sync.QboGateway');
export interface QboGateway {
  create(tenantId: string, draft: QboDraft, requestId: string): Promise<Result<QboCreated, QboError>>;
  /** A sparse update with the SyncToken of `ref`: only the fields present change. */
  update(tenantId: string, ref: QboRef, changes: QboChanges, requestId: string): Promise<Result<QboRef, QboError>>;
  delete(tenantId: string, entity: QboTransactionEntity, ref: QboRef, requestId: string): Promise<Result<void, QboError>>;
  void(tenantId: string, entity: 'Invoice' | 'Payment', ref: QboRef, requestId: string): Promise<Result<QboRef, QboError>>;
  get<E extends QboReadableEntity>(tenantId: string, entity: E, id: string): Promise<Result<QboRecordOf<E>, QboError>>;
  /** Active or not; names compare as QBO compares them (case-insensitively). */
  findByName<E extends QboNamedEntity>(tenantId: string, entity: E, name: string): Promise<Result<QboRecordOf<E> | null, QboError>>;
  /** The transaction whose PrivateNote carries `marker` whole (`carriesMarker`: payment 2's is not in payment 23's), to settle an uncertain write. */
  findByMarker<E extends QboTransactionEntity>(tenantId: string, entity: E, marker: string): Promise<Result<QboRecordOf<E> | null, QboError>>;
  /** Every record of a list entity, inactive included, read page by page. Throws a QboFailure when QBO cannot be read. */
  list<E extends QboReadableEntity>(tenantId: string, entity: E): AsyncIterable<QboRecordOf<E>>;
  /** Up to 30 independent operations; one result per operation, in the same order. */
  batch(tenantId: string, operations: readonly QboBatchOperation[]): Promise<readonly Result<QboRef, QboError>[]>;
  companyName(tenantId: string): Promise<Result<string, QboError>>;
  /**
   * How the company charges sales tax, from Preferences.TaxPrefs: `UsingSalesTax` false is off; `PartnerTaxEnabled`
   * true is automated sales tax (Intuit, "Manage sales tax for US locales"); otherwise manual codes and rates.
   */
  salesTaxMode(tenantId: string): Promise<Result<QboSalesTaxMode, QboError>>;
  /**
   * The company's home currency as an ISO 4217 code ("USD", "CAD"), from Preferences.CurrencyPrefs.HomeCurrency: the
   * currency every amount the plugin sends is in, so the page shows money in it.
   */
  homeCurrency(tenantId: string): Promise<Result<string, QboError>>;
}

/** Thrown by `list` (an iterator cannot return a Result); carries the same typed error. */
export class QboFailure extends Error {
  constructor(readonly error: QboError) {
    super(error.message);
    this.name = 'QboFailure';
  }
}

export type { QboRecord };
