import type { QboBatchOperation, QboGateway } from '../../src/application/ports/qbo-gateway.port';
import type { QboChanges, QboDraft, QboNamedEntity, QboReadableEntity, QboRef, QboTransactionEntity } from '../../src/domain/qbo/qbo-records';

export class WorkerCrash extends Error {}

/**
 * The gateway as a worker process sees it; when armed, the process "dies" right after QBO applied the next write
 * and before anything else is stored — the worst moment for duplicates.
 */
export class CrashingGateway implements QboGateway {
  armed = false;
  /** Set by the crash: the "process" is gone, so nothing it still tries (QBO or its stores) may happen. */
  dead = false;

  constructor(private readonly inner: QboGateway) {}

  private async afterWrite<T>(write: Promise<T>): Promise<T> {
    this.stopIfDead();
    const result = await write;
    if (this.armed) {
      this.armed = false;
      this.dead = true;
      throw new WorkerCrash('the worker process died after QBO applied its write');
    }
    return result;
  }

  stopIfDead(): void {
    if (this.dead) throw new WorkerCrash('the worker process is dead');
  }

  create(tenantId: string, draft: QboDraft, requestId: string) {
    return this.afterWrite(this.inner.create(tenantId, draft, requestId));
  }
  update(tenantId: string, ref: QboRef, changes: QboChanges, requestId: string) {
    return this.afterWrite(this.inner.update(tenantId, ref, changes, requestId));
  }
  delete(tenantId: string, entity: QboTransactionEntity, ref: QboRef, requestId: string) {
    return this.afterWrite(this.inner.delete(tenantId, entity, ref, requestId));
  }
  void(tenantId: string, entity: 'Invoice' | 'Payment', ref: QboRef, requestId: string) {
    return this.afterWrite(this.inner.void(tenantId, entity, ref, requestId));
  }
  get<E extends QboReadableEntity>(tenantId: string, entity: E, id: string) {
    this.stopIfDead();
    return this.inner.get(tenantId, entity, id);
  }
  findByName<E extends QboNamedEntity>(tenantId: string, entity: E, name: string) {
    this.stopIfDead();
    return this.inner.findByName(tenantId, entity, name);
  }
  findByMarker<E extends QboTransactionEntity>(tenantId: string, entity: E, marker: string) {
    this.stopIfDead();
    return this.inner.findByMarker(tenantId, entity, marker);
  }
  list<E extends QboReadableEntity>(tenantId: string, entity: E) {
    return this.inner.list(tenantId, entity);
  }
  batch(tenantId: string, operations: readonly QboBatchOperation[]) {
    return this.afterWrite(this.inner.batch(tenantId, operations));
  }
  companyName(tenantId: string) {
    this.stopIfDead();
    return this.inner.companyName(tenantId);
  }
  salesTaxMode(tenantId: string) {
    this.stopIfDead();
    return this.inner.salesTaxMode(tenantId);
  }
  homeCurrency(tenantId: string) {
    this.stopIfDead();
    return this.inner.homeCurrency(tenantId);
  }
}

/**
 * A store as the dying worker sees it: once the crash happened every call throws, so a round that catches errors
 * per row still cannot store anything a dead process would not have stored.
 */
export const stopsWhenDead = <T extends object>(store: T, crashing: CrashingGateway): T =>
  new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        crashing.stopIfDead();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
