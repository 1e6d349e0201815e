import { customerMatchReport, itemMatchReport } from '../../../src/domain/names/match-report';
import { toQboCustomerFields } from '../../../src/domain/customers/customer-to-qbo';
import { toQboItemFields } from '../../../src/domain/items/item-to-qbo';
import { aCustomer, anItem } from '../../support/domain/host-records.builder';

describe('customerMatchReport', () => {
  it('lists exact matches, both sides left over, near matches, status mismatches and duplicates', () => {
    const host = [
      aCustomer({ id: '1', firstName: 'José', lastName: 'Smith', email: null, phone: null, street: null }),
      aCustomer({ id: '2', firstName: 'Kevin', lastName: 'Park', isActive: false, email: null, phone: null, street: null }),
      aCustomer({ id: '3', companyName: 'The Smiths', displayAsCompany: true, email: null, phone: null, street: '4 Coral Ct' }),
      aCustomer({ id: '4', firstName: 'Ana', lastName: 'Cruz', email: 'ana@example.com', phone: null, street: '4 Coral Court' }),
    ];
    const qbo = [
      { id: '51', fields: toQboCustomerFields(aCustomer({ firstName: 'jose', lastName: 'smith' })) },
      { id: '52', fields: toQboCustomerFields(aCustomer({ firstName: 'Kevin', lastName: 'Park', isActive: true })) },
      { id: '53', fields: toQboCustomerFields(aCustomer({ firstName: 'John and Jane', lastName: 'Smith', email: null, phone: null, street: null })) },
    ];
    const report = customerMatchReport(host, qbo);
    expect(report.matched.map((pair) => [pair.hostId, pair.qboId])).toEqual([['1', '51'], ['2', '52']]);
    expect(report.hostOnly.map((record) => record.id)).toEqual(['3', '4']);
    expect(report.qboOnly.map((record) => record.id)).toEqual(['53']);
    expect(report.nearMatches.map((match) => [match.hostId, match.qboId])).toEqual([['3', '53']]);
    expect(report.statusMismatches.map((mismatch) => [mismatch.hostId, mismatch.fix])).toEqual([['2', 'qbo']]);
    expect(report.duplicates.map((group) => [group.reason, group.records.map((record) => record.id)])).toEqual([['same-street', ['3', '4']]]);
  });
});

describe('itemMatchReport', () => {
  it('matches catalog items to QBO items by name', () => {
    const report = itemMatchReport(
      [anItem({ id: 'i-1' }), anItem({ id: 'i-2', kind: 'pool_service', name: 'Weekly pool service' })],
      [{ id: '7', fields: toQboItemFields(anItem({ name: 'CHLORINE TABLETS 3IN' })) }, { id: '8', fields: toQboItemFields(anItem({ name: 'Weekly pool service - premium' })) }],
    );
    expect(report.matched).toEqual([{ hostId: 'i-1', hostName: 'Chlorine tablets 3in', qboId: '7', qboName: 'CHLORINE TABLETS 3IN' }]);
    expect(report.nearMatches.map((match) => [match.hostId, match.qboId, match.signals])).toEqual([['i-2', '8', ['shared-words']]]);
  });
});
