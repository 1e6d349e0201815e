import type { Knex } from 'knex';
import type { MeterProvider } from '@opentelemetry/api';
import type { DeliveryPolicy } from '../application/delivery/delivery-policy';
import { pluginMeter } from '../adapters/telemetry/create-host-telemetry';
import { observePluginGauges } from '../adapters/telemetry/plugin-gauges';
import type { DeliveryWorker } from '../adapters/worker/delivery-worker';
import { checkHealth, readinessHandler } from './plugin-health';
import type { PluginPorts } from './plugin-ports';

export interface OperationsParts {
  readonly knex: Knex;
  readonly tablePrefix: string;
  readonly policy: DeliveryPolicy;
  readonly ports: PluginPorts;
  readonly worker: DeliveryWorker;
  readonly workerEnabled: boolean;
  readonly pollMs: number;
  readonly meterProvider?: MeterProvider | undefined;
}

/** What the host's operators see: health, the readiness handler, and the gauges (observed from start to stop). */
export const createPluginOperations = ({ knex, tablePrefix, policy, ports, worker, workerEnabled, pollMs, meterProvider }: OperationsParts) => {
  const { clock, outboxStore, jobStore, logger } = ports;
  // A worker is stuck when no round ended for ten polls or two leases, whichever is longer.
  const staleAfterMs = Math.max(60_000, 10 * pollMs, 2 * policy.leaseMs);
  const health = () => checkHealth({ knex, tablePrefix, outbox: outboxStore, worker: { enabled: workerEnabled, heartbeat: () => worker.heartbeat(), staleAfterMs }, now: () => clock.now() });
  const readings = {
    backlog: () => outboxStore.backlog(clock.now()),
    initialSyncsRunning: () => jobStore.running(),
    workerLastRoundAt: () => worker.heartbeat().lastRoundAt,
    now: () => clock.now(),
  };
  let stopGauges = (): void => undefined;
  return {
    health,
    readiness: readinessHandler(health),
    startGauges(): void {
      stopGauges();
      stopGauges = observePluginGauges(pluginMeter(meterProvider), readings, logger);
    },
    /** Stops the gauges, then waits (bounded) for the host's event handlers still running. */
    async stop(): Promise<void> {
      stopGauges();
      stopGauges = () => undefined;
      await (ports.telemetry as { drain?: () => Promise<void> }).drain?.();
    },
  };
};
