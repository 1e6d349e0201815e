import type { ActivityEntry, ActivityEntryInput, ActivityLog, ActivityPage, ActivityQuery } from '../../application/ports/activity-log.port';
import { activityPageLimit, activitySearchText, parseActivityCursor } from '../../application/ports/activity-log.port';

export class InMemoryActivityLog implements ActivityLog {
  private readonly entries: ActivityEntry[] = [];
  private nextId = 1;

  async record(entry: ActivityEntryInput): Promise<ActivityEntry> {
    const stored: ActivityEntry = { ...entry, id: String(this.nextId++), dismissedAt: null };
    this.entries.push(stored);
    return stored;
  }

  async recordMany(entries: readonly ActivityEntryInput[]): Promise<void> {
    for (const entry of entries) await this.record(entry);
  }

  async list(tenantId: string, query: ActivityQuery): Promise<ActivityPage> {
    const limit = activityPageLimit(query.limit);
    const before = parseActivityCursor(query.cursor);
    const search = activitySearchText(query.search);
    const matching: ActivityEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && matching.length <= limit; i--) {
      const entry = this.entries[i]!;
      if (entry.tenantId !== tenantId || (before !== null && Number(entry.id) >= before)) continue;
      if ((query.kind && entry.kind !== query.kind) || (query.outcome && entry.outcome !== query.outcome)) continue;
      if ((query.from !== undefined && entry.at < query.from) || (query.to !== undefined && entry.at >= query.to)) continue;
      if (search && ![entry.message, entry.hostId ?? '', entry.qboId ?? ''].some((text) => text.toLowerCase().includes(search))) continue;
      matching.push(entry);
    }
    const items = matching.slice(0, limit);
    return { items, nextCursor: matching.length > limit ? items[items.length - 1]!.id : null };
  }

  async get(tenantId: string, id: string): Promise<ActivityEntry | null> {
    return this.entries.find((entry) => entry.id === id && entry.tenantId === tenantId) ?? null;
  }

  async dismiss(tenantId: string, id: string, at: number): Promise<boolean> {
    const index = this.entries.findIndex((entry) => entry.id === id && entry.tenantId === tenantId);
    const entry = this.entries[index];
    if (!entry || entry.outcome !== 'failure' || entry.dismissedAt !== null) return false;
    this.entries[index] = { ...entry, dismissedAt: at };
    return true;
  }
}
