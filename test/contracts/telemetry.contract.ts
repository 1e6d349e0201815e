import type { PluginEvent, Telemetry } from '../../src/application/ports/telemetry.port';

const event: PluginEvent = { type: 'sync.paused', tenantId: 't-1', at: 1, reason: 'turned_off', message: 'The sync was turned off.' };

/** What every Telemetry adapter promises its call sites: each call returns at once, with nothing, and never throws. */
export const telemetryContract = (name: string, make: () => { telemetry: Telemetry; stop?: () => Promise<void> }): void => {
  describe(`Telemetry contract: ${name}`, () => {
    it('returns at once from every call, with nothing, and never throws', async () => {
      const { telemetry, stop } = make();
      expect(telemetry.event(event)).toBeUndefined();
      expect(telemetry.deliverySettled('customer', 'delivered')).toBeUndefined();
      expect(telemetry.qboRequest({ operation: 'single', status: 429, durationMs: 12 })).toBeUndefined();
      expect(telemetry.qboRequest({ operation: 'batch', status: 'lost', durationMs: -5 })).toBeUndefined();
      await stop?.();
    });
  });
};
