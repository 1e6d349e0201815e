import { EmulatorClient, faultCode, type Company } from './emulator-client';

describe('emulator: query language', () => {
  const emulator = EmulatorClient.use();
  let company: Company;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    company = await emulator.company();
    for (const name of ['Alpha Pools', 'Beta Spa', "O'Brien Family", 'Gamma Pools', 'Delta Ponds']) {
      ids[name] = (await emulator.created(company, 'Customer', { DisplayName: name, CompanyName: name.split(' ')[0] })).Id;
    }
    await emulator.api(company, 'POST', 'customer', { Id: ids['Delta Ponds'], SyncToken: '0', sparse: true, Active: false });
  });

  const names = (answer: any): string[] => (answer.body.QueryResponse.Customer ?? []).map((customer: any) => customer.DisplayName);

  it('SELECT * returns active rows with startPosition and maxResults (the count returned)', async () => {
    const answer = await emulator.query(company, 'SELECT * FROM Customer');
    expect(answer.status).toBe(200);
    expect(names(answer)).toEqual(['Alpha Pools', 'Beta Spa', "O'Brien Family", 'Gamma Pools']);
    expect(answer.body.QueryResponse).toMatchObject({ startPosition: 1, maxResults: 4 });
    expect(typeof answer.body.time).toBe('string');
  });

  it('Active IN (true,false) and Active = false include inactive rows', async () => {
    expect(names(await emulator.query(company, 'select * from Customer where Active IN (true, false)'))).toHaveLength(5);
    expect(names(await emulator.query(company, 'select * from Customer where Active = false'))).toEqual(['Delta Ponds']);
  });

  it('= compares case-insensitively, \\\' escapes a quote, LIKE takes %', async () => {
    expect(names(await emulator.query(company, "select * from Customer where DisplayName = 'beta spa'"))).toEqual(['Beta Spa']);
    expect(names(await emulator.query(company, "select * from Customer where DisplayName = 'O\\'Brien Family'"))).toEqual(["O'Brien Family"]);
    expect(names(await emulator.query(company, "select * from Customer where DisplayName LIKE '%pools'"))).toEqual(['Alpha Pools', 'Gamma Pools']);
    expect(names(await emulator.query(company, "select * from Customer where DisplayName LIKE 'Al%' AND CompanyName = 'Alpha'"))).toEqual(['Alpha Pools']);
  });

  it('IN, comparisons on Id, ORDERBY and paging', async () => {
    const inList = await emulator.query(company, `select * from Customer where Id IN ('${ids['Alpha Pools']}', '${ids['Gamma Pools']}')`);
    expect(names(inList)).toEqual(['Alpha Pools', 'Gamma Pools']);
    expect(names(await emulator.query(company, `select * from Customer where Id > '${ids["O'Brien Family"]}'`))).toEqual(['Gamma Pools']);
    expect(names(await emulator.query(company, 'select * from Customer ORDERBY DisplayName DESC'))).toEqual(['O\'Brien Family', 'Gamma Pools', 'Beta Spa', 'Alpha Pools']);
    const page = await emulator.query(company, 'select * from Customer ORDERBY DisplayName STARTPOSITION 2 MAXRESULTS 2');
    expect(names(page)).toEqual(['Beta Spa', 'Gamma Pools']);
    expect(page.body.QueryResponse).toMatchObject({ startPosition: 2, maxResults: 2 });
  });

  it('count(*) answers totalCount; an empty result is an empty QueryResponse', async () => {
    expect((await emulator.query(company, 'select count(*) from Customer')).body.QueryResponse).toEqual({ totalCount: 4 });
    expect((await emulator.query(company, "select * from Customer where DisplayName = 'Nobody'")).body.QueryResponse).toEqual({});
  });

  it('POST with Content-Type application/text works like GET', async () => {
    const answer = await emulator.api(company, 'POST', 'query', "select * from Customer where DisplayName = 'Alpha Pools'");
    expect(names(answer)).toEqual(['Alpha Pools']);
  });

  it('filters on MetaData.LastUpdatedTime and nested fields like PrivateNote and CustomerRef', async () => {
    const future = await emulator.query(company, "select * from Customer where MetaData.LastUpdatedTime > '2999-01-01T00:00:00-07:00'");
    expect(future.body.QueryResponse).toEqual({});
    expect(names(await emulator.query(company, "select * from Customer where MetaData.LastUpdatedTime >= '2000-01-01'"))).toHaveLength(4);
    const services = await emulator.account(company, 'Services');
    const item = await emulator.created(company, 'Item', { Name: 'Q item', Type: 'Service', IncomeAccountRef: { value: services.Id } });
    await emulator.created(company, 'Invoice', { CustomerRef: { value: ids['Beta Spa'] }, PrivateNote: 'qbo-sync:t9:invoice:42', Line: [{ DetailType: 'SalesItemLineDetail', Amount: 12, SalesItemLineDetail: { ItemRef: { value: item.Id } } }] });
    const byNote = await emulator.query(company, "select * from Invoice where PrivateNote LIKE '%qbo-sync:t9:invoice:42%'");
    expect(byNote.body.QueryResponse.Invoice).toHaveLength(1);
    const byCustomer = await emulator.query(company, `select * from Invoice where CustomerRef = '${ids['Beta Spa']}' and Balance > '11.99'`);
    expect(byCustomer.body.QueryResponse.Invoice[0].TotalAmt).toBe(12);
    const accounts = await emulator.query(company, "select * from Account where AccountType IN ('Bank', 'Other Current Asset')");
    expect(accounts.body.QueryResponse.Account.map((a: any) => a.Name)).toEqual(expect.arrayContaining(['Checking', 'Undeposited Funds']));
  });

  it('refuses OR and MAXRESULTS over 1000 with a QueryValidationError, and nonsense with a parser error', async () => {
    const or = await emulator.query(company, "select * from Customer where DisplayName = 'a' OR DisplayName = 'b'");
    expect(or.status).toBe(400);
    expect(or.body.Fault.Error[0].Detail).toMatch(/^QueryValidationError/);
    const tooMany = await emulator.query(company, 'select * from Customer MAXRESULTS 1500');
    expect(tooMany.body.Fault.Error[0].Detail).toBe('QueryValidationError: value 1500 is too large. Max allowed value is 1000');
    expect(faultCode(await emulator.query(company, 'select from where'))).toBe('4000');
    expect(faultCode(await emulator.query(company, "select * from Customer where DisplayName = 'open"))).toBe('4000');
    expect(faultCode(await emulator.query(company, 'select * from Spaceship'))).toBe('4001');
    expect(faultCode(await emulator.query(company, "select * from Customer where Color = 'red'"))).toBe('4001');
  });
});
