import { InMemoryActivityLog } from '../../../../src/adapters/memory/in-memory-activity.log';
import { InMemoryConnectionStore } from '../../../../src/adapters/memory/in-memory-connection.store';
import { InMemoryJobStore } from '../../../../src/adapters/memory/in-memory-job.store';
import { InMemorySettingsStore } from '../../../../src/adapters/memory/in-memory-settings.store';
import { EnableSync } from '../../../../src/application/use-cases/enable-sync.use-case';
import type { GetPreflight } from '../../../../src/application/use-cases/setup/get-preflight.use-case';
import { ok } from '../../../../src/domain/shared/result';
import { ContractClock } from '../../../../src/testing/contract-clock';

const tenantId = 'enable-co';

/** A pre-flight that always has a warning, and counts how often it was computed. */
class CountedPreflight {
  runs = 0;
  async execute(): ReturnType<GetPreflight['execute']> {
    this.runs += 1;
    return ok({ hasWarnings: true, duplicates: [{}], creditTotals: { customers: 0, count: 0, totalCents: 0 }, review: [] } as unknown as GetPreflight.Output);
  }

  /** The page's read of the company's currency (cached a few seconds), which Save & Sync keeps. */
  async homeCurrency(): Promise<string | null> {
    return 'CAD';
  }
}

const setUp = async () => {
  const connections = new InMemoryConnectionStore();
  const tokens = { accessToken: 'a', refreshToken: 'r', createdAt: 0, accessTokenExpiresAt: 1, refreshTokenExpiresAt: 2 };
  await connections.save({ tenantId, realmId: 'realm-1', companyName: 'Pools', status: 'connected', statusReason: null, tokens });
  const settings = new InMemorySettingsStore();
  await settings.update(tenantId, { incomeAccountId: '1', depositAccountId: '2' });
  const preflight = new CountedPreflight();
  const launched: string[] = [];
  let id = 0;
  const enable = new EnableSync(connections, settings, preflight as unknown as GetPreflight, new InMemoryJobStore(), { launch: (_tenant, jobId) => launched.push(jobId) }, { newId: () => `job-${(id += 1)}` }, new InMemoryActivityLog(), new ContractClock());
  return { enable, preflight, launched, settings };
};

describe('EnableSync (Save & Sync)', () => {
  it('refuses while the warnings are not acknowledged, having computed them', async () => {
    const { enable, preflight, launched } = await setUp();
    const answer = await enable.execute({ tenantId, acknowledgeWarnings: false });
    expect(answer.ok ? 'started' : answer.error.code).toBe('warnings_not_acknowledged');
    expect(preflight.runs).toBe(1);
    expect(launched).toEqual([]);
  });

  it('starts the job at once when the warnings are acknowledged, without computing them again', async () => {
    const { enable, preflight, launched, settings } = await setUp();
    const answer = await enable.execute({ tenantId, acknowledgeWarnings: true });
    expect(answer.ok && answer.value.jobId).toBe('job-1');
    expect(launched).toEqual(['job-1']);
    expect(preflight.runs).toBe(0);
    // The company's currency is kept all the same, for the money in the activity log's words.
    expect((await settings.get(tenantId)).homeCurrency).toBe('CAD');
  });
});
