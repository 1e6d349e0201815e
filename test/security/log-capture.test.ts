import { Writable } from 'node:stream';
import pino from 'pino';
import { PinoLogger } from '../../src/adapters/logging/pino.logger';
import { canaryClientSecret, canaryRefreshToken, findCanary } from '../support/canary';
import { watchProbe } from '../support/log-capture.setup';

/** The suite-wide canary check can only be trusted if it sees what pino, the streams and the console print. */
describe('log capture (the canary check of the whole suite)', () => {
  it.each([
    ['pino writing straight to fd 1', (probe: string) => new PinoLogger().warn({ probe }, 'log capture probe')],
    ['process.stdout.write', (probe: string) => process.stdout.write(`${probe}\n`)],
    ['process.stderr.write', (probe: string) => process.stderr.write(`${probe}\n`)],
    ['console.log', (probe: string) => console.log('probe', probe)],
  ])('sees a line written through %s', async (_how, write) => {
    const probe = `probe-${Math.random().toString(36).slice(2)}`;
    const watch = watchProbe(probe);
    try {
      write(probe);
      await new Promise((resolve) => setImmediate(resolve));
      expect(watch.seen()).toBe(true);
    } finally {
      watch.stop();
    }
  });

  it('recognises the planted secrets and any refresh token the emulator issues', () => {
    expect(findCanary(`{"msg":"x","secret":"${canaryClientSecret}"}`)).toBe(canaryClientSecret);
    expect(findCanary(`refresh ${canaryRefreshToken} failed`)).toBe(canaryRefreshToken);
    expect(findCanary('token RT1-abcdefghijklmnopqrstuvwxyz012345 rotated')).toBe('RT1-abcdefghijklmnopqrstuvwxyz012345');
    expect(findCanary('nothing secret here, intuit_tid 1-abc')).toBeNull();
  });

  it('does not print a redacted canary: a host logger given to the plugin gets the censored line', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    new PinoLogger(pino(sink)).error({ refresh_token: canaryRefreshToken, nested: { deeper: { clientSecret: canaryClientSecret } } }, 'refresh failed');
    expect(lines.join('')).toContain('refresh failed');
    expect(findCanary(lines.join(''))).toBeNull();
  });
});
