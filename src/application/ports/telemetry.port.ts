import type { HostRecordKind } from '../../domain/host/host-records';

interface EventBase {
  /** The host company the event is about. */
  readonly tenantId: string;
  /** When it happened (ms since the epoch). */
  readonly at: number;
}

/**
 * What the plugin tells a host through `onEvent`, so it can e-mail its admins or fire a webhook. Every event names
 * its tenant; none carries a token, a secret or a host record's contents.
 */
export type PluginEvent =
  /** QBO no longer accepts the stored authorization (revoked, expired): an admin must reconnect; changes wait meanwhile. */
  | (EventBase & { readonly type: 'connection.needs_reconnect'; readonly realmId: string; readonly reason: string })
  /** A connection that needed attention (or was being confirmed) is usable again; waiting changes flow. */
  | (EventBase & { readonly type: 'connection.restored'; readonly realmId: string; readonly companyName: string | null })
  /** One change gave up: QBO or the rules refused it, or it kept failing. It stays in the activity log with a retry. */
  | (EventBase & { readonly type: 'delivery.failed'; readonly kind: HostRecordKind; readonly hostId: string; readonly attempts: number; readonly reason: string })
  /** Save & Sync's first push finished; `failed` records are listed in the activity log. */
  | (EventBase & { readonly type: 'initial_sync.completed'; readonly jobId: string; readonly total: number; readonly done: number; readonly failed: number })
  /** Save & Sync's first push stopped before the end (repeated errors, or the sync was turned off). */
  | (EventBase & { readonly type: 'initial_sync.failed'; readonly jobId: string; readonly total: number; readonly done: number; readonly failed: number; readonly message: string })
  /** Changes stop flowing to QBO and wait: an admin turned the sync off, or disconnected QBO while it was on. */
  | (EventBase & { readonly type: 'sync.paused'; readonly reason: SyncPauseReason; readonly message: string });

export type PluginEventType = PluginEvent['type'];
/** A connection needing attention is told by `connection.needs_reconnect`. */
export type SyncPauseReason = 'turned_off' | 'disconnected';

/** How one outbox row ended a delivery attempt. */
export type DeliveryOutcomeKind = 'delivered' | 'retry' | 'failed' | 'held';

/** One HTTP request to QBO: its answer's status (`lost`: no answer, a timeout or a dropped connection) and how long it took. */
export interface QboRequestSample {
  readonly operation: 'single' | 'batch' | 'company-check';
  readonly status: number | 'lost';
  readonly durationMs: number;
}

/**
 * What the plugin reports about itself while it runs: events for the host (never awaited, never thrown from) and
 * measurements for metrics. Every method returns at once and never throws, so a call site is one line that cannot
 * harm the sync.
 */
export const Telemetry = Symbol('qbo-sync.Telemetry');
export interface Telemetry {
  event(event: PluginEvent): void;
  deliverySettled(kind: HostRecordKind, outcome: DeliveryOutcomeKind): void;
  qboRequest(sample: QboRequestSample): void;
}

/** Reports nothing: for wiring that has no host to tell (benchmarks, parts of tests). */
export const silentTelemetry: Telemetry = { event: () => undefined, deliverySettled: () => undefined, qboRequest: () => undefined };

/** Every event type, by name; a record, so an event added to PluginEvent and not here is a compile error. */
const eventTypeSet: Record<PluginEventType, true> = {
  'connection.needs_reconnect': true, 'connection.restored': true, 'delivery.failed': true, 'initial_sync.completed': true, 'initial_sync.failed': true, 'sync.paused': true,
};
export const pluginEventTypes = Object.keys(eventTypeSet) as readonly PluginEventType[];
