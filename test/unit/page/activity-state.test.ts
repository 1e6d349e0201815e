import fc from 'fast-check';
import {
  activityQuery, activityRow, canGoNewer, canGoOlder, dayStart, exportQuery, formatWhen, initialActivity, newerPage, olderPage, pagerFocusAfter, qboRecordUrl, rangeProblem, withFilters, withPageLoaded, zoneWords,
} from '../../../src/adapters/http/page/assets/activity-state.js';

describe('the activity tab state', () => {
  it('starts at the newest page with no filter', () => {
    const state = initialActivity();
    expect(activityQuery(state)).toBe('limit=25');
    expect(canGoNewer(state)).toBe(false);
    expect(canGoOlder(state)).toBe(false);
  });

  it('pages older with the cursor the API gave, and back newer to the same queries', () => {
    let state = withPageLoaded(initialActivity(), 'c1');
    expect(canGoOlder(state)).toBe(true);
    state = olderPage(state);
    expect(activityQuery(state)).toBe('limit=25&cursor=c1');
    state = olderPage(withPageLoaded(state, 'c2'));
    expect(activityQuery(state)).toBe('limit=25&cursor=c2');
    state = withPageLoaded(state, null);
    expect(canGoOlder(state)).toBe(false);
    expect(olderPage(state)).toBe(state);
    state = newerPage(state);
    expect(activityQuery(state)).toBe('limit=25&cursor=c1');
    state = newerPage(state);
    expect(activityQuery(state)).toBe('limit=25');
    expect(newerPage(state)).toBe(state);
  });

  it('returns to the same page query after any walk older and back newer', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant('older'), fc.constant('newer')), { maxLength: 20 }), (moves) => {
        let state = withPageLoaded(initialActivity(), 'c1');
        const queries = [activityQuery(state)];
        for (const move of moves) {
          state = move === 'older' ? olderPage(state) : newerPage(state);
          state = withPageLoaded(state, `c${state.page + 1}`);
          queries[state.page] = queries[state.page] ?? activityQuery(state);
          expect(activityQuery(state)).toBe(queries[state.page]);
        }
      }),
    );
  });

  it('keeps the focus on the pager button while it works, else hands it to the other one, else to the pager', () => {
    const middle = withPageLoaded(olderPage(withPageLoaded(initialActivity(), 'c1')), 'c2');
    expect(pagerFocusAfter(middle, 'older')).toBe('older');
    expect(pagerFocusAfter(middle, 'newer')).toBe('newer');
    const last = withPageLoaded(olderPage(withPageLoaded(initialActivity(), 'c1')), null);
    expect(pagerFocusAfter(last, 'older')).toBe('newer');
    const first = withPageLoaded(initialActivity(), 'c1');
    expect(pagerFocusAfter(first, 'newer')).toBe('older');
    expect(pagerFocusAfter(withPageLoaded(initialActivity(), null), 'older')).toBe('pager');
  });

  it('never sends the focus to a disabled pager button, whatever the walk', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('older' as const, 'newer' as const), fc.boolean()), { maxLength: 20 }), (moves) => {
        let state = withPageLoaded(initialActivity(), 'c1');
        for (const [move, more] of moves) {
          state = move === 'older' ? olderPage(state) : newerPage(state);
          state = withPageLoaded(state, more ? `c${state.page + 1}` : null);
          const target = pagerFocusAfter(state, move);
          const enabled = { older: canGoOlder(state), newer: canGoNewer(state), pager: true };
          expect(enabled[target]).toBe(true);
          if (target === 'pager') expect([canGoOlder(state), canGoNewer(state)]).toEqual([false, false]);
        }
      }),
    );
  });

  it('starts again from the newest entry when a filter changes, and ignores values it does not know', () => {
    const paged = olderPage(withPageLoaded(initialActivity(), 'c1'));
    const filtered = withFilters(paged, 'payment', 'failure');
    expect(activityQuery(filtered)).toBe('kind=payment&outcome=failure&limit=25');
    expect(exportQuery(filtered)).toBe('kind=payment&outcome=failure');
    expect(activityQuery(withFilters(paged, '<script>', 'nope'))).toBe('limit=25');
  });

  it('searches and keeps a range of whole days in the page\'s zone, the same for the page and the CSV', () => {
    const filtered = withFilters(initialActivity(), '', 'failure', { search: '  BL-1001 ', from: '2026-12-05', to: '2026-12-06' });
    const expected = new URLSearchParams({ outcome: 'failure', search: 'BL-1001', from: new Date(2026, 11, 5).toISOString(), to: new Date(2026, 11, 7).toISOString() }).toString();
    expect(exportQuery(filtered)).toBe(expected);
    expect(activityQuery(filtered)).toBe(`${expected}&limit=25`);
    expect(exportQuery(withFilters(initialActivity(), '', '', { search: '', from: '5/12/2026', to: 'tomorrow' }))).toBe('');
    expect(dayStart('2026-12-31', 1)).toBe(new Date(2027, 0, 1).toISOString());
    expect(rangeProblem('2026-12-06', '2026-12-05')).toBe('The last day is before the first day: change one of them.');
    expect(rangeProblem('2026-12-05', '2026-12-05')).toBe('');
    expect(rangeProblem('', '2026-12-05')).toBe('');
  });

  it('words a row and offers Retry only on a failed delivery with an outbox entry', () => {
    const failed = activityRow({ id: 'a1', at: Date.UTC(2026, 0, 5, 12), action: 'create', kind: 'payment', hostId: '12', qboId: null, outcome: 'failure', message: 'QuickBooks refused it.', outboxId: 'o9' });
    expect(failed).toMatchObject({ id: 'a1', what: 'Created', record: 'Payment', outcome: 'Failed', failed: true, canRetry: true, message: 'QuickBooks refused it.', iso: '2026-01-05T12:00:00.000Z' });
    expect(activityRow({ id: 'a2', action: 'create', kind: 'customer', hostId: '3', qboId: '58', outcome: 'success', outboxId: 'o1' })).toMatchObject({ record: 'Customer (QuickBooks 58)', canRetry: false });
    expect(activityRow({ id: 'a3', action: 'update', kind: 'item', outcome: 'failure', outboxId: null }).canRetry).toBe(false);
    expect(activityRow({ id: 'a4', action: 'enable', kind: null, outcome: 'success' })).toMatchObject({ what: 'Sync turned on', record: '—' });
  });

  it('offers Dismiss on a failure not yet dismissed; a dismissed one leaves the failures, says when, and offers neither', () => {
    const entry = { id: 'a1', at: Date.UTC(2026, 11, 5, 21, 49), action: 'create', kind: 'customer', outcome: 'failure', message: 'x', outboxId: 'o9', dismissedAt: null };
    expect(activityRow(entry, 'America/Los_Angeles')).toMatchObject({ canRetry: true, canDismiss: true, failed: true, dismissed: '', outcome: 'Failed' });
    expect(activityRow({ ...entry, dismissedAt: Date.UTC(2026, 11, 6, 17, 5) }, 'America/Los_Angeles')).toMatchObject({
      canRetry: false, canDismiss: false, failed: false, outcome: 'Failed, dismissed', dismissed: 'Dismissed Dec 6, 2026, 9:05 AM PST as handled elsewhere.',
    });
    expect(activityRow({ ...entry, outcome: 'success' })).toMatchObject({ canDismiss: false });
  });

  it('writes times as US date and time with the zone named, one zone for every row', () => {
    expect(formatWhen(Date.UTC(2026, 11, 5, 21, 49, 51), 'America/Los_Angeles')).toBe('Dec 5, 2026, 1:49 PM PST');
    expect(formatWhen(Date.UTC(2026, 6, 4, 9, 5), 'America/New_York')).toBe('Jul 4, 2026, 5:05 AM EDT');
    expect(formatWhen(Date.UTC(2026, 11, 5, 21, 49), 'UTC')).toBe('Dec 5, 2026, 9:49 PM UTC');
    expect(formatWhen(undefined)).toBe('');
    expect(activityRow({ at: Date.UTC(2026, 11, 5, 21, 49) }, 'America/Los_Angeles').when).toBe('Dec 5, 2026, 1:49 PM PST');
    expect(zoneWords(Date.UTC(2026, 11, 5), 'America/Los_Angeles')).toBe('Pacific Standard Time (America/Los_Angeles)');
  });

  it('links a record to its page in QuickBooks (or the emulator), none for items, refunds or a record not in QuickBooks', () => {
    expect(qboRecordUrl('https://app.qbo.intuit.com', 'invoice', '130')).toBe('https://app.qbo.intuit.com/app/invoice?txnId=130');
    expect(qboRecordUrl('http://localhost:4010/', 'customer', '13')).toBe('http://localhost:4010/app/customerdetail?nameId=13');
    expect(qboRecordUrl('https://app.qbo.intuit.com', 'payment', '7')).toBe('https://app.qbo.intuit.com/app/recvpayment?txnId=7');
    expect(qboRecordUrl('https://app.qbo.intuit.com', 'payout', '9')).toBe('https://app.qbo.intuit.com/app/deposit?txnId=9');
    expect(qboRecordUrl('https://app.qbo.intuit.com', 'item', '5')).toBe('');
    expect(qboRecordUrl('https://app.qbo.intuit.com', 'customer', null)).toBe('');
    expect(qboRecordUrl('javascript:alert(1)', 'customer', '1')).toBe('');
    expect(activityRow({ kind: 'invoice', qboId: '130', outcome: 'success' }, 'UTC', 'https://app.qbo.intuit.com').qboUrl).toBe('https://app.qbo.intuit.com/app/invoice?txnId=130');
  });
});
