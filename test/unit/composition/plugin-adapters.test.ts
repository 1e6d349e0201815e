import knex from 'knex';
import { InMemoryOpaqueIds } from '../../../src/adapters/memory/in-memory-opaque.ids';
import { InMemoryQboAuthorizer } from '../../../src/adapters/memory/in-memory-qbo.authorizer';
import { InMemoryQboCompanyCheck } from '../../../src/adapters/memory/in-memory-qbo-company.check';
import { InMemoryQboGateway } from '../../../src/adapters/memory/in-memory-qbo.gateway';
import { Clock } from '../../../src/application/ports/clock.port';
import { OpaqueIds } from '../../../src/application/ports/opaque-ids.port';
import { QboCompanyCheck } from '../../../src/application/ports/qbo-company-check.port';
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

  it("replaces the security ports like the others: the company check and the activity ids' sealer", () => {
    const check = new InMemoryQboCompanyCheck(new InMemoryQboAuthorizer({ now: () => 0 }, { redirectUri: 'http://host.test/cb' }));
    const ids = new InMemoryOpaqueIds();
    const ports = createPluginPorts(options(), 'qbo_', { qboCompanyCheck: check, opaqueIds: ids });
    expect([ports.qboCompanyCheck, ports.opaqueIds]).toEqual([check, ids]);
    expect(() => assertValidOptions(options({ adapters: { qboCompanyCheck: check, opaqueIds: ids, connectionConfirmer: { confirmLater: () => undefined } } }))).not.toThrow();
    const standard = createPluginPorts(options(), 'qbo_', {});
    expect(standard.qboCompanyCheck).toEqual(expect.objectContaining({ companyOf: expect.any(Function) }));
    expect(standard.opaqueIds.open('t', 'activity', standard.opaqueIds.seal('t', 'activity', '12'))).toBe('12');
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
    const ids = new InMemoryOpaqueIds();
    const check = { companyOf: async () => ({ ok: true as const, value: { companyName: 'Mine' } }) };
    expect(adaptersOfOverrides((ports) => {
      ports.rebind(QboCompanyCheck).toConstantValue(check);
      ports.rebind(OpaqueIds).toConstantValue(ids);
    })).toEqual({ qboCompanyCheck: check, opaqueIds: ids });
    expect(() => adaptersOfOverrides((ports) => ports.rebind(Symbol('Mine')).toConstantValue({}))).toThrow('overrides: Symbol(Mine) is not one of the plugin\'s ports. Rebind an exported port (QboGateway, HostDirectory, …), or use the "adapters" option.');
  });
});
