import request from 'supertest';
import { createRealm } from '../support/emulator-seed';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { mountPath } from '../support/test-host';

// Issue 15, step 1: the tax code and the two payout accounts, listed live from QBO beside the income and deposit
// accounts, each checked against QBO when saved; no payout account ("Don't sync payouts") is the default.
describe('tax code and payout accounts in the settings (MariaDB + emulator over HTTP)', () => {
  const stack = useHostStack({ hostTables: false, timeoutMs: 30_000 });
  const tenant = '1501';
  const get = (path: string) => request(stack.host.app).get(`${mountPath}${path}`).set('x-company-id', tenant);
  const put = (body: unknown) => request(stack.host.app).put(`${mountPath}/settings`).set('x-company-id', tenant).send(body as object);
  let accounts: Record<string, Array<{ id: string; name: string; accountType?: string }>>;
  const idOf = (list: string, name: string): string => accounts[list]!.find((a) => a.name === name)!.id;

  beforeAll(async () => {
    await createRealm(stack.emulator.url, 'Manual Tax Pools', 'manual');
    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
    accounts = (await get('/accounts').expect(200)).body;
  });

  it('lists the tax codes that group rates (not TAX or NON), bank accounts for payouts and expense accounts for fees', () => {
    expect(accounts['taxCodes']!.map((code) => code.name)).toEqual(['California', 'Tucson']);
    expect(accounts['payout']!.every((a) => a.accountType === 'Bank')).toBe(true);
    expect(accounts['payout']!.map((a) => a.name)).toContain('Checking');
    expect(accounts['payoutFee']!.map((a) => a.name)).toContain('Bank Charges & Fees');
    expect(accounts['payoutFee']!.every((a) => a.accountType === 'Expense' || a.accountType === 'Other Expense')).toBe(true);
  });

  it('starts with no tax code and payouts off, saves the choices, and null turns payouts off again', async () => {
    expect((await get('/settings').expect(200)).body).toMatchObject({ taxCodeId: null, payoutAccountId: null, payoutFeeAccountId: null });
    const chosen = {
      incomeAccountId: accounts['income']![0]!.id,
      depositAccountId: idOf('deposit', 'Undeposited Funds'),
      taxCodeId: idOf('taxCodes', 'Tucson'),
      payoutAccountId: idOf('payout', 'Checking'),
      payoutFeeAccountId: idOf('payoutFee', 'Bank Charges & Fees'),
    };
    expect((await put(chosen).expect(200)).body).toEqual({ ...chosen, serviceImportKind: 'pool_service' });
    expect((await get('/settings').expect(200)).body).toMatchObject(chosen);
    expect((await put({ payoutAccountId: null }).expect(200)).body).toMatchObject({ payoutAccountId: null, payoutFeeAccountId: chosen.payoutFeeAccountId, taxCodeId: chosen.taxCodeId });
  });

  it('refuses a tax code QBO does not have or that is a line code, accounts of the wrong type, and payouts without what they need', async () => {
    const refused = async (body: unknown, code: string, status = 422) => expect((await put(body).expect(status)).body.error.code).toBe(code);
    await refused({ taxCodeId: '999' }, 'unknown_tax_code');
    await refused({ taxCodeId: 'TAX' }, 'invalid_field', 400);
    await refused({ payoutAccountId: idOf('deposit', 'Undeposited Funds') }, 'wrong_payout_account_type');
    await refused({ payoutFeeAccountId: idOf('payout', 'Checking') }, 'wrong_payout_fee_account_type');
    await put({ payoutFeeAccountId: null }).expect(200);
    await refused({ payoutAccountId: idOf('payout', 'Checking') }, 'no_payout_fee_account');
    await put({ depositAccountId: idOf('payout', 'Checking') }).expect(200);
    const direct = await put({ payoutAccountId: idOf('payout', 'Savings'), payoutFeeAccountId: idOf('payoutFee', 'Bank Charges & Fees') }).expect(422);
    expect(direct.body.error).toMatchObject({ code: 'payouts_need_undeposited_funds', message: expect.stringContaining('Undeposited Funds') });
    expect((await get('/settings').expect(200)).body).toMatchObject({ payoutAccountId: null });
  });
});
