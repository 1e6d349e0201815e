import type { SweepMark, SweepMarkStore } from '../../application/ports/sweep-mark-store.port';

export class InMemorySweepMarkStore implements SweepMarkStore {
  private readonly marks = new Map<string, SweepMark>();

  async get(tenantId: string): Promise<SweepMark | null> {
    return this.marks.get(tenantId) ?? null;
  }

  async save(tenantId: string, mark: SweepMark): Promise<void> {
    this.marks.set(tenantId, { ...mark });
  }
}
