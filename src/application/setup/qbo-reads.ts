import type { QboError } from '../../domain/qbo/qbo-error';
import type { QboReadableEntity, QboRecordOf } from '../../domain/qbo/qbo-records';
import { err, ok, type Result } from '../../domain/shared/result';
import { applicationError, type ApplicationError } from '../application-error';
import { QboFailure, type QboGateway } from '../ports/qbo-gateway.port';
import type { QboPageReads } from './qbo-page-reads';

/** A QBO read that did not get through, as the admin's page should show it. */
export const qboReadError = (error: QboError): ApplicationError => {
  if (error.kind === 'NotConnected' || error.kind === 'Unauthorized') {
    return applicationError('NotConnected', 'not_connected', `QuickBooks could not be read: ${error.message} Connect (or reconnect) to QuickBooks and try again.`);
  }
  return applicationError('QboUnavailable', 'qbo_unavailable', `QuickBooks could not be read just now: ${error.message} Try again in a minute.`);
};

/** Reads every record of `entity` page by page, keeping what `keep` returns (null drops the record). */
export const readAllFromQbo = async <E extends QboReadableEntity, T>(
  gateway: QboGateway,
  tenantId: string,
  entity: E,
  keep: (record: QboRecordOf<E>) => T | null,
): Promise<Result<T[], ApplicationError>> => {
  const kept: T[] = [];
  try {
    for await (const record of gateway.list(tenantId, entity)) {
      const value = keep(record);
      if (value !== null) kept.push(value);
    }
  } catch (error) {
    if (error instanceof QboFailure) return err(qboReadError(error.error));
    throw error;
  }
  return ok(kept);
};

/** Every record of `entity` for the admin's page, shared and kept briefly per tenant (QboPageReads), then kept by `keep`. */
export const readForPage = async <E extends QboReadableEntity, T>(
  reads: QboPageReads,
  gateway: QboGateway,
  tenantId: string,
  entity: E,
  keep: (record: QboRecordOf<E>) => T | null,
): Promise<Result<T[], ApplicationError>> => {
  const all = await reads.read(tenantId, entity, () => readAllFromQbo(gateway, tenantId, entity, (record) => record));
  if (!all.ok) return all;
  return ok(all.value.flatMap((record) => {
    const value = keep(record);
    return value === null ? [] : [value];
  }));
};

/** Drains a host stream into an array (the host side of a report; records are small). */
export const collect = async <T>(stream: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const value of stream) all.push(value);
  return all;
};

/** The company's home currency (ISO 4217), for the page to show money in; kept with the page's other QBO reads. */
export const readHomeCurrencyForPage = (reads: QboPageReads, gateway: QboGateway, tenantId: string): Promise<Result<string, ApplicationError>> =>
  reads.read(tenantId, 'homeCurrency', async () => {
    const read = await gateway.homeCurrency(tenantId);
    return read.ok ? ok(read.value) : err(qboReadError(read.error));
  });
