import fc from 'fast-check';
import { cameFromWrongCompany, resetLinksView, resetNotice } from '../../../src/adapters/http/page/assets/reset-state.js';

const disconnected = { status: 'disconnected', realmId: null, companyName: null, reason: null };
const connected = { status: 'connected', realmId: '9130', companyName: 'Blue Lagoon', reason: null };
const needsReconnect = { status: 'needs_reconnect', realmId: '9130', companyName: 'Blue Lagoon', reason: 'Revoked.' };
const linked = { enabled: false, enabledAt: 1_767_225_600_000, job: null };
const neverSetUp = { enabled: false, enabledAt: null, job: null };

describe('resetting the links, as the connection card offers it', () => {
  it('after a wrong-company refusal while disconnected: a banner with both choices, no disconnect needed', () => {
    const view = resetLinksView(disconnected, linked, true);
    expect(view.banner).toMatch(/^QuickBooks was not connected: your records are linked to a different QuickBooks company/);
    expect(view.banner).toMatch(/pick the original company, or reset the links/);
    expect(view).toMatchObject({ reconnectLabel: 'Connect to the original company', showReset: false, disconnectFirst: false });
  });

  it('after Save & Sync said different_company while connected: the banner, and the reset disconnects first', () => {
    for (const connection of [connected, needsReconnect]) {
      const view = resetLinksView(connection, null, true);
      expect(view.banner).toMatch(/^Your records are linked to a different QuickBooks company than the one connected now/);
      expect(view).toMatchObject({ reconnectLabel: 'Reconnect to the original company', showReset: false, disconnectFirst: true });
    }
  });

  it('without a refusal: offered only while disconnected with records linked to a company', () => {
    expect(resetLinksView(disconnected, linked, false)).toEqual({ banner: null, reconnectLabel: 'Connect to the original company', showReset: true, disconnectFirst: false });
    expect(resetLinksView(disconnected, neverSetUp, false).showReset).toBe(false);
    expect(resetLinksView(disconnected, null, false).showReset).toBe(false);
    expect(resetLinksView(connected, linked, false).showReset).toBe(false);
    expect(resetLinksView(undefined, undefined, false)).toMatchObject({ banner: null, showReset: false, disconnectFirst: false });
  });

  it('never offers a reset the API would refuse without disconnecting first, and always offers one after a refusal', () => {
    const connections = fc.constantFrom<{ status?: string } | null | undefined>(disconnected, connected, needsReconnect, null, undefined, {});
    const statuses = fc.oneof(fc.constant(null), fc.record({ enabledAt: fc.oneof(fc.constant(null), fc.nat(), fc.constant('x')) }));
    fc.assert(
      fc.property(connections, statuses, fc.boolean(), (connection, status, wrongCompany) => {
        const view = resetLinksView(connection, status, wrongCompany);
        const isDisconnected = (connection?.status ?? 'disconnected') === 'disconnected';
        expect(view.disconnectFirst).toBe(!isDisconnected);
        // One way to reset is visible after a refusal (the banner's button), and only one at a time.
        expect(view.banner !== null).toBe(wrongCompany);
        if (view.showReset) expect([view.banner, view.disconnectFirst]).toEqual([null, false]);
      }),
    );
  });

  it('reads the marker the callback page leaves in the link back', () => {
    expect(cameFromWrongCompany('?wrong_company=1')).toBe(true);
    expect(cameFromWrongCompany('?connected=1&wrong_company=1')).toBe(true);
    expect(cameFromWrongCompany('')).toBe(false);
    expect(cameFromWrongCompany('?wrong_company=0')).toBe(false);
  });

  it('says how many links were forgotten, that nothing was deleted, and what comes next', () => {
    expect(resetNotice({ removedLinks: 1 })).toBe('The links are reset: 1 link forgotten, nothing deleted. Connect to QuickBooks, choose the accounts and turn the sync on again.');
    expect(resetNotice({ removedLinks: 12 })).toMatch(/^The links are reset: 12 links forgotten/);
    expect(resetNotice(null)).toMatch(/^The links are reset: 0 links forgotten/);
    expect(resetNotice({ removedLinks: -3 })).toMatch(/: 0 links/);
  });
});
