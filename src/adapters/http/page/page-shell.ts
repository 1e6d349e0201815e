import { escapeHtml } from '../html-escape';

/**
 * The integration page's HTML: static structure only. Every piece of data is filled in by the page's scripts with
 * textContent, so nothing from the API or the URL is ever parsed as HTML. `assetBase` is where the host mounted the
 * router plus `/assets`; `qboAppUrl` where the activity log's links open a record (QuickBooks' web app or the emulator).
 */
export const renderPageShell = (assetBase: string, qboAppUrl = 'https://app.qbo.intuit.com'): string => {
  const asset = (file: string): string => escapeHtml(`${assetBase}/${file}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="qbo-app-url" content="${escapeHtml(qboAppUrl)}">
<title>QuickBooks Online integration</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset('qbo-page.css')}">
<script type="module" src="${asset('qbo-page.js')}"></script>
</head>
<body>
<main class="qbo" id="qbo-main">
<header class="qbo-header">
  <h1>QuickBooks Online</h1>
  <p class="muted">Keeps QuickBooks Online in step with your records. Changes flow one way: from here to QuickBooks.</p>
</header>
<noscript><p class="alert">This page needs JavaScript. Turn it on in your browser and reload.</p></noscript>
<div id="alert" class="alert" role="alert" hidden><p id="alert-text"></p><button type="button" id="alert-close" class="link">Dismiss</button></div>
<p id="flash" class="flash" role="status" aria-live="polite"></p>

<section class="card" id="connection-card" aria-labelledby="connection-title">
  <h2 id="connection-title">Connection</h2>
  <div id="connection-banner" class="banner" hidden>
    <p id="connection-banner-text"></p>
    <button type="button" id="reconnect" class="primary">Reconnect</button>
  </div>
  <div id="wrong-company" class="banner" hidden>
    <p id="wrong-company-text"></p>
    <div class="actions">
      <button type="button" id="wrong-company-reconnect" class="primary">Connect to the original company</button>
      <button type="button" id="wrong-company-reset">Reset links…</button>
    </div>
  </div>
  <p id="connection-summary">Loading the connection…</p>
  <p id="connection-realm" class="muted" hidden></p>
  <div class="actions">
    <button type="button" id="connect" class="primary" hidden>Connect to QuickBooks</button>
    <button type="button" id="disconnect" hidden>Disconnect</button>
    <button type="button" id="reset-links" hidden>Reset links…</button>
  </div>
</section>

<div id="connected-area" hidden>
<div class="tabs" role="tablist" aria-label="QuickBooks integration">
  <button type="button" role="tab" id="tab-setup" aria-controls="panel-setup" aria-selected="true">Set-up</button>
  <button type="button" role="tab" id="tab-activity" aria-controls="panel-activity" aria-selected="false" tabindex="-1">Activity</button>
</div>

<div role="tabpanel" id="panel-setup" aria-labelledby="tab-setup">
<section class="card" aria-labelledby="match-title">
  <h2 id="match-title">1. Match your records</h2>
  <p class="muted">A record here and one in QuickBooks are the same only when their names match exactly. Rename one side of each near match, import what only QuickBooks has, and make customers active or inactive on both sides alike. Then check again.</p>
  <div class="tabs small" role="tablist" aria-label="Records to match">
    <button type="button" role="tab" id="tab-customers" aria-controls="panel-match" aria-selected="true" data-entity="customers">Customers</button>
    <button type="button" role="tab" id="tab-items" aria-controls="panel-match" aria-selected="false" tabindex="-1" data-entity="items">Products and services</button>
  </div>
  <div role="tabpanel" id="panel-match" aria-labelledby="tab-customers" tabindex="0">
    <div id="match-body"><p class="muted">Loading…</p></div>
  </div>
  <div class="actions"><button type="button" id="match-refresh">Check again</button></div>
</section>

<section class="card" aria-labelledby="accounts-title">
  <h2 id="accounts-title">2. Choose accounts</h2>
  <form id="accounts-form" class="stack" novalidate>
    <label for="income-account">Income account for the products and services the sync creates</label>
    <select id="income-account" name="incomeAccountId" required aria-describedby="accounts-required"><option value="">Loading…</option></select>
    <label for="deposit-account">Deposit account for payments and refunds</label>
    <select id="deposit-account" name="depositAccountId" required aria-describedby="accounts-required"><option value="">Loading…</option></select>
    <label for="tax-code">Tax code for invoices that charge sales tax</label>
    <select id="tax-code" name="taxCodeId" aria-describedby="tax-code-help"><option value="">Loading…</option></select>
    <p id="tax-code-help" class="muted">Invoices that charge sales tax are sent with the tax as billed, under this QuickBooks tax code; until one is chosen they wait.</p>
    <label for="payout-account">Bank account for processor payouts</label>
    <select id="payout-account" name="payoutAccountId" aria-describedby="payout-help"><option value="">Loading…</option></select>
    <label for="payout-fee-account">Expense account for processing fees</label>
    <select id="payout-fee-account" name="payoutFeeAccountId" aria-describedby="payout-help"><option value="">Loading…</option></select>
    <p id="payout-help" class="muted">Each payout becomes one bank deposit of its payments, less the fee, matching the line in your bank feed. Payments must then go to Undeposited Funds.</p>
    <p id="accounts-required" class="inline-error" hidden></p>
    <div class="actions"><button type="submit" id="accounts-save" class="primary">Save accounts</button></div>
    <p id="accounts-status" class="muted" role="status"></p>
  </form>
</section>

<section class="card" aria-labelledby="preview-title">
  <h2 id="preview-title">Preview of the first sync</h2>
  <p class="muted">What Save &amp; Sync will do to each of your records in QuickBooks, worked out by the same plan the sync runs. Nothing is sent yet.</p>
  <p id="preview-summary" class="summary"></p>
  <div class="actions">
    <button type="button" id="preview-load">Show the preview</button>
    <a id="preview-csv" class="button" download>Download the preview (CSV)</a>
  </div>
  <div id="preview-body" class="table-wrap" hidden></div>
</section>

<section class="card" aria-labelledby="sync-title">
  <h2 id="sync-title">3. Turn the sync on</h2>
  <button type="button" id="sync-toggle" class="switch" role="switch" aria-checked="false" aria-describedby="sync-hint">
    <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
    <span id="sync-toggle-text">Sync is off</span>
  </button>
  <p id="sync-hint" class="muted">Before anything is sent you will see the warnings and a summary to confirm.</p>
  <div id="sync-progress" class="progress" hidden>
    <label for="sync-progress-bar" id="sync-progress-label">Initial sync</label>
    <progress id="sync-progress-bar" max="1" value="0"></progress>
  </div>
  <p id="outbox-line" class="muted"></p>
</section>
</div>

<div role="tabpanel" id="panel-activity" aria-labelledby="tab-activity" hidden>
<section class="card" aria-labelledby="activity-title">
  <h2 id="activity-title">Activity</h2>
  <form id="activity-filters" class="filters">
    <label for="activity-kind">Record</label>
    <select id="activity-kind" name="kind">
      <option value="">All records</option><option value="customer">Customers</option><option value="item">Products and services</option>
      <option value="invoice">Invoices</option><option value="payment">Payments</option><option value="refund">Refunds</option>
    </select>
    <label for="activity-outcome">Outcome</label>
    <select id="activity-outcome" name="outcome">
      <option value="">All outcomes</option><option value="success">Done</option><option value="failure">Failed</option><option value="skipped">Skipped</option>
    </select>
    <label for="activity-search">Name or number</label>
    <input id="activity-search" name="search" type="search" maxlength="100" autocomplete="off">
    <label for="activity-from">From</label>
    <input id="activity-from" name="from" type="date">
    <label for="activity-to">To</label>
    <input id="activity-to" name="to" type="date">
    <button type="submit">Show</button>
    <a id="activity-csv" class="button" download>Download CSV</a>
  </form>
  <p id="activity-range-problem" class="inline-error" role="alert" hidden></p>
  <div class="filters">
    <button type="button" id="activity-retry-all">Retry all failed</button>
    <p id="activity-zone" class="muted"></p>
  </div>
  <div class="table-wrap">
    <table class="stacking">
      <caption class="visually-hidden">What the sync did, newest first</caption>
      <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Record</th><th scope="col">Outcome</th><th scope="col">Details</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody id="activity-rows"></tbody>
    </table>
  </div>
  <p id="activity-empty" class="muted" hidden>Nothing to show yet.</p>
  <nav class="pager" id="activity-pager" aria-label="Activity pages" tabindex="-1">
    <button type="button" id="activity-newer">Newer</button>
    <span id="activity-page" class="muted" aria-live="polite"></span>
    <button type="button" id="activity-older">Older</button>
  </nav>
</section>
</div>
</div>

<dialog id="dialog-duplicates" aria-labelledby="duplicates-title" aria-describedby="duplicates-text">
  <h2 id="duplicates-title">Possible duplicates</h2>
  <p id="duplicates-text">These records look like the same customer, or their names would collide in QuickBooks. They will be sent as separate customers unless you merge or rename them first.</p>
  <ul id="duplicates-list" class="scroll-list"></ul>
  <div class="actions">
    <a id="duplicates-csv" class="button" download>Download CSV</a>
    <button type="button" data-close="cancel">Cancel</button>
    <button type="button" data-close="continue" class="primary">Continue</button>
  </div>
</dialog>

<dialog id="dialog-credits" aria-labelledby="credits-title" aria-describedby="credits-text">
  <h2 id="credits-title">Customers with account credits</h2>
  <p id="credits-text">These customers have a credit on their account today. Existing balances are not carried over to QuickBooks; enter them there yourself if you need them.</p>
  <ul id="credits-list" class="scroll-list"></ul>
  <div class="actions">
    <button type="button" data-close="cancel">Cancel</button>
    <button type="button" data-close="continue" class="primary">Continue</button>
  </div>
</dialog>

<dialog id="dialog-review" aria-labelledby="review-title" aria-describedby="review-text">
  <h2 id="review-title">Check what will change in QuickBooks</h2>
  <p id="review-text">The first sync will do these things in QuickBooks. Fix each one in your records (then check again), or tick it to accept it.</p>
  <ul id="review-list" class="scroll-list review-list"></ul>
  <p id="review-status" class="muted" role="status"></p>
  <div class="actions">
    <button type="button" data-close="cancel">Cancel</button>
    <button type="button" id="review-continue" class="primary">Continue</button>
  </div>
</dialog>

<dialog id="dialog-confirm" aria-labelledby="confirm-title" aria-describedby="confirm-list">
  <h2 id="confirm-title">Save &amp; Sync</h2>
  <ul id="confirm-list"></ul>
  <div class="actions">
    <button type="button" data-close="cancel">Cancel</button>
    <button type="button" data-close="continue" class="primary">Save &amp; Sync</button>
  </div>
</dialog>

<dialog id="dialog-disconnect" aria-labelledby="disconnect-title">
  <h2 id="disconnect-title">Disconnect QuickBooks?</h2>
  <p>The sync stops sending changes until you connect again. Nothing already in QuickBooks is removed.</p>
  <div class="actions">
    <button type="button" data-close="cancel">Cancel</button>
    <button type="button" data-close="continue" class="danger">Disconnect</button>
  </div>
</dialog>

<dialog id="dialog-reset" aria-labelledby="reset-title" aria-describedby="reset-text">
  <h2 id="reset-title">Reset the links to QuickBooks?</h2>
  <p id="reset-text">Do this only to start over with another QuickBooks company. Resetting:</p>
  <ul>
    <li>forgets which QuickBooks record each of your customers, products and services is linked to;</li>
    <li>deletes nothing, neither in QuickBooks nor in your records;</li>
    <li>keeps the activity log as it is;</li>
    <li>turns the sync off and clears the chosen accounts. Once you connect a company and turn the sync on again, records are matched by name again: matching names are linked, the others are created in QuickBooks.</li>
  </ul>
  <p id="reset-disconnect-first" class="banner" hidden>QuickBooks is disconnected first: the links can only be reset while no company is connected.</p>
  <div class="actions">
    <button type="button" data-close="cancel">Cancel</button>
    <button type="button" data-close="continue" class="danger">Reset links</button>
  </div>
</dialog>
</main>
</body>
</html>
`;
};
