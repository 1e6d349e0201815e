import { InMemoryHostDirectory } from '../../../src/adapters/memory/in-memory-host.directory';
import { InMemoryLinkStore } from '../../../src/adapters/memory/in-memory-link.store';
import { RoundHostReads } from '../../../src/application/delivery/round-host-reads';
import { RoundLinkReads } from '../../../src/application/delivery/round-link-reads';
import type { HostDirectory } from '../../../src/application/ports/host-directory.port';
import { aCustomer, anInvoice, aPayment } from '../../support/domain/host-records.builder';
import { aLink } from '../../support/domain/link.builder';

// What one round's decisions read, each once (ADR 0078): kept until the round begins to deliver or writes that record.
const tenantId = 'memo-co';

/** The port's calls, by method; calls an adapter makes to itself are not counted. */
const counting = <T extends object>(target: T): { port: T; calls: string[] } => {
  const calls: string[] = [];
  const port = new Proxy(target, {
    get: (object, property) => {
      const value = (object as Record<PropertyKey, unknown>)[property];
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(`${String(property)} ${JSON.stringify(args.slice(1))}`);
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
  return { port, calls };
};

describe('a round\'s links', () => {
  it('reads a link once, again after the round begins to deliver its record, and again after the round saves it', async () => {
    const store = new InMemoryLinkStore();
    const { port, calls } = counting(store);
    const reads = new RoundLinkReads(port, tenantId);
    expect(await reads.get(tenantId, 'invoice', 'inv-1')).toBeNull();
    expect(await reads.get(tenantId, 'invoice', 'inv-1')).toBeNull();
    expect(calls).toEqual(['getMany ["invoice",["inv-1"]]']);

    reads.forget({ kind: 'invoice', hostId: 'inv-1' });
    await store.save(tenantId, aLink('invoice', 'inv-1', 'Invoice', '41'));
    expect((await reads.get(tenantId, 'invoice', 'inv-1'))?.qboId).toBe('41');

    await reads.save(tenantId, aLink('invoice', 'inv-1', 'Invoice', '41', { syncToken: '1' }));
    expect((await reads.get(tenantId, 'invoice', 'inv-1'))?.syncToken).toBe('1');
    expect(calls.filter((call) => call.startsWith('getMany'))).toHaveLength(3);
  });

  it('reads the links it forgot again together, with the next read of their kind', async () => {
    const store = new InMemoryLinkStore();
    await store.saveMany(tenantId, ['inv-1', 'inv-2', 'inv-3'].map((id, n) => aLink('invoice', id, 'Invoice', `${40 + n}`)));
    const { port, calls } = counting(store);
    const reads = new RoundLinkReads(port, tenantId);
    await reads.getMany(tenantId, 'invoice', ['inv-1', 'inv-2']);
    for (const hostId of ['inv-1', 'inv-2']) reads.forget({ kind: 'invoice', hostId });
    expect([...(await reads.getMany(tenantId, 'invoice', ['inv-3'])).keys()]).toEqual(['inv-3']);
    expect((await reads.get(tenantId, 'invoice', 'inv-2'))?.qboId).toBe('41');
    expect(calls).toEqual(['getMany ["invoice",["inv-1","inv-2"]]', 'getMany ["invoice",["inv-3","inv-1","inv-2"]]']);
  });

  it('leaves another company\'s links to the store', async () => {
    const { port, calls } = counting(new InMemoryLinkStore());
    const reads = new RoundLinkReads(port, tenantId);
    await reads.get('other-co', 'customer', '17');
    await reads.get('other-co', 'customer', '17');
    expect(calls).toHaveLength(2);
  });
});

describe('a round\'s host rows', () => {
  const hostWith = (): InMemoryHostDirectory => {
    const host = new InMemoryHostDirectory();
    host.putCustomer(tenantId, aCustomer({ id: '17' }), 1);
    for (const id of ['inv-1', 'inv-2']) host.putInvoice(tenantId, anInvoice({ id }), 1);
    host.putPayment(tenantId, aPayment({ id: 'p-1', invoiceId: 'inv-1' }), 1);
    host.putPayment(tenantId, aPayment({ id: 'p-2', invoiceId: 'inv-2' }), 1);
    return host;
  };

  it('reads a row once, and again after the round begins to deliver that record, with the others it forgot', async () => {
    const host = hostWith();
    const { port, calls } = counting(host);
    const reads = new RoundHostReads(port, tenantId);
    await reads.getCustomer(tenantId, '17');
    await reads.read(tenantId, 'customer', '17');
    await reads.getInvoice(tenantId, 'inv-1');
    expect(calls).toEqual(['readMany ["customer",["17"]]', 'readMany ["invoice",["inv-1"]]']);

    reads.forget({ kind: 'customer', hostId: '17' });
    host.putCustomer(tenantId, aCustomer({ id: '17', email: 'new@example.com' }), 2);
    expect((await reads.getCustomer(tenantId, '17'))?.email).toBe('new@example.com');
    expect(calls).toHaveLength(3);
  });

  it('reads the payments of every invoice the round\'s rows are or name in one go, live ones without deleted', async () => {
    const host = hostWith();
    host.putPayment(tenantId, aPayment({ id: 'p-3', invoiceId: 'inv-1', deleted: true }), 1);
    const { port, calls } = counting(host);
    const reads = new RoundHostReads(port, tenantId);
    reads.remember({ kind: 'invoice', hostId: 'inv-1', read: { kind: 'found', record: anInvoice({ id: 'inv-1' }) } });
    reads.remember({ kind: 'payment', hostId: 'p-2', read: { kind: 'found', record: aPayment({ id: 'p-2', invoiceId: 'inv-2' }) } });
    expect((await reads.everyPaymentForInvoice(tenantId, 'inv-1')).map((payment) => payment.id)).toEqual(['p-1', 'p-3']);
    expect((await reads.paymentsForInvoice(tenantId, 'inv-1')).map((payment) => payment.id)).toEqual(['p-1']);
    expect((await reads.paymentsForInvoice(tenantId, 'inv-2')).map((payment) => payment.id)).toEqual(['p-2']);
    expect(calls).toEqual(['everyPaymentForInvoices [["inv-1","inv-2"]]']);
  });

  it('reads each invoice\'s payments when asked for from a directory that cannot read several at once', async () => {
    const host = hostWith();
    const { port, calls } = counting(host);
    const withoutMany: HostDirectory = Object.assign(Object.create(port) as HostDirectory, { everyPaymentForInvoices: undefined });
    const reads = new RoundHostReads(withoutMany, tenantId);
    reads.remember({ kind: 'invoice', hostId: 'inv-2', read: { kind: 'found', record: anInvoice({ id: 'inv-2' }) } });
    await reads.everyPaymentForInvoice(tenantId, 'inv-1');
    await reads.everyPaymentForInvoice(tenantId, 'inv-1');
    expect(calls).toEqual(['everyPaymentForInvoice ["inv-1"]']);
  });
});
