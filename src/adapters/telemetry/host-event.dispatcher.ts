import type { Logger } from '../../application/ports/logger.port';
import type { PluginEvent } from '../../application/ports/telemetry.port';

/** The host's `onEvent`: it may be async; what it returns is waited for only to log a failure. */
export type PluginEventHandler = (event: PluginEvent) => void | Promise<void>;

export interface EventDispatchLimits {
  /** How long one handler call may take before it is logged as hanging and no longer waited for. */
  readonly timeoutMs: number;
  /** Handler calls still running beyond which new events are dropped (and logged), so a stuck handler cannot pile up. */
  readonly maxInFlight: number;
}

export const defaultEventDispatchLimits: EventDispatchLimits = { timeoutMs: 10_000, maxInFlight: 100 };

/**
 * Hands events to the host's handler off the sync's path: the call returns at once, the handler runs on a later turn
 * of the event loop, and a throw, a rejection or a handler that never settles is logged with the tenant and the event,
 * never passed back. `drain()` waits (bounded) for handlers still running, for a graceful stop.
 */
export class HostEventDispatcher {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly handler: PluginEventHandler | undefined,
    private readonly logger: Logger,
    private readonly limits: EventDispatchLimits = defaultEventDispatchLimits,
  ) {}

  dispatch(event: PluginEvent): void {
    if (!this.handler) return;
    const about = { tenantId: event.tenantId, event: event.type };
    if (this.inFlight.size >= this.limits.maxInFlight) {
      this.logger.warn({ ...about, inFlight: this.inFlight.size }, 'onEvent handler calls are piling up; this event was dropped');
      return;
    }
    const handler = this.handler;
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.bounded(handler, event))
      .then(
        (settled) => {
          if (!settled) this.logger.warn({ ...about, timeoutMs: this.limits.timeoutMs }, 'onEvent handler did not finish in time; the sync goes on without it');
        },
        (error: unknown) => this.logger.warn({ ...about, error: error instanceof Error ? error.message : String(error) }, 'onEvent handler failed; the sync goes on'),
      )
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /** Waits for handler calls still running, each at most its timeout. */
  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  /** True when the handler settled in time; rethrows its failure. */
  private async bounded(handler: PluginEventHandler, event: PluginEvent): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.limits.timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([Promise.resolve(handler(Object.freeze({ ...event }))).then(() => true as const), late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
