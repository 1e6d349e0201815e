// What the integration page shows, computed from the API's answers: pure functions, no DOM, unit-tested in jest.

/** The connection card: which buttons show and what the banner says. */
export const connectionView = (connection) => {
  const status = connection?.status ?? 'disconnected';
  const company = connection?.companyName || (connection?.realmId ? `company ${connection.realmId}` : null);
  if (status === 'connected') {
    return { status, connected: true, showConnect: false, showDisconnect: true, banner: null, summary: `Connected to ${company ?? 'QuickBooks Online'}.`, realm: connection?.realmId ?? null };
  }
  if (status === 'pending_verification') {
    return {
      status, connected: false, showConnect: false, showDisconnect: true,
      banner: 'QuickBooks is busy, so we finish connecting in the background. This page updates by itself; nothing is sent to QuickBooks until it is done.',
      summary: `Finishing the connection to ${company ?? 'QuickBooks Online'}…`, realm: connection?.realmId ?? null,
    };
  }
  if (status === 'needs_reconnect') {
    const reason = connection?.reason || 'QuickBooks no longer accepts this connection.';
    return {
      status, connected: false, showConnect: false, showDisconnect: true,
      banner: `${reason} Changes are kept and will be sent once you reconnect.`,
      summary: `The connection to ${company ?? 'QuickBooks Online'} needs attention.`, realm: connection?.realmId ?? null,
    };
  }
  return { status: 'disconnected', connected: false, showConnect: true, showDisconnect: false, banner: null, summary: 'Not connected to QuickBooks Online.', realm: null };
};

const list = (value) => (Array.isArray(value) ? value : []);

/** A record's name, whatever side it comes from (`name`, `displayName`, or a pair's host side). */
export const nameOf = (record) => {
  if (record === null || record === undefined) return '';
  if (typeof record === 'string') return record;
  return String(record.name ?? record.displayName ?? record.hostName ?? record.host?.name ?? record.qboName ?? record.qbo?.name ?? '');
};

/** QBO's id of a QBO-only record (`qboId` or `id`). */
export const qboIdOf = (record) => String(record?.qboId ?? record?.id ?? '');

/** Counts for one tab of the match step; `toReview` is what the admin should look at before turning the sync on. */
export const matchCounts = (match) => {
  const counts = {
    matched: list(match?.matched).length,
    hostOnly: list(match?.hostOnly).length,
    qboOnly: list(match?.qboOnly).length,
    nearMatches: list(match?.nearMatches).length,
    statusMismatches: list(match?.statusMismatches).length,
    duplicates: list(match?.duplicates).length,
    failed: list(match?.failed).length,
  };
  return { ...counts, toReview: counts.qboOnly + counts.nearMatches + counts.statusMismatches + counts.duplicates + counts.failed };
};

/** One record of step 1's failed list once the sync is on: its name, why in plain words, and whether Retry is offered. */
export const failedRow = (record) => {
  const activityId = String(record?.activityId ?? '');
  return { name: nameOf(record), reason: String(record?.reason ?? ''), activityId, canRetry: Boolean(record?.retryable) && activityId !== '' };
};

export const matchTabLabel = (title, counts) => (counts.toReview === 0 ? `${title} · all clear` : `${title} · ${counts.toReview} to review`);

/** The near-match pair side by side: host name, QBO name, and why they look alike. */
export const nearMatchRow = (pair) => ({
  hostName: String(pair?.hostName ?? pair?.host?.name ?? ''),
  qboName: String(pair?.qboName ?? pair?.qbo?.name ?? ''),
  reason: String(pair?.reason ?? ''),
});

export const statusMismatchRow = (pair) => {
  const words = (active) => (active ? 'active' : 'inactive');
  return {
    name: nameOf(pair),
    host: words(Boolean(pair?.hostActive)),
    qbo: words(Boolean(pair?.qboActive)),
    fix: String(pair?.reason ?? `Make it ${words(Boolean(pair?.hostActive))} in QuickBooks, or change it in your records.`),
  };
};

export const duplicateRow = (group) => ({
  names: list(group?.records).map(nameOf).join(', '),
  explanation: String(group?.explanation ?? group?.reason ?? ''),
});

/** Ticking or unticking one QBO-only record for import; the selection is a sorted list of ids. */
export const toggleSelection = (selection, id, checked) => {
  const next = new Set(selection);
  if (checked) next.add(id);
  else next.delete(id);
  return [...next].sort();
};

/** The body of POST /import/…: the ids picked, or `{}` for all. */
export const importBody = (selection, all) => (all ? {} : { qboIds: [...selection] });

/** The accounts form: options and which one is selected; a saved id that QBO no longer lists is not offered. */
export const accountsView = (accounts, settings) => {
  const option = (account) => ({ id: String(account.id), label: account.accountType ? `${account.name} (${account.accountType})` : String(account.name) });
  const income = list(accounts?.income).map(option);
  const deposit = list(accounts?.deposit).map(option);
  const pick = (options, id) => (id !== null && id !== undefined && options.some((o) => o.id === String(id)) ? String(id) : '');
  const incomeId = pick(income, settings?.incomeAccountId);
  const depositId = pick(deposit, settings?.depositAccountId);
  // Optional choices: the tax code (taxed invoices), and the payout bank and fee accounts ('' = "Don't sync payouts").
  const taxCodes = list(accounts?.taxCodes).map(option);
  const payout = list(accounts?.payout).map(option);
  const payoutFee = list(accounts?.payoutFee).map(option);
  const taxCodeId = pick(taxCodes, settings?.taxCodeId);
  const payoutId = pick(payout, settings?.payoutAccountId);
  const payoutFeeId = pick(payoutFee, settings?.payoutFeeAccountId);
  return { income, deposit, incomeId, depositId, complete: incomeId !== '' && depositId !== '', taxCodes, taxCodeId, payout, payoutId, payoutFee, payoutFeeId };
};

/** The PUT /settings body of the optional choices: an empty choice clears it (no payout account: payouts off). */
export const optionalChoices = (taxCodeId, payoutId, payoutFeeId) => ({
  taxCodeId: taxCodeId || null,
  payoutAccountId: payoutId || null,
  payoutFeeAccountId: payoutId ? payoutFeeId || null : null,
});

/** The pop-ups shown before the confirmation, in order; the confirmation always comes last. */
export const enableSteps = (preflight) => [
  ...(list(preflight?.duplicates).length > 0 ? ['duplicates'] : []),
  ...(list(preflight?.credits).length > 0 ? ['credits'] : []),
  'confirm',
];

export const hasWarnings = (preflight) => Boolean(preflight?.hasWarnings) || enableSteps(preflight).length > 1;

/** A customer with an account credit, as the credits pop-up lists it. */
export const creditRow = (credit, currency = 'USD') => {
  const cents = Number(credit?.totalCents ?? credit?.amountCents ?? 0);
  return { name: String(credit?.customerName ?? credit?.name ?? ''), amount: formatCents(cents, currency) };
};

/**
 * Money in the QBO company's home currency (ISO 4217, from the answer's `currency`): "$1,234.50", "CA$1,234.50".
 * en-US so a US bookkeeper reads "$" as US dollars and other dollars are named; always two decimals, as the plugin's
 * amounts are whole cents. An unknown code falls back to the code itself before the number.
 */
export const formatCents = (cents, currency = 'USD') => {
  const amount = Math.trunc(cents) / 100;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  } catch {
    return `${String(currency)} ${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)}`;
  }
};

/** What Save & Sync will send, in plain words, from the two match reports. */
export const confirmationLines = (customers, items) => {
  const c = matchCounts(customers);
  const i = matchCounts(items);
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  return [
    `${plural(c.matched, 'customer', 'customers')} and ${plural(i.matched, 'product or service', 'products and services')} that already match will be linked, not copied.`,
    `${plural(c.hostOnly + c.nearMatches, 'customer', 'customers')} and ${plural(i.hostOnly + i.nearMatches, 'product or service', 'products and services')} only in your records will be created in QuickBooks.`,
    'From then on every change you make is sent to QuickBooks within seconds. Nothing is ever read back from QuickBooks.',
  ];
};

/** The initial sync's progress bar and the outbox line, from GET /sync/status. */
export const progressView = (status) => {
  const job = status?.job ?? null;
  // With no enable time the links were reset: a finished job was about the old company's books, not worth showing.
  const stale = status?.enabledAt === null && job?.state !== 'running';
  if (!job || stale) return { visible: false, running: false, value: 0, max: 1, label: '' };
  const total = Math.max(0, Number(job.total) || 0);
  const done = Math.min(total, Math.max(0, Number(job.done) || 0));
  const failed = Math.max(0, Number(job.failed) || 0);
  const failedText = failed > 0 ? `, ${failed} failed (see Activity)` : '';
  const running = job.state === 'running';
  const label = running
    ? `Initial sync: ${done} of ${total} sent${failedText}.`
    : job.state === 'completed'
      ? `Initial sync finished: ${done} of ${total} sent${failedText}.`
      : `The initial sync stopped after ${done} of ${total}${failedText}. Check the Activity tab, then turn the sync off and on to try again.`;
  return { visible: true, running, value: total === 0 ? 1 : done, max: total === 0 ? 1 : total, label };
};

export const outboxLine = (status) => {
  const outbox = status?.outbox;
  if (!status?.enabled || !outbox) return '';
  const pending = Number(outbox.pending) || 0;
  const failing = Number(outbox.failing) || 0;
  const failed = Number(outbox.failed) || 0;
  if (pending === 0 && failing === 0 && failed === 0) return 'Everything is sent.';
  const parts = [`${pending} ${pending === 1 ? 'change' : 'changes'} waiting to be sent`];
  if (failing > 0) parts.push(`${failing} being retried`);
  if (failed > 0) parts.push(`${failed} failed (retry them from the Activity tab)`);
  if (outbox.oldestAgeMs) parts.push(`oldest ${describeAge(Number(outbox.oldestAgeMs))}`);
  return `${parts.join(', ')}.`;
};

export const describeAge = (ms) => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s old`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min old`;
  return `${Math.round(minutes / 60)} h old`;
};

/** What to tell the admin when a request failed: the API's own message, else plain words by status. */
export const errorMessage = (status, body) => {
  const message = body?.error?.message;
  if (typeof message === 'string' && message.trim() !== '') return message;
  if (status === 0) return 'The server could not be reached. Check your network and try again.';
  if (status === 401 || status === 403) return 'You are not allowed to do this. Ask an administrator of your account.';
  if (status >= 500) return 'Something went wrong on our side. Try again; if it keeps happening, contact support.';
  return `The request was refused (HTTP ${status}). Reload the page and try again.`;
};
