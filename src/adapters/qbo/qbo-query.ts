import type { QboReadableEntity } from '../../domain/qbo/qbo-records';

/** A string literal in QBO's query language: single quotes, backslash-escaped (qbo-api.md §5). */
export const quote = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Name lists hide inactive rows unless asked; transactions have no Active flag. */
export const hasActiveFlag = (entity: QboReadableEntity): boolean =>
  entity === 'Customer' || entity === 'Item' || entity === 'Vendor' || entity === 'Employee' || entity === 'Account';

export const pageSize = 1000;

export const selectPage = (entity: QboReadableEntity, where: readonly string[], startPosition: number): string => {
  const conditions = hasActiveFlag(entity) ? [...where, 'Active IN (true,false)'] : where;
  const whereClause = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
  return `SELECT * FROM ${entity}${whereClause} STARTPOSITION ${startPosition} MAXRESULTS ${pageSize}`;
};
