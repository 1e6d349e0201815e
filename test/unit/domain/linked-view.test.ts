import { withLinks } from '../../../src/domain/names/linked-view';
import type { MatchReport } from '../../../src/domain/names/match-report';

const candidate = (id: string, name: string) => ({ id, name, email: null, phone: null, street: null });

describe('withLinks: step 1 once records are linked', () => {
  const report = {
    matched: [{ hostId: 'h1', hostName: 'Ann Lee', qboId: 'q1', qboName: 'Ann Lee' }],
    hostOnly: [candidate('h2', 'The Smiths'), candidate('h3', 'New Person')],
    qboOnly: [candidate('q2', 'John and Jane Smith'), candidate('q9', 'Refund'), candidate('q5', 'Only There')],
    nearMatches: [{ hostId: 'h2', hostName: 'The Smiths', qboId: 'q2', qboName: 'John and Jane Smith', score: 0.8, signals: ['same-surname'], reason: 'same surname' }],
    statusMismatches: [{ hostId: 'h1', qboId: 'q1', name: 'Ann Lee', hostActive: true, qboActive: false, fix: 'qbo', reason: 'inactive in QuickBooks' }],
    duplicates: [],
  } as unknown as MatchReport;

  it('leaves out what the links settled: linked host records, QBO records someone is linked to (the plugin\'s own "Refund" too), resolved pairs', () => {
    const view = withLinks(report, { byHostId: new Map([['h1', 'q1'], ['h2', 'q7'], ['qbo-sync:refund', 'q9']]) });
    expect(view.linked).toBe(3);
    expect(view.hostOnly.map((c) => c.name)).toEqual(['New Person']);
    expect(view.qboOnly.map((c) => c.name)).toEqual(['John and Jane Smith', 'Only There']);
    expect(view.nearMatches).toEqual([]);
    expect(view.statusMismatches).toEqual([]);
    expect(view.matched).toEqual(report.matched);
  });

  it('changes nothing before the first sync', () => {
    expect(withLinks(report, { byHostId: new Map() })).toEqual({ ...report, linked: 0, failed: [] });
  });

  it('lists records whose last delivery failed apart: out of the linked count and out of the waiting list', () => {
    const failure = (hostId: string, name: string) => ({ hostId, name, reason: 'QuickBooks rejected the change: …', at: 5, activityId: `a-${hostId}`, retryable: true });
    const view = withLinks(report, { byHostId: new Map([['h1', 'q1'], ['h2', 'q7']]) }, [failure('h1', 'Ann Lee'), failure('h3', 'New Person')]);
    expect(view.linked).toBe(1);
    expect(view.hostOnly).toEqual([]);
    expect(view.failed.map((record) => record.name)).toEqual(['Ann Lee', 'New Person']);
  });
});
