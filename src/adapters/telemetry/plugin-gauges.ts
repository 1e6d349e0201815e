import type { BatchObservableCallback, Meter } from '@opentelemetry/api';
import type { InitialSyncJob } from '../../application/ports/job-store.port';
import type { Logger } from '../../application/ports/logger.port';
import type { OutboxStats } from '../../application/ports/outbox-store.port';
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
 * The gauges: read from the database only when the SDK collects. Returns what stops them (the plugin's `stop`), so a
 * stopped plugin is not read again.
 */
export const observePluginGauges = (meter: Meter, readings: MetricReadings, logger: Logger): (() => void) => {
  const pending = meter.createObservableGauge(names.outboxPending, { description: 'Changes waiting to be sent to QuickBooks, every tenant together.', unit: '{change}' });
  const failed = meter.createObservableGauge(names.outboxFailed, { description: 'Changes that gave up and wait for a retry from the activity log.', unit: '{change}' });
  const oldest = meter.createObservableGauge(names.outboxOldestPendingAge, { description: 'Age of the oldest change still waiting to be sent.', unit: 's' });
  const running = meter.createObservableGauge(names.initialSyncRunning, { description: 'Initial syncs (Save & Sync) in progress.', unit: '{job}' });
  const records = meter.createObservableGauge(names.initialSyncRecords, { description: 'Records of the initial syncs in progress: total, done and failed.', unit: '{record}' });
  const lastRound = meter.createObservableGauge(names.workerLastRoundAge, { description: "Time since this process's delivery worker last finished a round.", unit: 's' });
  const observables = [pending, failed, oldest, running, records, lastRound];
  const callback: BatchObservableCallback = async (observer) => {
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
  };
  meter.addBatchObservableCallback(callback, observables);
  return () => meter.removeBatchObservableCallback(callback, observables);
};
