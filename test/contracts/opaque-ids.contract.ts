import { opaqueIdPattern, type OpaqueIds } from '../../src/application/ports/opaque-ids.port';

/** What every OpaqueIds adapter promises: run against the AES one and the in-memory one. */
export function describeOpaqueIdsContract(name: string, make: () => OpaqueIds): void {
  describe(`OpaqueIds contract: ${name}`, () => {
    let ids: OpaqueIds;
    beforeEach(() => {
      ids = make();
    });

    it('opens what it sealed, for the same tenant and kind only', () => {
      for (const id of ['1', '41', '9007199254740993', '18446744073709551615']) {
        const sealed = ids.seal('7001', 'activity', id);
        expect(sealed).toMatch(opaqueIdPattern);
        expect(ids.open('7001', 'activity', sealed)).toBe(id);
        expect(ids.open('7002', 'activity', sealed)).toBeNull();
        expect(ids.open('7001', 'outbox', sealed)).toBeNull();
      }
    });

    it('gives the same id the same name, every id its own, and never the id itself', () => {
      expect(ids.seal('t', 'activity', '100')).toBe(ids.seal('t', 'activity', '100'));
      const names = ['100', '101', '102', '1000'].map((id) => ids.seal('t', 'activity', id));
      expect(new Set(names).size).toBe(4);
      expect(ids.seal('t', 'activity', '9007199254740993')).not.toContain('9007199254740993');
    });

    it('opens nothing forged, altered or malformed', () => {
      const sealed = ids.seal('t', 'activity', '5');
      const altered = `${sealed.slice(0, 10)}${sealed[10] === 'A' ? 'B' : 'A'}${sealed.slice(11)}`;
      for (const forged of [altered, 'A'.repeat(22), '5', '', 'x'.repeat(500), `${sealed}=`]) expect(ids.open('t', 'activity', forged)).toBeNull();
    });

    it('keeps tenants whose ids hold separators apart', () => {
      expect(ids.open('a', 'activity', ids.seal('a:b', 'activity', '1'))).toBeNull();
    });
  });
}
