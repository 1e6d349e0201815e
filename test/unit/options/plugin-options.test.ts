import knex from 'knex';
import pino from 'pino';
import { parsePluginOptions, type QboSyncPluginOptions } from '../../../src/composition/plugin-options';

const db = knex({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
afterAll(() => db.destroy());

const valid = (): QboSyncPluginOptions => ({
  knex: db,
  qbo: { clientId: 'client', clientSecret: 'secret', redirectUri: 'http://host.test/cb', environment: 'sandbox' },
  encryptionKey: Buffer.alloc(32, 1),
  resolveTenant: () => 't',
  authorize: () => true,
});

/** The lines of the refusal, or [] when the options pass. */
const problems = (options: unknown): string[] => {
  try {
    parsePluginOptions(options);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    const [first, ...lines] = (error as Error).message.split('\n');
    expect(first).toBe('qbo-sync cannot start:');
    return lines.map((line) => line.replace(/^- /, ''));
  }
};

describe('the options schema', () => {
  it.each([
    [{ worker: { tenantConcurrency: 0 } }, '"worker.tenantConcurrency" must be a whole number from 1 to 1000 (how many companies one process delivers to at once); it is 0.'],
    [{ delivery: { batchSize: 'lots' } }, '"delivery.batchSize" must be a whole number from 1 to 1000 (changes one round claims for a company); it is the text "lots".'],
    [{ worker: { pollMs: -1 } }, '"worker.pollMs" must be a whole number from 10 to 600000 (how often the outbox is polled, in ms); it is -1.'],
    [{ worker: { pollMs: 2.5 } }, '"worker.pollMs" must be a whole number from 10 to 600000 (how often the outbox is polled, in ms); it is 2.5.'],
    [{ delivery: { maxAttempts: Number.NaN } }, '"delivery.maxAttempts" must be a whole number from 1 to 1000 (attempts before a change is shown as failed); it is NaN.'],
    [{ qbo: { ...valid().qbo, timeScale: -1 } }, '"qbo.timeScale" must be a number above 0 and at most 1 (multiplies every wait and rate window; 1 is real time, less only against an emulator); it is -1.'],
    [{ qbo: { ...valid().qbo, environment: 'prod' } }, '"qbo.environment" must be "sandbox" or "production".'],
    [{ worker: 'on' }, '"worker" must be an object with some of: enabled, pollMs, tenantConcurrency, sweepMs, stopTimeoutMs.'],
    [{ adminRateLimit: true }, '"adminRateLimit" must be { perUserPerMinute, perTenantPerMinute } or false.'],
    [{ logger: console }, '"logger" must be a pino logger, or an object with debug, info, warn, error (context, message) and child(bindings).'],
    [{ onEvent: 'mailto:admin' }, '"onEvent" must be a function (event) => { … } that the plugin calls with each event.'],
    [{ allowedOrigins: ['https://admin.example.com/page'] }, '"allowedOrigins" must be a list of origins such as "https://admin.example.com" (scheme, host and port only).'],
    [{ tablePrefix: '1x' }, '"tablePrefix" must be letters, digits and _ (at most 20), starting with a letter.'],
    [{ hostAppName: '   ' }, '"hostAppName" must be the name people know your app by, 1 to 100 characters (QuickBooks memos say "from <hostAppName>").'],
    [{ delivery: { baseBackoffMs: 5_000, maxBackoffMs: 1_000 } }, '"delivery.maxBackoffMs" (1000) must not be below "delivery.baseBackoffMs" (5000).'],
    [{ hostSchema: { customer: { table: 'clients' } } }, '"hostSchema": hostSchema has unknown tables: customer (it maps customers, catalogItems, invoices, invoiceLines, payments, refunds, payouts, payoutPayments).'],
  ])('refuses bad option %# with one message that names it and the fix', (bad, message) => {
    expect(problems({ ...valid(), ...bad })).toEqual([message]);
  });

  it('names an unknown option, suggests the one meant, and lists the others', () => {
    expect(problems({ ...valid(), workers: { pollMs: 100 } })).toEqual([
      expect.stringMatching(/^"workers" is not an option; did you mean "worker"\? The options are: knex, tablePrefix, .*onEvent, meterProvider\.$/),
    ]);
    expect(problems({ ...valid(), worker: { pollMS: 100 } })).toEqual(['"worker.pollMS" is not an option of "worker"; did you mean "pollMs"? The options of "worker" are: enabled, pollMs, tenantConcurrency, sweepMs, stopTimeoutMs.']);
  });

  it('gives every bad option its own line, the required ones with the messages hosts know', () => {
    const { resolveTenant: _r, authorize: _a, encryptionKey: _k, ...rest } = valid();
    expect(problems({ ...rest, worker: { tenantConcurrency: 0, pollMs: -1 } })).toEqual([
      '"resolveTenant(req)" is required: it tells which host company a request belongs to.',
      '"authorize(req, action)" is required: it decides who may manage the QuickBooks connection and sync.',
      expect.stringMatching(/^"worker.pollMs" must be/),
      expect.stringMatching(/^"worker.tenantConcurrency" must be/),
      '"encryptionKey" (32 bytes) is required: QuickBooks tokens are encrypted at rest with it.',
    ]);
    expect(problems({ knex: db })).toEqual(expect.arrayContaining(['"qbo" { clientId, clientSecret, redirectUri, environment } is required.']));
  });

  it('never shows a secret it refuses: a bad client secret or key is described, not repeated', () => {
    const lines = problems({ ...valid(), qbo: { ...valid().qbo, clientSecret: 42 }, encryptionKey: 'not-a-key-but-a-secret' });
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toMatch(/not-a-key-but-a-secret|42/);
  });

  it('takes pino, any logger shaped like it, and the functions with their signatures', () => {
    const lines: unknown[] = [];
    const shaped = { debug: () => undefined, info: () => undefined, warn: (...args: unknown[]) => lines.push(args), error: () => undefined, child: () => shaped };
    expect(problems({ ...valid(), logger: pino({ level: 'silent' }) })).toEqual([]);
    expect(problems({ ...valid(), logger: shaped, onEvent: async () => undefined, resolveUser: () => 'u', worker: { sweepMs: 0 }, adminRateLimit: false })).toEqual([]);
  });
});
