import { metrics } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type MetricData } from '@opentelemetry/sdk-metrics';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { metricNames } from '../../src/adapters/telemetry/metric-names';
import type { JobStore } from '../../src/application/ports/job-store.port';
import type { OutboxStore } from '../../src/application/ports/outbox-store.port';
import { createSqliteDatabase } from '../support/database';
import { useHostStack } from '../support/host-stack';
import { createTestHost } from '../support/test-host';
import { injectFault } from '../support/workers/sync-tenant';

/** An SDK as a host installs it, exporting to memory; `read()` collects now and returns every metric by name. */
const inMemorySdk = () => {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  const read = async (): Promise<Map<string, MetricData>> => {
    exporter.reset();
    await reader.forceFlush();
    return new Map(exporter.getMetrics().flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics)).map((metric) => [metric.descriptor.name, metric]));
  };
  return { provider, read };
};

/** The value of the data point whose attributes include `attributes` (a histogram's count). */
const valueOf = (metric: MetricData | undefined, attributes: Record<string, unknown> = {}): number | undefined => {
  const point = metric?.dataPoints.find((p) => Object.entries(attributes).every(([key, value]) => p.attributes[key] === value));
  const value = point?.value as number | { count: number } | undefined;
  return typeof value === 'number' ? value : value?.count;
};

describe('metrics through OpenTelemetry, read by an in-memory exporter', () => {
  const sdk = inMemorySdk();
  const tenant = 'met-1';
  let jobs: JobStore;
  let backlogReads = 0;
  const stack = useHostStack({
    tenant,
    meterProvider: sdk.provider,
    qbo: { timeScale: 0.001 },
    adapters: {
      jobStore: (standard) => (jobs = standard),
      outboxStore: (standard) => Object.assign(Object.create(standard) as OutboxStore, { backlog: (now: number) => ((backlogReads += 1), standard.backlog(now)) }),
    },
    timeoutMs: 30_000,
  });
  afterAll(() => sdk.provider.shutdown());

  const addCustomer = (tenantId: string, firstName: string): Promise<string> =>
    stack.db.knex.transaction(async (trx) => {
      const id = await new ReferenceHostSeeder(trx).customer(tenantId, { firstName, lastName: 'Metrics' });
      await stack.host.plugin.notify({ tenantId, kind: 'customer', id }, { trx });
      return id;
    });

  it('counts deliveries by kind and outcome, and QBO requests by status with their latency, 429s apart', async () => {
    await stack.host.plugin.start();
    await addCustomer(tenant, 'First');
    await stack.host.plugin.deliverPending();
    await injectFault(stack.emulator.url, stack.realmId, 'throttle', 1);
    await addCustomer(tenant, 'Throttled');
    await stack.host.plugin.deliverPending();
    const read = await sdk.read();
    expect(valueOf(read.get(metricNames.deliveries), { 'qbo_sync.record.kind': 'customer', 'qbo_sync.delivery.outcome': 'delivered' })).toBe(2);
    expect(valueOf(read.get(metricNames.qboRequests), { 'http.response.status_code': 429 })).toBe(1);
    expect(valueOf(read.get(metricNames.qboRequests), { 'http.response.status_code': 200, 'qbo_sync.qbo.operation': 'single' })).toBeGreaterThanOrEqual(2);
    const duration = read.get(metricNames.qboRequestDuration);
    expect(duration?.descriptor.unit).toBe('s');
    expect(valueOf(duration, { 'http.response.status_code': 429 })).toBe(1);
  });

  it('reads the queue and the initial syncs in progress when it collects, naming no tenant', async () => {
    await addCustomer('met-held', 'Held');
    const job = await jobs.start('met-gauge', 'job-gauge', Date.now());
    await jobs.update('met-gauge', job.job.id, { total: 10, done: 4, failed: 1 }, Date.now());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const read = await sdk.read();
    expect(valueOf(read.get(metricNames.outboxPending))).toBe(1);
    expect(valueOf(read.get(metricNames.outboxOldestPendingAge))).toBeGreaterThan(0);
    expect(valueOf(read.get(metricNames.initialSyncRunning))).toBe(1);
    const records = read.get(metricNames.initialSyncRecords);
    expect(['total', 'done', 'failed'].map((count) => valueOf(records, { 'qbo_sync.initial_sync.count': count }))).toEqual([10, 4, 1]);
    const attributes = [...read.values()].flatMap((metric) => metric.dataPoints.map((point) => JSON.stringify(point.attributes)));
    expect(attributes.filter((text) => /met-/.test(text))).toEqual([]);
  });

  it('reads the database only when the SDK collects, and no longer once the plugin stops', async () => {
    const before = backlogReads;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backlogReads).toBe(before);
    await sdk.read();
    expect(backlogReads).toBe(before + 1);
    await stack.host.plugin.stop();
    await sdk.read();
    expect(backlogReads).toBe(before + 1);
  });
});

describe("metrics through the SDK the host registered globally, with no option", () => {
  it('finds the global meter provider', async () => {
    const sdk = inMemorySdk();
    metrics.setGlobalMeterProvider(sdk.provider);
    const db = await createSqliteDatabase();
    try {
      const host = await createTestHost(db.knex, 'http://127.0.0.1:9');
      await host.plugin.start();
      await host.plugin.notify({ tenantId: 'global-1', kind: 'customer', id: 1 });
      expect(valueOf((await sdk.read()).get(metricNames.outboxPending))).toBe(1);
      await host.plugin.stop();
    } finally {
      metrics.disable();
      await sdk.provider.shutdown();
      await db.destroy();
    }
  });
});
