import type { QboError } from '../../domain/qbo/qbo-error';
import { acceptableQboName, qboNameKey } from '../../domain/names/qbo-name-rules';
import { err, ok, type Result } from '../../domain/shared/result';
import type { QboGateway } from '../ports/qbo-gateway.port';

const maxProbes = 6;

/**
 * After QBO refused a name as taken: the domain's variant ("Maria Lopez (2)", then " (3)", …),
 * checked against what QBO holds so the next write does not collide again.
 */
export class NameResolver {
  constructor(private readonly gateway: QboGateway) {}

  async variantFor(tenantId: string, entity: 'Customer' | 'Item', name: string): Promise<Result<{ name: string; changes: readonly string[] }, QboError>> {
    const taken = new Set([qboNameKey(name)]);
    for (let probe = 0; probe < maxProbes; probe += 1) {
      const candidate = acceptableQboName(name, { entity, taken });
      const used = await this.isTaken(tenantId, entity, candidate.name);
      if (!used.ok) return used;
      if (!used.value) return ok(candidate);
      taken.add(qboNameKey(candidate.name));
    }
    return err({ kind: 'DuplicateName', message: `QuickBooks already uses "${name}" and ${maxProbes} numbered variants of it; rename the record in the app.` });
  }

  /** Customer names are unique across customers, vendors and employees in QBO. */
  private async isTaken(tenantId: string, entity: 'Customer' | 'Item', name: string): Promise<Result<boolean, QboError>> {
    const lists = entity === 'Item' ? (['Item'] as const) : (['Customer', 'Vendor', 'Employee'] as const);
    for (const list of lists) {
      const found = await this.gateway.findByName(tenantId, list, name);
      if (!found.ok) return found;
      if (found.value !== null) return ok(true);
    }
    return ok(false);
  }
}
