import type { Meter, MeterProvider } from '@opentelemetry/api';
import { InMemoryTelemetry } from '../../src/adapters/memory/in-memory.telemetry';
import { HostEventDispatcher } from '../../src/adapters/telemetry/host-event.dispatcher';
import { HostTelemetry } from '../../src/adapters/telemetry/host.telemetry';
import { createHostTelemetry } from '../../src/adapters/telemetry/create-host-telemetry';
import { OtelMetrics } from '../../src/adapters/telemetry/otel-metrics';
import { RecordingLogger } from '../support/recording-logger';
import { telemetryContract } from './telemetry.contract';

/** A metrics SDK that fails on every recording. */
const brokenMeter = (): Meter => {
  const fail = (): never => {
    throw new Error('exporter down');
  };
  return { createCounter: () => ({ add: fail }), createHistogram: () => ({ record: fail }) } as unknown as Meter;
};

telemetryContract('in memory', () => ({ telemetry: new InMemoryTelemetry() }));
telemetryContract('host (no handler, no SDK)', () => ({ telemetry: createHostTelemetry(undefined, new RecordingLogger()) }));
telemetryContract('host (a handler that throws, an SDK that throws)', () => {
  const telemetry = new HostTelemetry(new HostEventDispatcher(() => { throw new Error('handler down'); }, new RecordingLogger()), new OtelMetrics(brokenMeter()));
  return { telemetry, stop: () => telemetry.drain() };
});
telemetryContract('host (a meter provider of its own)', () => {
  const provider = { getMeter: () => brokenMeter() } as unknown as MeterProvider;
  const telemetry = createHostTelemetry(async () => undefined, new RecordingLogger(), provider);
  return { telemetry, stop: () => telemetry.drain() };
});
