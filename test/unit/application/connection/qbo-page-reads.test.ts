import { QboPageReads } from '../../../../src/application/setup/qbo-page-reads';
import { applicationError } from '../../../../src/application/application-error';
import { err, ok } from '../../../../src/domain/shared/result';

describe('QboPageReads', () => {
  let now = 0;
  let loads = 0;
  const reads = () => new QboPageReads({ now: () => now }, 10_000);
  const load = async () => ok(`read ${(loads += 1)}`);
  beforeEach(() => {
    now = 0;
    loads = 0;
  });

  it('shares one read among everyone who asks at once, and reuses it until it is ten seconds old', async () => {
    const page = reads();
    const answers = await Promise.all(Array.from({ length: 500 }, () => page.read('t', 'Account', load)));
    expect(new Set(answers.map((a) => (a.ok ? a.value : '')))).toEqual(new Set(['read 1']));
    now = 9_999;
    expect(await page.read('t', 'Account', load)).toEqual(ok('read 1'));
    now = 10_000;
    expect(await page.read('t', 'Account', load)).toEqual(ok('read 2'));
  });

  it('keeps tenants and lists apart, and forgets a tenant on demand', async () => {
    const page = reads();
    await page.read('t', 'Account', load);
    expect(await page.read('u', 'Account', load)).toEqual(ok('read 2'));
    expect(await page.read('t', 'Customer', load)).toEqual(ok('read 3'));
    page.forget('t');
    expect(await page.read('t', 'Account', load)).toEqual(ok('read 4'));
    expect(await page.read('u', 'Account', load)).toEqual(ok('read 2'));
  });

  it('does not keep a failed read or a thrown one', async () => {
    const page = reads();
    const failure = err(applicationError('QboUnavailable', 'qbo_unavailable', 'QuickBooks could not be read just now.'));
    expect(await page.read('t', 'Account', async () => failure)).toEqual(failure);
    await expect(page.read('t', 'Account', async () => { throw new Error('database away'); })).rejects.toThrow('database away');
    expect(await page.read('t', 'Account', load)).toEqual(ok('read 1'));
  });
});
