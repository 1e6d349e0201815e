import type { ActivityEntry, ActivityEntryInput, ActivityLog, ActivityPage, ActivityQuery } from '../../application/ports/activity-log.port';
import { activityPageLimit, parseActivityCursor } from '../../application/ports/activity-log.port';

export class InMemoryActivityLog implements ActivityLog {
  private readonly entries: ActivityEntry[] = [];
  private nextId = 1;

  async record(entry: ActivityEntryInput): Promise<ActivityEntry> {
    const stored: ActivityEntry = { ...entry, id: String(this.nextId++) };
    this.entries.push(stored);
    return stored;
  }

  async recordMany(entries: readonly ActivityEntryInput[]): Promise<void> {
    for (const entry of entries) await this.record(entry);
  }

  async list(tenantId: string, query: ActivityQuery): Promise<ActivityPage> {
    const limit = activityPageLimit(query.limit);
    const before = parseActivityCursor(query.cursor);
    const matching: ActivityEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && matching.length <= limit; i--) {
      const entry = this.entries[i]!;
      if (entry.tenantId !== tenantId || (before !== null && Number(entry.id) >= before)) continue;
      if ((query.kind && entry.kind !== query.kind) || (query.outcome && entry.outcome !== query.outcome)) continue;
      matching.push(entry);
    }
    const items = matching.slice(0, limit);
    return { items, nextCursor: matching.length > limit ? items[items.length - 1]!.id : null };
  }

  async get(tenantId: string, id: string): Promise<ActivityEntry | null> {
    return this.entries.find((entry) => entry.id === id && entry.tenantId === tenantId) ?? null;
  }
}
