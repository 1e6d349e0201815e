import type { Knex } from 'knex';
import type { SweepMark, SweepMarkStore } from '../../application/ports/sweep-mark-store.port';
import { deliveryTables } from './delivery-tables';

export class KnexSweepMarkStore implements SweepMarkStore {
  private readonly table: string;

  constructor(private readonly knex: Knex, prefix: string) {
    this.table = deliveryTables(prefix).sweeps;
  }

  async get(tenantId: string): Promise<SweepMark | null> {
    const row: { swept_at: number | string; full_pass_at: number | string } | undefined = await this.knex(this.table).where({ tenant_id: tenantId }).first();
    return row ? { sweptAt: Number(row.swept_at), fullPassAt: Number(row.full_pass_at) } : null;
  }

  async save(tenantId: string, mark: SweepMark): Promise<void> {
    await this.knex(this.table).insert({ tenant_id: tenantId, swept_at: mark.sweptAt, full_pass_at: mark.fullPassAt }).onConflict('tenant_id').merge(['swept_at', 'full_pass_at']);
  }
}
