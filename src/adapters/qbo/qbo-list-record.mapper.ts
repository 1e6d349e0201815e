import type { QboRecordOf } from '../../domain/qbo/qbo-records';
import { refFrom } from './qbo-customer.mapper';
import { requiredTextAt, textAt, type QboJson } from './qbo-json';

/** Vendors and employees matter only because their names collide with customers' (qbo-api.md §3). */
export const nameRecordFrom = (entity: 'Vendor' | 'Employee', json: QboJson): QboRecordOf<'Vendor' | 'Employee'> => ({
  entity,
  ref: refFrom(json, entity),
  fields: { displayName: requiredTextAt(json, 'DisplayName', entity), active: json['Active'] !== false },
});

export const accountFrom = (json: QboJson): QboRecordOf<'Account'> => ({
  entity: 'Account',
  ref: refFrom(json, 'Account'),
  fields: {
    name: requiredTextAt(json, 'Name', 'Account'),
    accountType: textAt(json, 'AccountType') ?? '',
    accountSubType: textAt(json, 'AccountSubType') || null,
    active: json['Active'] !== false,
  },
});
