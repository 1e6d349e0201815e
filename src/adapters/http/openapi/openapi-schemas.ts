/** JSON Schema (2020-12, as OpenAPI 3.1 uses it) of every body the router sends or takes; referenced by the paths. */
type Schema = Record<string, unknown>;

const text: Schema = { type: 'string' };
const textOrNull: Schema = { type: ['string', 'null'] };
const count: Schema = { type: 'integer', minimum: 0 };
const currency: Schema = { type: 'string', pattern: '^[A-Z]{3}$', description: "The QuickBooks company's home currency (ISO 4217, Preferences.CurrencyPrefs.HomeCurrency): the currency of every amount in this answer." };
const qboId: Schema = { type: 'string', pattern: '^\\d{1,20}$', description: 'A QuickBooks id: digits, as text.' };
const epochMs: Schema = { type: 'integer', description: 'Milliseconds since 1970-01-01 UTC.' };
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const list = (items: Schema): Schema => ({ type: 'array', items });

/** An object whose properties are all present (nothing else is sent). */
const record = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  required: Object.keys(properties),
  properties,
  additionalProperties: false,
});

const nameCandidate = { type: 'object', required: ['id', 'name'], properties: { id: text, name: text, email: textOrNull, phone: textOrNull, street: textOrNull } };
const jobCounts = record({ total: count, done: count, failed: count });

export const openApiSchemas: Record<string, Schema> = {
  Error: record({ error: record({ code: { type: 'string', description: 'Stable, machine-readable: `invalid_field`, `not_connected`, `rate_limited`, …' }, message: { type: 'string', description: 'Plain words for a person: what happened and what to do.' } }) }, 'Every refusal and failure: a 4xx status for anything the caller can fix.'),
  ConnectionStatus: record({
    status: { enum: ['disconnected', 'connected', 'needs_reconnect', 'pending_verification'] },
    realmId: textOrNull,
    companyName: textOrNull,
    reason: { ...textOrNull, description: 'Why the connection needs attention (or is still being confirmed), in plain words.' },
  }),
  AuthorizeUrl: record({ url: { type: 'string', format: 'uri', description: "Intuit's consent page; send the admin there. Its state is bound to the tenant and single use." } }),
  Disconnected: record({ disconnected: { type: 'boolean', description: 'False when there was no connection.' } }),
  ResetLinksRequest: record({ confirm: { const: true } }),
  LinksReset: record({ removedLinks: count }),
  EnableSyncRequest: { type: 'object', properties: { acknowledgeWarnings: { type: 'boolean', description: 'Required as true when the pre-flight has warnings.' } }, additionalProperties: false },
  SyncEnabled: record({ jobId: text, enabledAt: epochMs }, 'The initial sync started in the background; follow it with GET /sync/status.'),
  SyncDisabled: record({ enabled: { const: false } }),
  SyncStatus: record({
    enabled: { type: 'boolean', description: 'On, or being turned on (the initial sync runs).' },
    enabledAt: { type: ['integer', 'null'] },
    job: {
      oneOf: [
        { type: 'null' },
        record({ id: text, state: { enum: ['running', 'completed', 'failed'] }, total: count, done: count, failed: count, byKind: record({ customer: jobCounts, item: jobCounts }), message: textOrNull }),
      ],
      description: 'The latest initial sync (the progress bar); null before the first Save & Sync.',
    },
    outbox: record({ pending: count, failing: count, failed: count, oldestAgeMs: count }),
  }),
  MatchReport: record({
    matched: list({ type: 'object', required: ['hostId', 'hostName', 'qboId', 'qboName'], properties: { hostId: text, hostName: text, qboId: text, qboName: text } }),
    hostOnly: list(nameCandidate),
    qboOnly: list(nameCandidate),
    nearMatches: list({ type: 'object', required: ['hostId', 'hostName', 'qboId', 'qboName', 'score', 'signals', 'reason'], properties: { hostId: text, hostName: text, qboId: text, qboName: text, score: { type: 'number' }, signals: list({ enum: ['same-email', 'same-phone', 'same-street', 'same-surname', 'shared-words'] }), reason: text } }),
    statusMismatches: list({ type: 'object', required: ['hostId', 'qboId', 'name', 'hostActive', 'qboActive', 'fix', 'reason'], properties: { hostId: text, qboId: text, name: text, hostActive: { type: 'boolean' }, qboActive: { type: 'boolean' }, fix: { enum: ['host', 'qbo'] }, reason: text } }),
    duplicates: list({ type: 'object', required: ['reason', 'value', 'records', 'explanation'], properties: { reason: text, value: text, records: list(nameCandidate), explanation: text } }),
    linked: { ...count, description: 'Host records linked to a QuickBooks record and not failed now; they are left out of hostOnly, nearMatches and statusMismatches, and their QuickBooks records out of qboOnly.' },
    failed: {
      ...list(record({
        hostId: text,
        name: text,
        reason: { ...text, description: 'Why it failed, in plain words (the activity entry\'s message).' },
        at: epochMs,
        activityId: { ...text, description: 'The failure\'s activity entry: retry it with POST /activity/{id}/retry.' },
        retryable: { type: 'boolean', description: 'False for a failure of the initial sync: the sweep sends it again by itself.' },
      })),
      description: 'Host records whose newest activity entry is a failure nobody dismissed (linked or not), newest first; left out of linked and hostOnly.',
    },
  }),
  ImportRequest: { type: 'object', properties: { qboIds: { ...list(qboId), minItems: 1, maxItems: 10_000, description: 'Leave out to import every QuickBooks-only record.' } }, additionalProperties: false },
  Imported: record({ imported: count }),
  Accounts: record({
    income: list(record({ id: text, name: text })),
    deposit: list(record({ id: text, name: text, accountType: text })),
    payout: { ...list(record({ id: text, name: text, accountType: text })), description: 'Bank accounts a processor payout may be deposited into.' },
    payoutFee: { ...list(record({ id: text, name: text, accountType: text })), description: 'Expense and Other Expense accounts for the processing fee.' },
    taxCodes: { ...list(record({ id: text, name: text })), description: 'Tax codes that group rates (TAX and NON left out), named by a taxed invoice.' },
  }),
  Settings: record({
    incomeAccountId: textOrNull,
    depositAccountId: textOrNull,
    serviceImportKind: { enum: ['pool_service', 'work_order_type'] },
    taxCodeId: { ...textOrNull, description: 'The QuickBooks tax code a taxed invoice names; null: none chosen (taxed invoices wait).' },
    payoutAccountId: { ...textOrNull, description: "The bank account payouts are deposited into; null: don't sync payouts (the default)." },
    payoutFeeAccountId: { ...textOrNull, description: 'The expense account processing fees are posted to.' },
  }),
  SettingsChanges: {
    type: 'object',
    minProperties: 1,
    properties: {
      incomeAccountId: qboId,
      depositAccountId: qboId,
      serviceImportKind: { enum: ['pool_service', 'work_order_type'] },
      taxCodeId: { oneOf: [qboId, { type: 'null' }] },
      payoutAccountId: { oneOf: [qboId, { type: 'null' }], description: "null: don't sync payouts." },
      payoutFeeAccountId: { oneOf: [qboId, { type: 'null' }] },
    },
    additionalProperties: false,
  },
  HostCheck: record({
    ok: { type: 'boolean', description: 'True when the mapping fits the database and every record of the company reads.' },
    problems: list(record({ table: text, column: textOrNull, message: { type: 'string', description: 'Names the table, the column and the fix.' } })),
    unreadable: list(record({ kind: { enum: ['customer', 'item', 'invoice', 'payment', 'refund', 'payout'] }, id: { type: 'string', description: "The host row's key." }, reason: text })),
    truncated: { type: 'boolean', description: 'More unreadable records than listed (the first 1,000 are).' },
  }, 'The host-schema mapping checked against the live database, and the records of this company it cannot read.'),
  Preflight: {
    type: 'object',
    required: ['duplicates', 'credits', 'creditTotals', 'review', 'summary', 'salesTax', 'hasWarnings', 'notes', 'currency'],
    properties: {
      duplicates: list({ type: 'object', required: ['kind', 'reason', 'value', 'records', 'explanation'], properties: { kind: { enum: ['customer', 'item'] }, reason: text, value: text, records: list({ type: 'object', required: ['id', 'name'], properties: { id: text, name: text } }), explanation: text } }),
      credits: list({ type: 'object', required: ['customerId', 'customerName', 'count', 'totalCents', 'payments', 'explanation'], properties: { customerId: text, customerName: text, count, totalCents: { type: 'integer' }, payments: list(record({ id: text, amountCents: { type: 'integer' }, receivedOn: text })), explanation: text } }),
      creditTotals: record({ customers: count, count, totalCents: { type: 'integer' } }),
      review: list(ref('ReviewItem')),
      summary: ref('PreviewCounts'),
      salesTax: record({
        hostChargesTax: { type: 'boolean', description: 'Some invoice that is not void charges sales tax.' },
        qboSalesTax: { enum: ['automated', 'manual', 'off', null], description: "QuickBooks' Preferences.TaxPrefs: automated sales tax, manual codes and rates, or off; null when not read (the app charges no tax)." },
        warning: { ...textOrNull, description: 'What it means when the app charges tax no invoice could carry to QuickBooks as billed (sales tax off there, or no tax code chosen), and what to do; null when it fits.' },
      }),
      hasWarnings: { type: 'boolean' },
      notes: list(text),
      currency,
    },
    additionalProperties: false,
  },
  ReviewItem: record({
    key: { type: 'string', description: 'Stable for the same finding: what the page remembers as accepted.' },
    kind: { enum: ['customer', 'item'] },
    reason: { enum: ['near-match', 'status-overwritten', 'name-changed', 'not-sent'] },
    hostId: text, name: text, qboId: textOrNull, qboName: textOrNull,
    explanation: { type: 'string', description: 'What the first sync will do, in plain words.' },
    fix: { type: 'string', description: 'How to avoid it before Save & Sync.' },
  }, 'Something the first sync will change in QuickBooks that the admin should see first.'),
  PreviewCounts: record({ customer: ref('PreviewKindCounts'), item: ref('PreviewKindCounts') }, "The first sync's counts per kind, from the plan the job runs."),
  PreviewKindCounts: record({ total: count, link: count, update: count, create: count, renamed: count, makeInactive: count, makeActive: count, notSent: count, linkedBefore: count }),
  FieldChange: {
    type: 'object', required: ['field', 'label', 'from', 'to'], additionalProperties: false,
    properties: { field: text, label: text, from: text, to: text, cents: record({ from: { type: ['integer', 'null'] }, to: { type: ['integer', 'null'] } }) },
  },
  PreviewRow: record({
    kind: { enum: ['customer', 'item'] },
    hostId: text,
    name: { type: 'string', description: 'The name in the host.' },
    action: { enum: ['link', 'create', 'not-sent', 'linked-before'] },
    qboId: { ...textOrNull, description: 'The QuickBooks record a `link` pairs it with.' },
    qboName: { ...textOrNull, description: 'The name in QuickBooks: the linked record\'s, or the one a `create` will use.' },
    changes: list(ref('FieldChange')),
    makesInactive: { type: 'boolean' },
    makesActive: { type: 'boolean' },
    nameChanges: list(text),
    reason: textOrNull,
  }),
  SyncPreview: record({ rows: list(ref('PreviewRow')), counts: ref('PreviewCounts'), currency }),
  ActivityEntry: record({
    id: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$', description: 'Opaque; the id to retry with.' },
    tenantId: text,
    at: epochMs,
    action: { enum: ['create', 'update', 'delete', 'void', 'link', 'import', 'skip', 'retry', 'connect', 'disconnect', 'enable', 'disable'] },
    kind: { enum: ['customer', 'item', 'invoice', 'payment', 'refund', 'payout', null] },
    hostId: textOrNull,
    qboId: textOrNull,
    outcome: { enum: ['success', 'failure', 'skipped'] },
    message: { type: 'string', description: 'Plain words: what happened, and for a failure what to do.' },
    outboxId: { type: ['string', 'null'], description: 'Opaque; present on a delivery that can be retried.' },
    dismissedAt: { type: ['integer', 'null'], description: 'When a person dismissed this failure as handled elsewhere (ms since 1970-01-01 UTC); null otherwise.' },
  }),
  ActivityPage: record({ items: list(ref('ActivityEntry')), nextCursor: { ...textOrNull, description: 'Pass as `cursor` for the next page; null on the last.' } }),
  Retried: record({ retried: { const: true }, kind: textOrNull, hostId: textOrNull }),
  RetriedAll: record({ retried: count }),
  Dismissed: record({ dismissed: { const: true }, dismissedAt: epochMs }),
  OpenApiDocument: { type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: { const: '3.1.0' } } },
};
