import { EmulatorClient, faultCode, type Company } from './emulator-client';

// Intuit (blogs.intuit.com/2015/04/06/15346): a repeated requestid gets "the same response as it did for the original
// request". Whether refusals count is undocumented, so the emulator replays them by default and can be told not to.
describe('emulator: a refusal and its requestid', () => {
  const emulator = EmulatorClient.use({}, 'each');
  let company: Company;
  let customer: any;
  beforeEach(async () => {
    company = await emulator.company();
    customer = await emulator.created(company, 'Customer', { DisplayName: 'Gone Quiet' });
    await emulator.api(company, 'POST', 'customer', { Id: customer.Id, SyncToken: '0', sparse: true, Active: false });
  });
  const payment = () => ({ CustomerRef: { value: customer.Id }, TotalAmt: 10 });
  const reactivate = () => emulator.api(company, 'POST', 'customer', { Id: customer.Id, SyncToken: '1', sparse: true, Active: true });

  it('by default the stored refusal comes back for the same requestid even after its cause is gone; a new requestid goes through', async () => {
    expect(faultCode(await emulator.create(company, 'Payment', payment(), 'pay-1'))).toBe('610');
    await reactivate();
    const replayed = await emulator.create(company, 'Payment', payment(), 'pay-1');
    expect(faultCode(replayed)).toBe('610');
    expect((await emulator.requests(company)).at(-1)).toMatchObject({ requestid: 'pay-1', replayed: true, status: 400 });
    expect((await emulator.create(company, 'Payment', payment(), 'pay-2')).status).toBe(200);
  });

  it('with replayRefusals off the same requestid is tried again, and succeeds once the cause is gone', async () => {
    await emulator.control('POST', '/config', { replayRefusals: false });
    expect(faultCode(await emulator.create(company, 'Payment', payment(), 'pay-1'))).toBe('610');
    await reactivate();
    expect((await emulator.create(company, 'Payment', payment(), 'pay-1')).status).toBe(200);
    expect((await emulator.create(company, 'Payment', payment(), 'pay-1')).body.Payment.TotalAmt).toBe(10);
    expect((await emulator.state(company)).Payment).toHaveLength(1);
  });
});
