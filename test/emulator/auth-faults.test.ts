import { EmulatorClient } from './emulator-client';

describe('emulator: the authentication and authorization faults QBO sends', () => {
  const emulator = EmulatorClient.use();

  it('a missing or expired token: 401, lowercase envelope, 3200, type AUTHENTICATION, detail null', async () => {
    const company = await emulator.company();
    const missing = await emulator.api(company, 'GET', `companyinfo/${company.realmId}`, undefined, null);
    expect(missing.status).toBe(401);
    expect(missing.body.fault).toEqual({ error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: null, code: '3200', element: null }], type: 'AUTHENTICATION' });
  });

  it('a valid token for another company: 401, capital Fault, 100 General Authentication Error', async () => {
    const one = await emulator.company();
    const two = await emulator.company();
    const crossed = await emulator.api({ ...one, accessToken: two.accessToken }, 'GET', `companyinfo/${one.realmId}`);
    expect(crossed.status).toBe(401);
    expect(crossed.body.Fault).toEqual({ type: 'AuthenticationFault', Error: [expect.objectContaining({ code: '100', Message: 'General Authentication Error' })] });
  });

  it('a company this server does not hold: 401, capital Fault, 130 Accessing Wrong Cluster', async () => {
    const company = await emulator.company();
    const elsewhere = await emulator.api({ ...company, realmId: '4620816365000000001' }, 'GET', 'companyinfo/4620816365000000001');
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.Fault.Error[0]).toMatchObject({ code: '130', Message: 'Accessing Wrong Cluster' });
  });

  it('a token without the right to the data (fault kind forbidden): 403, lowercase, 3100, type SERVICE, detail null', async () => {
    const company = await emulator.company();
    await emulator.control('POST', '/faults', { realmId: company.realmId, kind: 'forbidden' });
    const forbidden = await emulator.api(company, 'GET', `companyinfo/${company.realmId}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.fault).toEqual({ error: [{ message: 'message=AuthorizationFailed; errorCode=003100; statusCode=403', detail: null, code: '3100', element: null }], type: 'SERVICE' });
  });
});
