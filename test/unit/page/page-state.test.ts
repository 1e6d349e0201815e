import fc from 'fast-check';
import {
  accountsView, optionalChoices, confirmationLines, connectionView, creditRow, describeAge, duplicateRow, enableSteps, errorMessage, formatCents, hasWarnings,
  failedRow, importBody, matchCounts, matchTabLabel, nameOf, nearMatchRow, outboxLine, progressView, statusMismatchRow, toggleSelection,
} from '../../../src/adapters/http/page/assets/page-state.js';

const report = (sizes: Partial<Record<'matched' | 'hostOnly' | 'qboOnly' | 'nearMatches' | 'statusMismatches' | 'duplicates', number>>) =>
  Object.fromEntries(Object.entries(sizes).map(([key, n]) => [key, Array.from({ length: n }, (_, i) => ({ id: String(i), name: `${key} ${i}` }))]));

describe('the connection card', () => {
  it('offers Connect, and nothing else, when there is no connection', () => {
    expect(connectionView({ status: 'disconnected', realmId: null, companyName: null, reason: null })).toMatchObject({ connected: false, showConnect: true, showDisconnect: false, banner: null });
    expect(connectionView(undefined).status).toBe('disconnected');
  });

  it('names the company and realm when connected', () => {
    const view = connectionView({ status: 'connected', realmId: '9130', companyName: 'Blue Lagoon', reason: null });
    expect(view).toMatchObject({ connected: true, showConnect: false, showDisconnect: true, banner: null, realm: '9130' });
    expect(view.summary).toBe('Connected to Blue Lagoon.');
  });

  it('shows a banner with the reason, and says changes wait, when the connection needs attention', () => {
    const view = connectionView({ status: 'needs_reconnect', realmId: '9130', companyName: 'Blue Lagoon', reason: 'QuickBooks revoked the access.' });
    expect(view.connected).toBe(false);
    expect(view.banner).toBe('QuickBooks revoked the access. Changes are kept and will be sent once you reconnect.');
    expect(connectionView({ status: 'needs_reconnect', realmId: '1' }).banner).toMatch(/^QuickBooks no longer accepts this connection\./);
  });

  it('says the connection is being finished in the background while QuickBooks has not confirmed it', () => {
    const view = connectionView({ status: 'pending_verification', realmId: '9130', companyName: null, reason: 'QuickBooks was busy.' });
    expect(view).toMatchObject({ connected: false, showConnect: false, showDisconnect: true, realm: '9130' });
    expect(view.summary).toBe('Finishing the connection to company 9130…');
    expect(view.banner).toMatch(/QuickBooks is busy, so we finish connecting in the background/);
  });
});

describe('the match step', () => {
  it('counts each list and what needs review (QBO-only, near, status, duplicates)', () => {
    const counts = matchCounts(report({ matched: 3, hostOnly: 2, qboOnly: 4, nearMatches: 1, statusMismatches: 1, duplicates: 2 }));
    expect(counts).toEqual({ matched: 3, hostOnly: 2, qboOnly: 4, nearMatches: 1, statusMismatches: 1, duplicates: 2, failed: 0, toReview: 8 });
    expect(matchTabLabel('Customers', counts)).toBe('Customers · 8 to review');
    expect(matchTabLabel('Customers', matchCounts(report({ matched: 3 })))).toBe('Customers · all clear');
    expect(matchCounts(null).toReview).toBe(0);
    // Once the sync is on, a failed record is something to look at too.
    expect(matchTabLabel('Customers', matchCounts({ failed: [{ hostId: '1', name: 'Otto Brenner' }] }))).toBe('Customers · 1 to review');
  });

  it('lists a failed record with its reason, and offers Retry only where there is a change to send again', () => {
    expect(failedRow({ hostId: '1', name: 'Otto Brenner', reason: 'QuickBooks rejected the change: …', activityId: 'abc', retryable: true })).toEqual({ name: 'Otto Brenner', reason: 'QuickBooks rejected the change: …', activityId: 'abc', canRetry: true });
    expect(failedRow({ hostId: '2', name: 'Ida Vance', reason: 'x', activityId: 'def', retryable: false }).canRetry).toBe(false);
    expect(failedRow({ hostId: '3', name: 'No Id', reason: 'x', retryable: true }).canRetry).toBe(false);
  });

  it('reads names from records, pairs and near matches alike', () => {
    expect(nameOf({ id: '1', name: 'Maria Lopez' })).toBe('Maria Lopez');
    expect(nameOf({ host: { id: '1', name: 'Maria Lopez' }, qbo: { id: '7', name: 'Maria Lopez' } })).toBe('Maria Lopez');
    expect(nameOf(null)).toBe('');
    expect(nearMatchRow({ hostName: 'The Smiths', qboName: 'John and Jane Smith', reason: 'same surname "smith"' })).toEqual({ hostName: 'The Smiths', qboName: 'John and Jane Smith', reason: 'same surname "smith"' });
  });

  it('says which side is inactive and what to do', () => {
    expect(statusMismatchRow({ name: 'Dana Whitfield', hostActive: true, qboActive: false, reason: 'Active here, inactive in QuickBooks.' }))
      .toEqual({ name: 'Dana Whitfield', host: 'active', qbo: 'inactive', fix: 'Active here, inactive in QuickBooks.' });
    expect(statusMismatchRow({ name: 'X', hostActive: false, qboActive: true }).fix).toMatch(/inactive in QuickBooks/);
  });

  it('lists a duplicate group by its names and explanation', () => {
    expect(duplicateRow({ records: [{ name: 'Tom Baker' }, { name: 'Thomas Baker' }], explanation: 'Same e-mail tom@example.com' }))
      .toEqual({ names: 'Tom Baker, Thomas Baker', explanation: 'Same e-mail tom@example.com' });
  });

  it('keeps the import selection a sorted set, whatever the order of clicks', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('1', '2', '3', '10'), fc.boolean()), { maxLength: 30 }), (clicks) => {
        const selection = clicks.reduce<string[]>((current, [id, checked]) => toggleSelection(current, id, checked), []);
        const expected = new Set<string>();
        for (const [id, checked] of clicks) if (checked) expected.add(id); else expected.delete(id);
        expect(selection).toEqual([...expected].sort());
      }),
    );
  });

  it('imports the picked ids, or everything with an empty body', () => {
    expect(importBody(['3', '7'], false)).toEqual({ qboIds: ['3', '7'] });
    expect(importBody(['3'], true)).toEqual({});
  });
});

describe('the accounts step', () => {
  const accounts = { income: [{ id: '79', name: 'Sales' }, { id: '80', name: 'Services' }], deposit: [{ id: '35', name: 'Checking', accountType: 'Bank' }] };

  it('offers QBO accounts and preselects the saved ones', () => {
    const view = accountsView(accounts, { incomeAccountId: '80', depositAccountId: '35' });
    expect(view.income).toEqual([{ id: '79', label: 'Sales' }, { id: '80', label: 'Services' }]);
    expect(view.deposit).toEqual([{ id: '35', label: 'Checking (Bank)' }]);
    expect(view).toMatchObject({ incomeId: '80', depositId: '35', complete: true });
  });

  it('offers the tax codes and the payout bank and fee accounts, preselecting the saved ones; none chosen is payouts off', () => {
    const withPayouts = { ...accounts, taxCodes: [{ id: '3', name: 'Tucson' }], payout: [{ id: '35', name: 'Checking', accountType: 'Bank' }], payoutFee: [{ id: '91', name: 'Bank Charges & Fees', accountType: 'Expense' }] };
    const view = accountsView(withPayouts, { incomeAccountId: '80', depositAccountId: '35', taxCodeId: '3', payoutAccountId: '35', payoutFeeAccountId: '91' });
    expect(view).toMatchObject({ taxCodeId: '3', payoutId: '35', payoutFeeId: '91', taxCodes: [{ id: '3', label: 'Tucson' }], payoutFee: [{ id: '91', label: 'Bank Charges & Fees (Expense)' }] });
    expect(accountsView(withPayouts, { payoutAccountId: null })).toMatchObject({ payoutId: '', payoutFeeId: '', taxCodeId: '' });
    expect(optionalChoices('3', '35', '91')).toEqual({ taxCodeId: '3', payoutAccountId: '35', payoutFeeAccountId: '91' });
    expect(optionalChoices('', '', '91')).toEqual({ taxCodeId: null, payoutAccountId: null, payoutFeeAccountId: null });
  });

  it('does not preselect an account QBO no longer lists, and says the settings are incomplete', () => {
    expect(accountsView(accounts, { incomeAccountId: '999', depositAccountId: null })).toMatchObject({ incomeId: '', depositId: '', complete: false });
  });
});

describe('turning the sync on', () => {
  it('shows the duplicates pop-up, then the credits pop-up, only when they apply, and always the confirmation last', () => {
    expect(enableSteps({ duplicates: [{}], credits: [{}] })).toEqual(['duplicates', 'credits', 'confirm']);
    expect(enableSteps({ duplicates: [], credits: [{}] })).toEqual(['credits', 'confirm']);
    expect(enableSteps({ duplicates: [], credits: [] })).toEqual(['confirm']);
    expect(hasWarnings({ duplicates: [], credits: [] })).toBe(false);
    expect(hasWarnings({ duplicates: [{}], credits: [] })).toBe(true);
  });

  it('says what will be linked and created', () => {
    const lines = confirmationLines(report({ matched: 1, hostOnly: 3, nearMatches: 1 }), report({ matched: 0, hostOnly: 1 }));
    expect(lines[0]).toBe('1 customer and 0 products and services that already match will be linked, not copied.');
    expect(lines[1]).toBe('4 customers and 1 product or service only in your records will be created in QuickBooks.');
  });

  it('shows credits in dollars from integer cents', () => {
    expect(creditRow({ customerName: 'Grace Nguyen', count: 1, totalCents: 12345 })).toEqual({ name: 'Grace Nguyen', amount: '$123.45' });
    expect(formatCents(123456789)).toBe('$1,234,567.89');
    expect(formatCents(-5)).toBe('-$0.05');
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (cents) => {
      expect(Number(formatCents(cents).replace(/[$,]/g, '')) * 100).toBeCloseTo(cents, 0);
    }));
  });

  it('shows money in the QBO company\'s home currency: CA$ for CAD, € for EUR, two decimals even for yen amounts kept in cents', () => {
    expect(creditRow({ customerName: 'Grace Nguyen', count: 1, totalCents: 12345 }, 'CAD')).toEqual({ name: 'Grace Nguyen', amount: 'CA$123.45' });
    expect(formatCents(123456789, 'CAD')).toBe('CA$1,234,567.89');
    expect(formatCents(-5, 'CAD')).toBe('-CA$0.05');
    expect(formatCents(1050, 'EUR')).toBe('€10.50');
    expect(formatCents(1050, 'JPY')).toBe('¥10.50');
    expect(formatCents(1050, 'USD')).toBe('$10.50');
    // Not a currency Intl knows: the code names it rather than a wrong symbol.
    expect(formatCents(1050, 'usd1')).toBe('usd1 10.50');
  });
});

describe('the progress bar and the outbox line', () => {
  it('is hidden before any initial sync', () => {
    expect(progressView({ enabled: false, job: null }).visible).toBe(false);
  });

  it('hides a finished job from before the links were reset (no enable time), but not one that runs', () => {
    const job = { state: 'completed', total: 10, done: 10, failed: 0 };
    expect(progressView({ enabled: false, enabledAt: null, job }).visible).toBe(false);
    expect(progressView({ enabled: false, enabledAt: null, job: { ...job, state: 'failed' } }).visible).toBe(false);
    expect(progressView({ enabled: true, enabledAt: null, job: { ...job, state: 'running', done: 2 } }).visible).toBe(true);
    expect(progressView({ enabled: true, enabledAt: 1_767_225_600_000, job }).label).toBe('Initial sync finished: 10 of 10 sent.');
  });

  it('moves with the job and never runs past its total', () => {
    expect(progressView({ job: { state: 'running', total: 10, done: 4, failed: 0 } })).toEqual({ visible: true, running: true, value: 4, max: 10, label: 'Initial sync: 4 of 10 sent.' });
    expect(progressView({ job: { state: 'running', total: 3, done: 9, failed: 0 } }).value).toBe(3);
    expect(progressView({ job: { state: 'completed', total: 0, done: 0, failed: 0 } })).toMatchObject({ running: false, value: 1, max: 1 });
  });

  it('points to the Activity tab when records failed', () => {
    expect(progressView({ job: { state: 'completed', total: 5, done: 5, failed: 2 } }).label).toBe('Initial sync finished: 5 of 5 sent, 2 failed (see Activity).');
    expect(progressView({ job: { state: 'failed', total: 5, done: 2, failed: 1 } }).label).toMatch(/^The initial sync stopped after 2 of 5/);
  });

  it('says how much waits, only while the sync is on', () => {
    expect(outboxLine({ enabled: false, outbox: { pending: 3 } })).toBe('');
    expect(outboxLine({ enabled: true, outbox: { pending: 0, failing: 0, oldestAgeMs: null } })).toBe('Everything is sent.');
    expect(outboxLine({ enabled: true, outbox: { pending: 3, failing: 1, oldestAgeMs: 125_000 } })).toBe('3 changes waiting to be sent, 1 being retried, oldest 2 min old.');
    expect(describeAge(4_000)).toBe('4 s old');
    expect(describeAge(3 * 3_600_000)).toBe('3 h old');
  });
});

describe('error messages', () => {
  it("prefers the API's own words, else says what to do by status", () => {
    expect(errorMessage(409, { error: { code: 'not_connected', message: 'Connect QuickBooks first.' } })).toBe('Connect QuickBooks first.');
    expect(errorMessage(0, null)).toMatch(/could not be reached/);
    expect(errorMessage(403, null)).toMatch(/not allowed/);
    expect(errorMessage(502, { error: {} })).toMatch(/on our side/);
    expect(errorMessage(418, 'teapot')).toMatch(/HTTP 418/);
  });
});
