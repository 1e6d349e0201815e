import { InMemoryQboAuthorizer } from '../../src/adapters/memory/in-memory-qbo.authorizer';
import { InMemoryQboCompanyCheck } from '../../src/adapters/memory/in-memory-qbo-company.check';
import { HttpQboCompanyCheck } from '../../src/adapters/qbo/http-qbo-company.check';
import { IntuitQboAuthorizer } from '../../src/adapters/qbo/intuit-qbo.authorizer';
import { EmulatorClient } from '../emulator/emulator-client';
import { recordingLogger } from '../adapters/qbo/fake-token-server';
import { ContractClock } from './contract-clock';
import { describeQboCompanyCheckContract } from './qbo-company-check.contract';
import { grantOf, redirectUri } from './qbo-authorizer.contract';

const emulator = EmulatorClient.use();

describeQboCompanyCheckContract('HTTP against the emulator', async () => {
  const clock = new ContractClock();
  const options = { clientId: 'client', clientSecret: 'secret', redirectUri, environment: 'sandbox' as const, apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url };
  const authorizer = new IntuitQboAuthorizer(options, clock);
  return {
    check: new HttpQboCompanyCheck(options, { now: () => Date.now() }, recordingLogger()),
    grant: async (companyName) => {
      const { realmId, accessToken } = (await emulator.control('POST', '/realms', { companyName })).body as { realmId: string; accessToken: string };
      return { realmId, accessToken, companyName };
    },
    revoke: (accessToken) => authorizer.revoke(accessToken),
    fail: async (realmId, fault) => {
      await emulator.control('POST', '/faults', { realmId, kind: fault === 'busy' ? 'throttle' : 'server-error', count: 1 });
    },
  };
});

describeQboCompanyCheckContract('in memory', async () => {
  const authorizer = new InMemoryQboAuthorizer(new ContractClock(), { redirectUri });
  const names = new Map<string, string>();
  const check = new InMemoryQboCompanyCheck(authorizer, (realmId) => names.get(realmId) ?? '');
  let realms = 0;
  return {
    check,
    grant: async (companyName) => {
      const realmId = `46208163650${String((realms += 1)).padStart(8, '0')}`;
      names.set(realmId, companyName);
      const exchanged = await authorizer.exchangeCode(grantOf(authorizer.consent(authorizer.authorizeUrl('s'), realmId)));
      if (!exchanged.ok) throw new Error(exchanged.error.message);
      return { realmId, accessToken: exchanged.value.tokens.accessToken, companyName };
    },
    revoke: (accessToken) => authorizer.revoke(accessToken),
    fail: async (realmId, fault) => check.fail(realmId, fault),
  };
});
