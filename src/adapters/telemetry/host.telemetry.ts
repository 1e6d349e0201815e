import type { HostRecordKind } from '../../domain/host/host-records';
import type { DeliveryOutcomeKind, PluginEvent, QboRequestSample, Telemetry } from '../../application/ports/telemetry.port';
import type { HostEventDispatcher } from './host-event.dispatcher';
import type { OtelMetrics } from './otel-metrics';

/** The Telemetry port for a host: events to its `onEvent`, measurements to OpenTelemetry. Nothing here throws. */
export class HostTelemetry implements Telemetry {
  constructor(
    private readonly events: HostEventDispatcher,
    private readonly metrics: OtelMetrics,
  ) {}

  event(event: PluginEvent): void {
    this.events.dispatch(event);
  }

  deliverySettled(kind: HostRecordKind, outcome: DeliveryOutcomeKind): void {
    quietly(() => this.metrics.deliverySettled(kind, outcome));
  }

  qboRequest(sample: QboRequestSample): void {
    quietly(() => this.metrics.qboRequest(sample));
  }

  /** Waits (bounded) for the host's event handlers still running. */
  drain(): Promise<void> {
    return this.events.drain();
  }
}

/** A metrics SDK that throws must not stop a delivery: the measurement is dropped. */
const quietly = (record: () => void): void => {
  try {
    record();
  } catch {
    // dropped on purpose
  }
};
