import { HostEventDispatcher } from '../../../src/adapters/telemetry/host-event.dispatcher';
import type { PluginEvent } from '../../../src/application/ports/telemetry.port';
import { RecordingLogger } from '../../support/recording-logger';

const event = (tenantId: string): PluginEvent => ({ type: 'delivery.failed', tenantId, at: 1, kind: 'customer', hostId: '7', attempts: 8, reason: 'QuickBooks refused it.' });
const limits = { timeoutMs: 50, maxInFlight: 2 };

describe("the host's onEvent handler never harms the sync", () => {
  it('is called after the caller has moved on, with a frozen copy of the event', async () => {
    const seen: PluginEvent[] = [];
    const dispatcher = new HostEventDispatcher((e) => void seen.push(e), new RecordingLogger(), limits);
    dispatcher.dispatch(event('t-1'));
    expect(seen).toEqual([]);
    await dispatcher.drain();
    expect(seen).toEqual([event('t-1')]);
    expect(Object.isFrozen(seen[0])).toBe(true);
  });

  it('logs a throw, a rejection and a hang with the tenant and the event, and drains within the time limit', async () => {
    const logger = new RecordingLogger();
    const handlers = [() => { throw new Error('boom'); }, async () => Promise.reject(new Error('smtp refused')), () => new Promise<void>(() => undefined)];
    for (const [n, handler] of handlers.entries()) new HostEventDispatcher(handler, logger, limits).dispatch(event(`t-${n}`));
    const dispatchers = handlers.map((handler) => new HostEventDispatcher(handler, logger, limits));
    dispatchers.forEach((dispatcher, n) => dispatcher.dispatch(event(`u-${n}`)));
    const started = Date.now();
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.drain()));
    expect(Date.now() - started).toBeLessThan(5_000);
    const about = logger.lines.filter((line) => String((line.context as { tenantId?: string }).tenantId).startsWith('u-'));
    expect(about.map((line) => [line.level, line.message, (line.context as { tenantId: string }).tenantId])).toEqual([
      ['warn', 'onEvent handler failed; the sync goes on', 'u-0'],
      ['warn', 'onEvent handler failed; the sync goes on', 'u-1'],
      ['warn', 'onEvent handler did not finish in time; the sync goes on without it', 'u-2'],
    ]);
  });

  it('drops events (and says so) while too many handler calls hang, and takes them again once they end', async () => {
    const logger = new RecordingLogger();
    const seen: string[] = [];
    const dispatcher = new HostEventDispatcher(async (e) => {
      seen.push(e.tenantId);
      await new Promise(() => undefined);
    }, logger, limits);
    for (const n of [1, 2, 3]) dispatcher.dispatch(event(`t-${n}`));
    expect(logger.lines.map((line) => line.message)).toEqual(['onEvent handler calls are piling up; this event was dropped']);
    await dispatcher.drain();
    dispatcher.dispatch(event('t-4'));
    await dispatcher.drain();
    expect(seen).toEqual(['t-1', 't-2', 't-4']);
  });
});
