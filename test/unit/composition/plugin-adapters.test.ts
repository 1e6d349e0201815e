import knex from 'knex';
import { InMemoryQboGateway } from '../../../src/adapters/memory/in-memory-qbo.gateway';
import { Clock } from '../../../src/application/ports/clock.port';
import { QboGateway } from '../../../src/application/ports/qbo-gateway.port';
import { createPluginPorts } from '../../../src/composition/plugin-adapters';
import { assertValidOptions, type QboSyncPluginOptions } from '../../../src/composition/plugin-options';
import { adaptersOfOverrides } from '../../../src/composition/port-overrides';

const db = knex({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
afterAll(() => db.destroy());

const options = (extra: Partial<QboSyncPluginOptions> = {}): QboSyncPluginOptions => ({
  knex: db,
  qbo: { clientId: 'client', clientSecret: 'secret', redirectUri: 'http://host.test/cb', environment: 'sandbox' },
  encryptionKey: Buffer.alloc(32, 1),
  resolveTenant: () => 't',
  authorize: () => true,
  ...extra,
});

describe('replacing a port', () => {
  it('takes an adapter by its port name, or a function that wraps the standard one', () => {
    const gateway = new InMemoryQboGateway();
    const clock = { now: () => 42 };
    expect(createPluginPorts(options(), 'qbo_', { qboGateway: gateway, clock }).qboGateway).toBe(gateway);
    let wrapped: unknown = null;
    const ports = createPluginPorts(options(), 'qbo_', { linkStore: (standard) => ((wrapped = standard), standard) });
    expect(ports.linkStore).toBe(wrapped);
    expect(wrapped).toEqual(expect.objectContaining({ getMany: expect.any(Function) }));
  });

  it('refuses a name that is not a port, and says which names are', () => {
    expect(() => assertValidOptions(options({ adapters: { qboGatway: {} } as never }))).toThrow(/"adapters\.qboGatway" is not one of the plugin's ports; they are: clock, idGenerator, .*qboGateway/);
    expect(() => assertValidOptions(options({ adapters: { clock: 5 } as never }))).toThrow(/"adapters\.clock" must be an adapter object/);
  });

  it('keeps `overrides` working: a rebound port token becomes that adapter; an unknown token is refused in plain words', () => {
    const gateway = new InMemoryQboGateway();
    const clock = { now: () => 7 };
    expect(adaptersOfOverrides((ports) => {
      ports.rebind(QboGateway).toConstantValue(gateway);
      ports.rebind<Clock>(Clock).toConstantValue(clock);
    })).toEqual({ qboGateway: gateway, clock });
    expect(() => adaptersOfOverrides((ports) => ports.rebind(Symbol('Mine')).toConstantValue({}))).toThrow('overrides: Symbol(Mine) is not one of the plugin\'s ports. Rebind an exported port (QboGateway, HostDirectory, …), or use the "adapters" option.');
  });
});
