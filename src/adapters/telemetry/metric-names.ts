/**
 * The plugin's metric names and attributes, as documented in docs/operating.md. OpenTelemetry's naming rules:
 * dot-separated lower case under one namespace, units in UCUM (`s`, `{request}`), HTTP status as
 * `http.response.status_code` and a request without an answer as `error.type`.
 */
export const metricNames = {
  deliveries: 'qbo_sync.deliveries',
  qboRequests: 'qbo_sync.qbo.requests',
  qboRequestDuration: 'qbo_sync.qbo.request.duration',
  outboxPending: 'qbo_sync.outbox.pending',
  outboxFailed: 'qbo_sync.outbox.failed',
  outboxOldestPendingAge: 'qbo_sync.outbox.oldest_pending.age',
  initialSyncRunning: 'qbo_sync.initial_sync.running',
  initialSyncRecords: 'qbo_sync.initial_sync.records',
  workerLastRoundAge: 'qbo_sync.worker.last_round.age',
} as const;

export const metricAttributes = {
  recordKind: 'qbo_sync.record.kind',
  deliveryOutcome: 'qbo_sync.delivery.outcome',
  qboOperation: 'qbo_sync.qbo.operation',
  httpStatus: 'http.response.status_code',
  errorType: 'error.type',
  initialSyncCount: 'qbo_sync.initial_sync.count',
} as const;
