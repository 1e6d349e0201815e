import fc from 'fast-check';
import {
  activityQuery, activityRow, canGoNewer, canGoOlder, exportQuery, formatWhen, initialActivity, newerPage, olderPage, pagerFocusAfter, withFilters, withPageLoaded,
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

  it('words a row and offers Retry only on a failed delivery with an outbox entry', () => {
    const failed = activityRow({ id: 'a1', at: Date.UTC(2026, 0, 5, 12), action: 'create', kind: 'payment', hostId: '12', qboId: null, outcome: 'failure', message: 'QuickBooks refused it.', outboxId: 'o9' });
    expect(failed).toMatchObject({ id: 'a1', what: 'Created', record: 'Payment', outcome: 'Failed', failed: true, canRetry: true, message: 'QuickBooks refused it.', iso: '2026-01-05T12:00:00.000Z' });
    expect(activityRow({ id: 'a2', action: 'create', kind: 'customer', hostId: '3', qboId: '58', outcome: 'success', outboxId: 'o1' })).toMatchObject({ record: 'Customer (QuickBooks 58)', canRetry: false });
    expect(activityRow({ id: 'a3', action: 'update', kind: 'item', outcome: 'failure', outboxId: null }).canRetry).toBe(false);
    expect(activityRow({ id: 'a4', action: 'enable', kind: null, outcome: 'success' })).toMatchObject({ what: 'Sync turned on', record: '—' });
  });

  it('formats times to the second, unambiguously', () => {
    expect(formatWhen(new Date(2026, 2, 4, 14, 5, 9).getTime())).toBe('2026-03-04 14:05:09');
    expect(formatWhen(undefined)).toBe('');
  });
});
