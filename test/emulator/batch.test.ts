import { EmulatorClient, type Company } from './emulator-client';

describe('emulator: batch endpoint', () => {
  const emulator = EmulatorClient.use();
  let company: Company;
  beforeEach(async () => {
    company = await emulator.company();
  });

  it('runs independent items, answers each by bId with its own Fault, and is HTTP 200 even when items fault', async () => {
    const existing = await emulator.created(company, 'Customer', { DisplayName: 'Taken' });
    const answer = await emulator.api(company, 'POST', 'batch', {
      BatchItemRequest: [
        { bId: 'b1', operation: 'create', Customer: { DisplayName: 'Taken' } },
        { bId: 'b2', operation: 'create', Customer: { DisplayName: 'Fresh' } },
        { bId: 'b3', operation: 'update', Customer: { Id: existing.Id, SyncToken: '5', sparse: true, Notes: 'x' } },
        { bId: 'b4', Query: "select * from Customer where DisplayName = 'Taken'" },
        { bId: 'b5', operation: 'update', Customer: { Id: existing.Id, SyncToken: '0', sparse: true, Notes: 'ok' } },
      ],
    });
    expect(answer.status).toBe(200);
    const byId = Object.fromEntries(answer.body.BatchItemResponse.map((item: any) => [item.bId, item]));
    expect(byId.b1.Fault).toMatchObject({ type: 'ValidationFault', Error: [{ code: '6240' }] });
    expect(byId.b2.Customer).toMatchObject({ DisplayName: 'Fresh', SyncToken: '0' });
    expect(byId.b3.Fault.Error[0].code).toBe('5010');
    expect(byId.b4.QueryResponse.Customer[0].Id).toBe(existing.Id);
    expect(byId.b5.Customer).toMatchObject({ Notes: 'ok', SyncToken: '1' });
    expect(typeof answer.body.time).toBe('string');
  });

  it('deletes and voids transactions in a batch', async () => {
    const customer = await emulator.created(company, 'Customer', { DisplayName: 'Batch Payer' });
    const one = await emulator.created(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 5 });
    const two = await emulator.created(company, 'Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 7 });
    const answer = await emulator.api(company, 'POST', 'batch', {
      BatchItemRequest: [
        { bId: 'd', operation: 'delete', Payment: { Id: one.Id, SyncToken: '0' } },
        { bId: 'v', operation: 'update', optionsData: 'void', Payment: { Id: two.Id, SyncToken: '0', sparse: true } },
      ],
    });
    expect(answer.body.BatchItemResponse).toEqual([
      { bId: 'd', Payment: { status: 'Deleted', domain: 'QBO', Id: one.Id } },
      { bId: 'v', Payment: expect.objectContaining({ TotalAmt: 0, PrivateNote: 'Voided' }) },
    ]);
  });

  it('refuses more than 30 items, and items without a bId, as a whole (400)', async () => {
    const items = Array.from({ length: 31 }, (_, index) => ({ bId: `b${index}`, operation: 'create', Customer: { DisplayName: `C${index}` } }));
    const tooMany = await emulator.api(company, 'POST', 'batch', { BatchItemRequest: items });
    expect(tooMany.status).toBe(400);
    expect((await emulator.state(company)).Customer).toBeUndefined();
    const noBid = await emulator.api(company, 'POST', 'batch', { BatchItemRequest: [{ operation: 'create', Customer: { DisplayName: 'X' } }] });
    expect(noBid.status).toBe(400);
    const thirty = await emulator.api(company, 'POST', 'batch', { BatchItemRequest: items.slice(0, 30) });
    expect(thirty.body.BatchItemResponse).toHaveLength(30);
  });

  it('replays a batch sent again with the same requestid without running it twice', async () => {
    const body = { BatchItemRequest: [{ bId: 'b1', operation: 'create', Customer: { DisplayName: 'Once Only' } }] };
    const first = await emulator.api(company, 'POST', 'batch?requestid=batch-1', body);
    const second = await emulator.api(company, 'POST', 'batch?requestid=batch-1', body);
    expect(second.body).toEqual(first.body);
    expect((await emulator.state(company)).Customer).toHaveLength(1);
  });
});
