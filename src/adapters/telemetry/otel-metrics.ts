import { metrics, type Attributes, type Counter, type Histogram, type Meter } from '@opentelemetry/api';
import type { HostRecordKind } from '../../domain/host/host-records';
import type { Logger } from '../../application/ports/logger.port';
import type { InitialSyncJob } from '../../application/ports/job-store.port';
import type { OutboxStats } from '../../application/ports/outbox-store.port';
import type { DeliveryOutcomeKind, QboRequestSample } from '../../application/ports/telemetry.port';
import { metricAttributes as attr, metricNames as names } from './metric-names';

/** What the gauges read when the host's SDK collects (never otherwise: without an SDK nothing is read). */
export interface MetricReadings {
  /** Every tenant's outbox together. */
  backlog(): Promise<OutboxStats>;
  initialSyncsRunning(): Promise<readonly InitialSyncJob[]>;
  /** When this process's worker last finished a round (ms since the epoch); null when it has not run. */
  workerLastRoundAt(): number | null;
  now(): number;
}

/**
 * Metrics through the OpenTelemetry API: silent (the API's no-op meter) unless the host registered an SDK's meter
 * provider, or passed its own `meter`. Counters and the latency histogram are recorded as things happen; queue and
 * initial-sync gauges are read from the database only when the SDK collects.
 */
export class OtelMetrics {
  private readonly deliveries: Counter;
  private readonly requests: Counter;
  private readonly duration: Histogram;

  constructor(readings: MetricReadings, logger: Logger, meter: Meter = metrics.getMeter('qbo-sync')) {
    this.deliveries = meter.createCounter(names.deliveries, { description: 'Outbox changes that ended a delivery attempt, by record kind and outcome.', unit: '{change}' });
    this.requests = meter.createCounter(names.qboRequests, { description: 'HTTP requests to QuickBooks Online, by operation and status (429: throttled).', unit: '{request}' });
    this.duration = meter.createHistogram(names.qboRequestDuration, { description: 'How long QuickBooks Online took to answer, by operation and status.', unit: 's' });
    this.observe(meter, readings, logger);
  }

  deliverySettled(kind: HostRecordKind, outcome: DeliveryOutcomeKind): void {
    this.deliveries.add(1, { [attr.recordKind]: kind, [attr.deliveryOutcome]: outcome });
  }

  qboRequest(sample: QboRequestSample): void {
    const attributes: Attributes = { [attr.qboOperation]: sample.operation, ...(sample.status === 'lost' ? { [attr.errorType]: 'no_answer' } : { [attr.httpStatus]: sample.status }) };
    this.requests.add(1, attributes);
    this.duration.record(Math.max(0, sample.durationMs) / 1000, attributes);
  }

  private observe(meter: Meter, readings: MetricReadings, logger: Logger): void {
    const pending = meter.createObservableGauge(names.outboxPending, { description: 'Changes waiting to be sent to QuickBooks, every tenant together.', unit: '{change}' });
    const failed = meter.createObservableGauge(names.outboxFailed, { description: 'Changes that gave up and wait for a retry from the activity log.', unit: '{change}' });
    const oldest = meter.createObservableGauge(names.outboxOldestPendingAge, { description: 'Age of the oldest change still waiting to be sent.', unit: 's' });
    const running = meter.createObservableGauge(names.initialSyncRunning, { description: 'Initial syncs (Save & Sync) in progress.', unit: '{job}' });
    const records = meter.createObservableGauge(names.initialSyncRecords, { description: 'Records of the initial syncs in progress: total, done and failed.', unit: '{record}' });
    const lastRound = meter.createObservableGauge(names.workerLastRoundAge, { description: "Time since this process's delivery worker last finished a round.", unit: 's' });
    meter.addBatchObservableCallback(async (observer) => {
      try {
        const [backlog, jobs] = await Promise.all([readings.backlog(), readings.initialSyncsRunning()]);
        observer.observe(pending, backlog.pending);
        observer.observe(failed, backlog.failed);
        observer.observe(oldest, backlog.oldestAgeMs / 1000);
        observer.observe(running, jobs.length);
        for (const count of ['total', 'done', 'failed'] as const) observer.observe(records, jobs.reduce((sum, job) => sum + job[count], 0), { [attr.initialSyncCount]: count });
      } catch (error) {
        logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'reading the outbox and initial-sync gauges failed; they are skipped this time');
      }
      const at = readings.workerLastRoundAt();
      if (at !== null) observer.observe(lastRound, Math.max(0, readings.now() - at) / 1000);
    }, [pending, failed, oldest, running, records, lastRound]);
  }
}
