import { metrics, type Meter, type MeterProvider } from '@opentelemetry/api';
import type { Logger } from '../../application/ports/logger.port';
import type { PluginEventHandler } from './host-event.dispatcher';
import { HostEventDispatcher } from './host-event.dispatcher';
import { HostTelemetry } from './host.telemetry';
import { OtelMetrics } from './otel-metrics';

/** The plugin's meter: from the host's provider when given, else the global one (the API's no-op until an SDK registers). */
export const pluginMeter = (provider?: MeterProvider): Meter => (provider ?? metrics.getMeterProvider()).getMeter('qbo-sync');

/** The standard Telemetry: the host's `onEvent`, and OpenTelemetry counters on the plugin's meter. */
export const createHostTelemetry = (onEvent: PluginEventHandler | undefined, logger: Logger, meterProvider?: MeterProvider): HostTelemetry =>
  new HostTelemetry(new HostEventDispatcher(onEvent, logger), new OtelMetrics(pluginMeter(meterProvider)));
