import fc from 'fast-check';
import type { LinkStore } from '../../src/application/ports/link-store.port';
import type { Link } from '../../src/domain/sync/link';
import { uniqueTenant } from './contract-clock';

const link = (hostId: string, overrides: Partial<Link> = {}): Link => ({
  kind: 'customer',
  hostId,
  qboEntity: 'Customer',
  qboId: `q${hostId}`,
  syncToken: '0',
  fingerprint: `fp-${hostId}`,
  pushed: { displayName: `Customer ${hostId}`, active: true, address: { city: 'Tampa' }, lines: [1, 2] },
  retired: false,
  ...overrides,
});

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

export const describeLinkStoreContract = (name: string, makeStore: () => Promise<LinkStore>): void => {
  describe(`LinkStore contract: ${name}`, () => {
    let store: LinkStore;
    let tenant: string;
    beforeEach(async () => {
      store = await makeStore();
      tenant = uniqueTenant('links');
    });

    it('saves, reads back and replaces a link, pushed fields included', async () => {
      await store.save(tenant, link('1'));
      expect(await store.get(tenant, 'customer', '1')).toEqual(link('1'));
      const replaced = link('1', { syncToken: '3', fingerprint: 'fp2', pushed: null, retired: true });
      await store.save(tenant, replaced);
      expect(await store.get(tenant, 'customer', '1')).toEqual(replaced);
      expect(await store.count(tenant)).toBe(1);
    });

    it('keeps any JSON value of pushed fields exactly', async () => {
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.string(), fc.jsonValue()), async (pushed) => {
          await store.save(tenant, link('p', { pushed }));
          expect((await store.get(tenant, 'customer', 'p'))?.pushed).toEqual(JSON.parse(JSON.stringify(pushed)));
        }),
        { numRuns: 30 },
      );
    });

    it('gives back pushed fields as JSON does, -0 as 0, in every adapter', async () => {
      await store.save(tenant, link('z', { pushed: { balance: -0, nested: { at: -0 } } }));
      const pushed = (await store.get(tenant, 'customer', 'z'))?.pushed;
      expect(Object.is(pushed?.['balance'], 0)).toBe(true);
      expect(pushed).toEqual({ balance: 0, nested: { at: 0 } });
    });

    it('keys links by tenant, kind and host id', async () => {
      const other = uniqueTenant('other');
      await store.saveMany(tenant, [link('1'), link('1', { kind: 'item', qboEntity: 'Item', qboId: 'i1' })]);
      expect(await store.get(other, 'customer', '1')).toBeNull();
      expect((await store.get(tenant, 'item', '1'))?.qboId).toBe('i1');
      expect(await store.count(tenant, 'customer')).toBe(1);
      expect(await store.count(tenant, 'item')).toBe(1);
      expect(await store.count(other)).toBe(0);
    });

    it('tells host ids apart byte for byte', async () => {
      await store.saveMany(tenant, [link('abc'), link('ABC', { qboId: 'upper' })]);
      expect((await store.get(tenant, 'customer', 'abc'))?.qboId).toBe('qabc');
      expect((await store.get(tenant, 'customer', 'ABC'))?.qboId).toBe('upper');
    });

    it('gets many at once, leaving out the unknown ones', async () => {
      await store.saveMany(tenant, [link('1'), link('2'), link('3')]);
      const found = await store.getMany(tenant, 'customer', ['3', '1', 'nope', '1']);
      expect([...found.keys()].sort()).toEqual(['1', '3']);
      expect(found.get('3')).toEqual(link('3'));
      expect((await store.getMany(tenant, 'customer', [])).size).toBe(0);
    });

    it('finds a link by its QBO id within the tenant, preferring a live one', async () => {
      await store.saveMany(tenant, [link('old', { qboId: '55', retired: true }), link('new', { qboId: '55' })]);
      expect((await store.findByQboId(tenant, 'Customer', '55'))?.hostId).toBe('new');
      expect(await store.findByQboId(tenant, 'Item', '55')).toBeNull();
      expect(await store.findByQboId(uniqueTenant('other'), 'Customer', '55')).toBeNull();
    });

    it('lists every link of a kind in host-id order, across pages', async () => {
      const ids = Array.from({ length: 1_234 }, (_, i) => `h${String(i).padStart(5, '0')}`);
      await store.saveMany(tenant, [...ids].reverse().map((id) => link(id)));
      await store.save(tenant, link('x', { kind: 'item', qboEntity: 'Item' }));
      const listed = await collect(store.list(tenant, 'customer'));
      expect(listed.map((l) => l.hostId)).toEqual(ids);
    });

    it('removes every link of the tenant and nothing else', async () => {
      const other = uniqueTenant('other');
      await store.saveMany(tenant, [link('1'), link('2')]);
      await store.save(other, link('1'));
      await store.removeAll(tenant);
      expect(await store.count(tenant)).toBe(0);
      expect(await store.count(other)).toBe(1);
    });
  });
};
