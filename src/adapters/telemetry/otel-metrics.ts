import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import type { HostRecordKind } from '../../domain/host/host-records';
import type { DeliveryOutcomeKind, QboRequestSample } from '../../application/ports/telemetry.port';
import { metricAttributes as attr, metricNames as names } from './metric-names';

/**
 * Counters and the latency histogram through the OpenTelemetry API, recorded as things happen: silent (the API's
 * no-op meter) unless the host registered an SDK's meter provider or passed `meterProvider`.
 */
export class OtelMetrics {
  private readonly deliveries: Counter;
  private readonly requests: Counter;
  private readonly duration: Histogram;

  constructor(meter: Meter) {
    this.deliveries = meter.createCounter(names.deliveries, { description: 'Outbox changes that ended a delivery attempt, by record kind and outcome.', unit: '{change}' });
    this.requests = meter.createCounter(names.qboRequests, { description: 'HTTP requests to QuickBooks Online, by operation and status (429: throttled).', unit: '{request}' });
    this.duration = meter.createHistogram(names.qboRequestDuration, { description: 'How long QuickBooks Online took to answer, by operation and status.', unit: 's' });
  }

  deliverySettled(kind: HostRecordKind, outcome: DeliveryOutcomeKind): void {
    this.deliveries.add(1, { [attr.recordKind]: kind, [attr.deliveryOutcome]: outcome });
  }

  qboRequest(sample: QboRequestSample): void {
    const attributes: Attributes = { [attr.qboOperation]: sample.operation, ...(sample.status === 'lost' ? { [attr.errorType]: 'no_answer' } : { [attr.httpStatus]: sample.status }) };
    this.requests.add(1, attributes);
    this.duration.record(Math.max(0, sample.durationMs) / 1000, attributes);
  }
}
