import { desiredQboActive, statusMismatches } from '../../../src/domain/status/status-parity';

describe('status parity', () => {
  it('wants QBO active exactly when the host record is active', () => {
    expect(desiredQboActive({ isActive: true })).toBe(true);
    expect(desiredQboActive({ isActive: false })).toBe(false);
  });

  it('reports matched pairs whose flags differ, with the side to fix', () => {
    const report = statusMismatches([
      { hostId: '1', qboId: '51', name: 'Maria Lopez', hostActive: true, qboActive: true },
      { hostId: '2', qboId: '52', name: 'The Smiths', hostActive: false, qboActive: true },
      { hostId: '3', qboId: '53', name: 'Kevin Park', hostActive: true, qboActive: false },
    ]);
    expect(report.map((m) => [m.hostId, m.fix])).toEqual([['2', 'qbo'], ['3', 'host']]);
    expect(report[0]?.reason).toBe('"The Smiths" is inactive in the app but active in QuickBooks: the sync will make it inactive in QuickBooks.');
  });
});
