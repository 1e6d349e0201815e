import type { QboCompanyCheck } from '../../src/application/ports/qbo-company-check.port';

export interface CompanyGrant {
  readonly realmId: string;
  readonly accessToken: string;
  readonly companyName: string;
}

export interface QboCompanyCheckSubject {
  readonly check: QboCompanyCheck;
  /** A new QBO company and an access token that opens it. */
  grant(companyName: string): Promise<CompanyGrant>;
  /** Ends the grant `accessToken` belongs to, as Intuit's revoke endpoint does. */
  revoke(accessToken: string): Promise<void>;
  /** The next check of `realmId` meets a throttle, or an outage. */
  fail(realmId: string, fault: 'busy' | 'unavailable'): Promise<void>;
}

/** What every QboCompanyCheck promises: run against the HTTP check with the emulator, and the in-memory one. */
export function describeQboCompanyCheckContract(name: string, makeSubject: () => Promise<QboCompanyCheckSubject>): void {
  describe(`QboCompanyCheck contract: ${name}`, () => {
    let subject: QboCompanyCheckSubject;
    beforeEach(async () => {
      subject = await makeSubject();
    });

    it('names the company the token opens', async () => {
      const mine = await subject.grant('Blue Lagoon Pools');
      expect(await subject.check.companyOf(mine.realmId, mine.accessToken)).toEqual({ ok: true, value: { companyName: mine.companyName } });
    });

    it("refuses the claim when the token is another company's, the company does not exist, or the grant was revoked", async () => {
      const mine = await subject.grant('Blue Lagoon Pools');
      const theirs = await subject.grant('Someone Else Spas');
      expect(await subject.check.companyOf(theirs.realmId, mine.accessToken)).toMatchObject({ ok: false, error: { kind: 'NotGranted', message: expect.stringContaining(theirs.realmId) } });
      expect(await subject.check.companyOf('1234567890123456789', mine.accessToken)).toMatchObject({ ok: false, error: { kind: 'NotGranted' } });
      expect(await subject.check.companyOf(mine.realmId, 'eyJ-made-up')).toMatchObject({ ok: false, error: { kind: 'NotGranted' } });
      await subject.revoke(mine.accessToken);
      expect(await subject.check.companyOf(mine.realmId, mine.accessToken)).toMatchObject({ ok: false, error: { kind: 'NotGranted' } });
    });

    it('says "busy" with a wait when QBO throttles, and "unavailable" when it fails, without deciding either way', async () => {
      const mine = await subject.grant('Blue Lagoon Pools');
      await subject.fail(mine.realmId, 'busy');
      const busy = await subject.check.companyOf(mine.realmId, mine.accessToken);
      expect(busy).toMatchObject({ ok: false, error: { kind: 'Busy' } });
      expect(!busy.ok && busy.error.kind === 'Busy' && busy.error.retryAfterMs).toBeGreaterThan(0);
      await subject.fail(mine.realmId, 'unavailable');
      expect(await subject.check.companyOf(mine.realmId, mine.accessToken)).toMatchObject({ ok: false, error: { kind: 'Unavailable' } });
      expect((await subject.check.companyOf(mine.realmId, mine.accessToken)).ok).toBe(true);
    });
  });
}
