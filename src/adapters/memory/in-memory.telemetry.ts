import type { HostRecordKind } from '../../domain/host/host-records';
import type { DeliveryOutcomeKind, PluginEvent, QboRequestSample, Telemetry } from '../../application/ports/telemetry.port';

/** Keeps what it is told, for tests and for hosts that read events in process. */
export class InMemoryTelemetry implements Telemetry {
  readonly events: PluginEvent[] = [];
  readonly deliveries: { kind: HostRecordKind; outcome: DeliveryOutcomeKind }[] = [];
  readonly requests: QboRequestSample[] = [];

  event(event: PluginEvent): void {
    this.events.push(event);
  }

  deliverySettled(kind: HostRecordKind, outcome: DeliveryOutcomeKind): void {
    this.deliveries.push({ kind, outcome });
  }

  qboRequest(sample: QboRequestSample): void {
    this.requests.push(sample);
  }
}
