import type { QboBatchOperation, QboGateway } from '../../src/application/ports/qbo-gateway.port';
import type { QboChanges, QboDraft, QboNamedEntity, QboReadableEntity, QboRef, QboTransactionEntity } from '../../src/domain/qbo/qbo-records';
import type { PluginAdapters } from '../../src/plugin';

/**
 * Called when writes reach QBO: how many entities QBO accepted, at `performance.now()`, and the private notes of the
 * records it created (a transaction's `qbo-sync:<tenant>:<kind>:<hostId>` marker says which host record arrived).
 */
export type WriteObserver = (entities: number, at: number, createdNotes: readonly string[]) => void;

const noteOf = (draft: QboDraft): string | null => ('privateNote' in draft.fields ? draft.fields.privateNote : null);

/**
 * The real HTTP gateway with a witness on its writes, so a benchmark knows the moment QBO answered without polling
 * the emulator (polling would load the machine it measures).
 */
class ObservedGateway implements QboGateway {
  constructor(
    private readonly inner: QboGateway,
    private readonly observe: WriteObserver,
  ) {}

  private async seen<T extends { ok: boolean }>(result: Promise<T>, note: string | null = null): Promise<T> {
    const value = await result;
    if (value.ok) this.observe(1, performance.now(), note === null ? [] : [note]);
    return value;
  }

  create(tenantId: string, draft: QboDraft, requestId: string) {
    return this.seen(this.inner.create(tenantId, draft, requestId), noteOf(draft));
  }
  update(tenantId: string, ref: QboRef, changes: QboChanges, requestId: string) {
    return this.seen(this.inner.update(tenantId, ref, changes, requestId));
  }
  delete(tenantId: string, entity: QboTransactionEntity, ref: QboRef, requestId: string) {
    return this.seen(this.inner.delete(tenantId, entity, ref, requestId));
  }
  void(tenantId: string, entity: 'Invoice' | 'Payment', ref: QboRef, requestId: string) {
    return this.seen(this.inner.void(tenantId, entity, ref, requestId));
  }
  get<E extends QboReadableEntity>(tenantId: string, entity: E, id: string) {
    return this.inner.get(tenantId, entity, id);
  }
  findByName<E extends QboNamedEntity>(tenantId: string, entity: E, name: string) {
    return this.inner.findByName(tenantId, entity, name);
  }
  findByMarker<E extends QboTransactionEntity>(tenantId: string, entity: E, marker: string) {
    return this.inner.findByMarker(tenantId, entity, marker);
  }
  list<E extends QboReadableEntity>(tenantId: string, entity: E) {
    return this.inner.list(tenantId, entity);
  }
  async batch(tenantId: string, operations: readonly QboBatchOperation[]) {
    const results = await this.inner.batch(tenantId, operations);
    const accepted = results.filter((result) => result.ok).length;
    const notes = operations.flatMap((operation, n) => (operation.operation === 'create' && results[n]?.ok ? [noteOf(operation.draft)] : [])).filter((note): note is string => note !== null);
    if (accepted > 0) this.observe(accepted, performance.now(), notes);
    return results;
  }
  companyName(tenantId: string) {
    return this.inner.companyName(tenantId);
  }
  salesTaxMode(tenantId: string) {
    return this.inner.salesTaxMode(tenantId);
  }
  homeCurrency(tenantId: string) {
    return this.inner.homeCurrency(tenantId);
  }
}

/** For the plugin's `adapters`: the gateway every use case gets is the standard one, observed. */
export const observeGateway = (observe: WriteObserver): PluginAdapters => ({ qboGateway: (standard) => new ObservedGateway(standard, observe) });
