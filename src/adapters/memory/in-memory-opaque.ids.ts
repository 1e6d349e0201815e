import { randomBytes } from 'node:crypto';
import type { OpaqueIdKind, OpaqueIds } from '../../application/ports/opaque-ids.port';
import { compositeKey } from '../../domain/shared/composite-key';

/** Random 128-bit names, remembered in a map both ways: opaque because nothing is derived from the id at all. */
export class InMemoryOpaqueIds implements OpaqueIds {
  private readonly sealed = new Map<string, string>();
  private readonly opened = new Map<string, string>();

  seal(tenantId: string, kind: OpaqueIdKind, id: string): string {
    const key = compositeKey([tenantId, kind, id]);
    let name = this.sealed.get(key);
    if (!name) {
      name = randomBytes(16).toString('base64url');
      this.sealed.set(key, name);
      this.opened.set(compositeKey([tenantId, kind, name]), id);
    }
    return name;
  }

  open(tenantId: string, kind: OpaqueIdKind, sealed: string): string | null {
    return this.opened.get(compositeKey([tenantId, kind, sealed])) ?? null;
  }
}
